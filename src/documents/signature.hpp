// The signed PDF: the rendered bytes followed by one PDF comment line that carries the signed
// statement and its Ed25519 signature:
//
//   <PDF bytes>%SATUPINTU-SIGNATURE v1 <key id> <base64url statement> <base64url signature>\n
//
// The statement is canonical JSON of the content plus "pdf_sha256" (the hash of the bytes before
// the line), so one changed byte anywhere in the file breaks either the hash or the signature.
// PDF readers ignore a comment after %%EOF; anyone with the region's published public key can
// check a file offline.
#pragma once

#include <string>
#include <string_view>

#include "core/json.hpp"
#include "core/result.hpp"

namespace satupintu::documents {

inline constexpr std::string_view kSignatureMarker = "%SATUPINTU-SIGNATURE v1 ";

// The statement bytes that are signed: canonical JSON of `content` with "pdf_sha256" added.
std::string Statement(const json::object& content, std::string_view pdf);

// Appends the signature line.
std::string Seal(std::string_view pdf, std::string_view key_id, std::string_view statement, std::string_view signature);

struct SignedFile {
    std::string_view pdf;  // the bytes before the signature line: a view into Split's argument
    std::string key_id;
    std::string statement;
    std::string signature;
    json::object content;  // the parsed statement
};

// Splits a file into its parts; kInvalidInput when there is no well-formed signature line.
Result<SignedFile> Split(std::string_view file);

enum class Check { kAuthentic, kAltered, kBadSignature };
// Whether the signature verifies with `public_key` and the hash matches the bytes.
Check Verify(const SignedFile& f, std::string_view public_key);

}  // namespace satupintu::documents
