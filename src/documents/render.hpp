// Output documents (permits, recommendation letters, receipts): what a document says, and its
// one-page A4 PDF with the region's letterhead and a QR code to the public verification page.
//
// Rendering is a pure function of the content: the same content gives the same bytes, so a
// document whose PDF was lost can be rendered again and still match its signature.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"

namespace satupintu::documents {

struct Field {
    std::string label;
    std::string value;
};

// Everything printed on the page; all of it (and the PDF's hash) is signed.
struct Content {
    std::string id;          // random, in the verification URL
    std::string region;      // tenant code
    std::string number;      // letter number, e.g. 000.9.2/15/KESBANGPOL/2026
    std::string title;       // SURAT KETERANGAN PENELITIAN
    std::string government;  // PEMERINTAH KABUPATEN SERANG
    std::string office;      // BADAN KESATUAN BANGSA DAN POLITIK
    std::string address;     // the office's address line
    std::string service_code;
    std::string case_number;
    std::string holder_name;
    std::string body;  // the paragraph
    std::vector<Field> fields;
    std::string place;      // "Serang"
    std::string issued_on;  // YYYY-MM-DD
    std::optional<std::string> valid_until;
    std::string signer_title;                  // "Kepala Badan Kesatuan Bangsa dan Politik"
    std::optional<std::string> signer_name;    // the official who approved it (none: approved by law at its deadline)
    std::optional<std::string> emblem_sha256;  // the region's emblem on the letterhead (a PNG in the file store)
    std::string verify_url;
};

// A date as a letter writes it: "7 Desember 2026" (the text as it is when not YYYY-MM-DD).
std::string LongDate(const std::string& iso);

json::object ContentJson(const Content& c);
Result<Content> ContentFromJson(const json::object& o);

// The one-page PDF (libhpdf; text in WinAnsi, characters outside it shown as '?').
// `emblem_png`: the bytes of c.emblem_sha256, drawn left of the letterhead (empty: none).
Result<std::string> RenderPdf(const Content& c, std::string_view emblem_png = {});

// Whether `png` is a whole PNG (8 bits per sample, not interlaced, at most 4096 px a side) that
// libhpdf draws, for checking an uploaded emblem.
bool DrawablePng(std::string_view png);

// One A4 page with a bold title and lines of text (the demo's sample scans of an applicant's
// papers, so that a newcomer's officer has real PDFs to look at).
Result<std::string> PlainPage(const std::string& title, const std::vector<std::string>& lines);

}  // namespace satupintu::documents
