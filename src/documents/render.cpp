#include "documents/render.hpp"

#include <hpdf.h>
#include <qrencode.h>
#include <zlib.h>

#include <algorithm>
#include <memory>

namespace satupintu::documents {

namespace {

// UTF-8 -> Windows-1252 for the base-14 fonts; anything outside Latin-1 (and the few CP1252
// extras we do not map) becomes '?'. Input is already known to be valid UTF-8.
std::string ToWinAnsi(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            out += (c < 0x20 && c != '\n') ? ' ' : static_cast<char>(c);
            ++i;
            continue;
        }
        const int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (len == 2 && i + 1 < s.size()) {
            const unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
            out += cp >= 0xA0 && cp <= 0xFF ? static_cast<char>(cp) : '?';
        } else {
            out += '?';
        }
        i += len;
    }
    return out;
}

void ErrorHandler(HPDF_STATUS, HPDF_STATUS, void* user) {
    *static_cast<bool*>(user) = true;
}

struct Pdf {
    bool failed = false;
    HPDF_Doc doc = nullptr;
    Pdf() { doc = HPDF_New(ErrorHandler, &failed); }
    ~Pdf() {
        if (doc) HPDF_Free(doc);
    }
    Pdf(const Pdf&) = delete;
    Pdf& operator=(const Pdf&) = delete;
};

// The document's bytes.
Result<std::string> Bytes(Pdf& pdf) {
    if (HPDF_SaveToStream(pdf.doc) != HPDF_OK || pdf.failed) return Err(Errc::kInternal, "libhpdf: cannot render");
    std::string out(HPDF_GetStreamSize(pdf.doc), '\0');
    HPDF_UINT32 size = static_cast<HPDF_UINT32>(out.size());
    if (HPDF_ReadFromStream(pdf.doc, reinterpret_cast<HPDF_BYTE*>(out.data()), &size) != HPDF_OK &&
        size != out.size()) {
        return Err(Errc::kInternal, "libhpdf: cannot read the stream");
    }
    out.resize(size);
    return out;
}

constexpr float kLeft = 56, kRight = 539, kWidth = kRight - kLeft;

void Centered(HPDF_Page page, HPDF_Font font, float size, float y, const std::string& text) {
    const std::string t = ToWinAnsi(text);
    HPDF_Page_SetFontAndSize(page, font, size);
    const float w = HPDF_Page_TextWidth(page, t.c_str());
    HPDF_Page_BeginText(page);
    HPDF_Page_TextOut(page, kLeft + (kWidth - w) / 2, y, t.c_str());
    HPDF_Page_EndText(page);
}

void At(HPDF_Page page, HPDF_Font font, float size, float x, float y, const std::string& text) {
    const std::string t = ToWinAnsi(text);
    HPDF_Page_SetFontAndSize(page, font, size);
    HPDF_Page_BeginText(page);
    HPDF_Page_TextOut(page, x, y, t.c_str());
    HPDF_Page_EndText(page);
}

// Wrapped text in a box from `top` down; returns the y below the text.
float Paragraph(HPDF_Page page, HPDF_Font font, float size, float left, float top, float right,
                const std::string& text) {
    const std::string t = ToWinAnsi(text);
    HPDF_Page_SetFontAndSize(page, font, size);
    HPDF_Page_SetTextLeading(page, size * 1.4f);
    // Measure the lines first so the box is exactly as tall as the text.
    int lines = 0;
    for (size_t start = 0; start < t.size();) {
        HPDF_REAL real_width = 0;
        const HPDF_UINT n = HPDF_Page_MeasureText(page, t.c_str() + start, right - left, HPDF_TRUE, &real_width);
        if (n == 0) break;
        start += n;
        while (start < t.size() && t[start] == ' ') ++start;
        ++lines;
    }
    const float height = lines * size * 1.4f + 2;
    HPDF_Page_BeginText(page);
    HPDF_Page_TextRect(page, left, top, right, top - height, t.c_str(), HPDF_TALIGN_JUSTIFY, nullptr);
    HPDF_Page_EndText(page);
    return top - height;
}

void DrawQr(HPDF_Page page, const std::string& url, float x, float y, float size) {
    std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(QRcode_encodeString(url.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1),
                                                       &QRcode_free);
    if (!qr) return;
    const float cell = size / static_cast<float>(qr->width);
    HPDF_Page_SetRGBFill(page, 0, 0, 0);
    for (int row = 0; row < qr->width; ++row) {
        for (int col = 0; col < qr->width; ++col) {
            if (qr->data[row * qr->width + col] & 1) {
                HPDF_Page_Rectangle(page, x + col * cell, y + size - (row + 1) * cell, cell, cell);
            }
        }
    }
    HPDF_Page_Fill(page);
}

}  // namespace

std::string LongDate(const std::string& iso) {
    static const char* kMonths[] = {"Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
                                    "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
    if (iso.size() != 10) return iso;
    const int m = std::atoi(iso.substr(5, 2).c_str());
    if (m < 1 || m > 12) return iso;
    return std::to_string(std::atoi(iso.substr(8, 2).c_str())) + " " + kMonths[m - 1] + " " + iso.substr(0, 4);
}

json::object ContentJson(const Content& c) {
    json::array fields;
    for (const auto& f : c.fields) fields.push_back({{"label", f.label}, {"value", f.value}});
    json::object o{{"id", c.id},
                   {"region", c.region},
                   {"number", c.number},
                   {"title", c.title},
                   {"government", c.government},
                   {"office", c.office},
                   {"address", c.address},
                   {"service_code", c.service_code},
                   {"case_number", c.case_number},
                   {"holder_name", c.holder_name},
                   {"body", c.body},
                   {"fields", std::move(fields)},
                   {"place", c.place},
                   {"issued_on", c.issued_on},
                   {"signer_title", c.signer_title},
                   {"verify_url", c.verify_url}};
    if (c.valid_until) o["valid_until"] = *c.valid_until;
    if (c.signer_name) o["signer_name"] = *c.signer_name;  // absent in documents signed before it existed
    if (c.emblem_sha256) o["emblem"] = *c.emblem_sha256;
    return o;
}

Result<Content> ContentFromJson(const json::object& o) {
    Content c;
    const auto text = [&](const char* key, std::string& out) -> Status {
        const auto* v = o.if_contains(key);
        if (!v || !v->is_string()) return Err(Errc::kInvalidInput, "document content lacks a text", key);
        out = std::string(v->as_string());
        return Status::Ok();
    };
    SP_TRY(text("id", c.id));
    SP_TRY(text("region", c.region));
    SP_TRY(text("number", c.number));
    SP_TRY(text("title", c.title));
    SP_TRY(text("government", c.government));
    SP_TRY(text("office", c.office));
    SP_TRY(text("address", c.address));
    SP_TRY(text("service_code", c.service_code));
    SP_TRY(text("case_number", c.case_number));
    SP_TRY(text("holder_name", c.holder_name));
    SP_TRY(text("body", c.body));
    SP_TRY(text("place", c.place));
    SP_TRY(text("issued_on", c.issued_on));
    SP_TRY(text("signer_title", c.signer_title));
    SP_TRY(text("verify_url", c.verify_url));
    if (const auto* v = o.if_contains("valid_until"); v && v->is_string()) c.valid_until = std::string(v->as_string());
    if (const auto* v = o.if_contains("signer_name"); v && v->is_string()) c.signer_name = std::string(v->as_string());
    if (const auto* v = o.if_contains("emblem"); v && v->is_string()) c.emblem_sha256 = std::string(v->as_string());
    if (const auto* v = o.if_contains("fields"); v && v->is_array()) {
        for (const auto& f : v->as_array()) {
            if (!f.is_object()) continue;
            const auto* label = f.as_object().if_contains("label");
            const auto* value = f.as_object().if_contains("value");
            if (label && value && label->is_string() && value->is_string()) {
                c.fields.push_back({std::string(label->as_string()), std::string(value->as_string())});
            }
        }
    }
    return c;
}

namespace {

uint32_t BigEndian32(std::string_view s, size_t at) {
    return (uint32_t(uint8_t(s[at])) << 24) | (uint32_t(uint8_t(s[at + 1])) << 16) |
           (uint32_t(uint8_t(s[at + 2])) << 8) | uint32_t(uint8_t(s[at + 3]));
}

// Whether `png` is a whole, plain PNG: every chunk's CRC right, IHDR first (at most 4096 px a
// side, 8 bits per sample, not interlaced), and the image data inflating to exactly its rows.
// libhpdf hands a PNG to libpng without a recovery point, so a damaged file would abort the
// process: nothing reaches it unchecked.
bool WholePng(std::string_view png) {
    if (png.size() < 8 + 25 + 12 || png.substr(0, 8) != std::string_view("\x89PNG\r\n\x1a\n", 8)) return false;
    size_t at = 8;
    uint32_t width = 0, height = 0;
    int channels = 0;
    std::string idat;
    bool first = true, end = false;
    while (at + 12 <= png.size() && !end) {
        const uint32_t length = BigEndian32(png, at);
        if (length > png.size() - at - 12) return false;
        const std::string_view type = png.substr(at + 4, 4);
        const std::string_view data = png.substr(at + 8, length);
        const uLong crc = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(png.data() + at + 4), length + 4);
        if (crc != BigEndian32(png, at + 8 + length)) return false;
        if (first != (type == "IHDR")) return false;
        if (type == "IHDR") {
            if (length != 13) return false;
            width = BigEndian32(data, 0);
            height = BigEndian32(data, 4);
            const int depth = uint8_t(data[8]), color = uint8_t(data[9]);
            const int interlace = uint8_t(data[12]);
            static constexpr int kChannels[] = {1, 0, 3, 1, 2, 0, 4};
            if (width == 0 || height == 0 || width > 4096 || height > 4096 || depth != 8 || color > 6 ||
                kChannels[color] == 0 || interlace != 0 || data[10] != 0 || data[11] != 0)
                return false;
            channels = kChannels[color];
        } else if (type == "IDAT") {
            idat.append(data);
        } else if (type == "IEND") {
            end = true;
        }
        first = false;
        at += 12 + length;
    }
    if (!end || idat.empty()) return false;
    // The rows: a filter byte and `width * channels` bytes each, nothing more and nothing less.
    const size_t expected = size_t{height} * (1 + size_t{width} * channels);
    std::string raw(expected + 1, '\0');
    uLongf size = raw.size();
    if (uncompress(reinterpret_cast<Bytef*>(raw.data()), &size, reinterpret_cast<const Bytef*>(idat.data()),
                   idat.size()) != Z_OK)
        return false;
    return size == expected;
}

}  // namespace

bool DrawablePng(std::string_view png) {
    if (!WholePng(png)) return false;
    Pdf pdf;
    if (!pdf.doc) return false;
    HPDF_Image image = HPDF_LoadPngImageFromMem(pdf.doc, reinterpret_cast<const HPDF_BYTE*>(png.data()),
                                                static_cast<HPDF_UINT>(png.size()));
    return image && !pdf.failed;
}

Result<std::string> RenderPdf(const Content& c, std::string_view emblem_png) {
    Pdf pdf;
    if (!pdf.doc) return Err(Errc::kInternal, "libhpdf: cannot create a document");
    HPDF_SetCompressionMode(pdf.doc, HPDF_COMP_ALL);
    HPDF_SetInfoAttr(pdf.doc, HPDF_INFO_TITLE, ToWinAnsi(c.title + " " + c.number).c_str());
    HPDF_SetInfoAttr(pdf.doc, HPDF_INFO_CREATOR, "SatuPintu");
    HPDF_Font regular = HPDF_GetFont(pdf.doc, "Helvetica", "WinAnsiEncoding");
    HPDF_Font bold = HPDF_GetFont(pdf.doc, "Helvetica-Bold", "WinAnsiEncoding");
    HPDF_Page page = HPDF_AddPage(pdf.doc);
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);

    // Letterhead (kop surat): the region's emblem on the left when it has one, and the double rule.
    if (!emblem_png.empty()) {
        if (!WholePng(emblem_png)) return Err(Errc::kInternal, "the region's emblem is not a whole PNG");
        HPDF_Image image = HPDF_LoadPngImageFromMem(pdf.doc, reinterpret_cast<const HPDF_BYTE*>(emblem_png.data()),
                                                    static_cast<HPDF_UINT>(emblem_png.size()));
        if (!image || pdf.failed) return Err(Errc::kInternal, "libhpdf: the region's emblem does not load");
        // At most 58 pt high and 58 pt wide, its proportions kept.
        const float w = static_cast<float>(HPDF_Image_GetWidth(image));
        const float h = static_cast<float>(HPDF_Image_GetHeight(image));
        const float scale = 58.0f / std::max(w, h);
        HPDF_Page_DrawImage(page, image, kLeft, 752 + (58 - h * scale) / 2, w * scale, h * scale);
    }
    float y = 790;
    Centered(page, bold, 13, y, c.government);
    Centered(page, bold, 15, y -= 19, c.office);
    Centered(page, regular, 9, y -= 14, c.address);
    y -= 9;
    HPDF_Page_SetLineWidth(page, 2);
    HPDF_Page_MoveTo(page, kLeft, y);
    HPDF_Page_LineTo(page, kRight, y);
    HPDF_Page_Stroke(page);
    HPDF_Page_SetLineWidth(page, 0.6f);
    HPDF_Page_MoveTo(page, kLeft, y - 3);
    HPDF_Page_LineTo(page, kRight, y - 3);
    HPDF_Page_Stroke(page);

    Centered(page, bold, 13, y -= 34, c.title);
    Centered(page, regular, 10.5f, y -= 16, "Nomor: " + c.number);

    y = Paragraph(page, regular, 10.5f, kLeft, y - 22, kRight, c.body);
    y -= 16;
    const float label_x = kLeft + 12, colon_x = kLeft + 170, value_x = colon_x + 10;
    for (const auto& f : c.fields) {
        At(page, regular, 10.5f, label_x, y, f.label);
        At(page, regular, 10.5f, colon_x, y, ":");
        y = Paragraph(page, regular, 10.5f, value_x, y + 10.5f, kRight, f.value) - 9;
        if (y < 260) break;  // one page: the signature block and QR keep their place
    }
    if (c.valid_until) {
        y -= 6;
        At(page, regular, 10.5f, kLeft, y, "Berlaku sampai dengan " + LongDate(*c.valid_until) + ".");
    }

    // Signature block (right) and the QR code to the verification page (left).
    const float sx = 330;
    float sy = 230;
    At(page, regular, 10.5f, sx, sy, c.place + ", " + LongDate(c.issued_on));
    At(page, bold, 10.5f, sx, sy -= 15, c.signer_title);
    At(page, regular, 9, sx, sy -= 24, "Ditandatangani secara elektronik");
    At(page, regular, 9, sx, sy -= 12, "(Ed25519, kunci publik daerah)");
    if (c.signer_name) At(page, bold, 10.5f, sx, sy -= 20, *c.signer_name);
    DrawQr(page, c.verify_url, kLeft, 110, 110);
    At(page, regular, 8, kLeft, 98, "Pindai untuk memeriksa keaslian dokumen:");
    At(page, regular, 7, kLeft, 88, c.verify_url);
    At(page, regular, 7, kLeft, 60,
       "Dokumen ini sah tanpa tanda tangan basah dan cap. Layanan ini tidak dipungut biaya selain tarif resmi.");
    At(page, regular, 7, kLeft, 51, "Nomor layanan: " + c.case_number + "   ID dokumen: " + c.id);

    return Bytes(pdf);
}

Result<std::string> PlainPage(const std::string& title, const std::vector<std::string>& lines) {
    Pdf pdf;
    if (!pdf.doc) return Err(Errc::kInternal, "libhpdf: cannot create a document");
    HPDF_SetCompressionMode(pdf.doc, HPDF_COMP_ALL);
    HPDF_Font regular = HPDF_GetFont(pdf.doc, "Helvetica", "WinAnsiEncoding");
    HPDF_Font bold = HPDF_GetFont(pdf.doc, "Helvetica-Bold", "WinAnsiEncoding");
    HPDF_Page page = HPDF_AddPage(pdf.doc);
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    float y = 780;
    At(page, bold, 14, kLeft, y, title);
    y -= 10;
    for (const auto& line : lines) At(page, regular, 11, kLeft, y -= 18, line);
    return Bytes(pdf);
}

}  // namespace satupintu::documents
