#include "documents/signature.hpp"

#include "core/crypto.hpp"
#include "events/canonical.hpp"

namespace satupintu::documents {

std::string Statement(const json::object& content, std::string_view pdf) {
    json::object o = content;
    o["pdf_sha256"] = crypto::Sha256Hex(pdf);
    return events::Canonical(o);
}

std::string Seal(std::string_view pdf, std::string_view key_id, std::string_view statement,
                 std::string_view signature) {
    std::string out;
    out.reserve(pdf.size() + statement.size() * 4 / 3 + 200);
    out.append(pdf);
    out.append(kSignatureMarker);
    out.append(key_id);
    out += ' ';
    out.append(crypto::Base64UrlEncode(statement));
    out += ' ';
    out.append(crypto::Base64UrlEncode(signature));
    out += '\n';
    return out;
}

Result<SignedFile> Split(std::string_view file) {
    const auto bad = [](const char* why) { return Err(Errc::kInvalidInput, why, "file"); };
    const size_t at = file.rfind(kSignatureMarker);
    if (at == std::string_view::npos) return bad("no SatuPintu signature in this file");
    std::string_view rest = file.substr(at + kSignatureMarker.size());
    if (rest.empty() || rest.back() != '\n') return bad("the signature line is cut off");
    rest.remove_suffix(1);
    const size_t s1 = rest.find(' ');
    const size_t s2 = s1 == std::string_view::npos ? s1 : rest.find(' ', s1 + 1);
    if (s2 == std::string_view::npos || rest.find(' ', s2 + 1) != std::string_view::npos) {
        return bad("the signature line is malformed");
    }
    SignedFile f;
    f.pdf = file.substr(0, at);
    f.key_id = std::string(rest.substr(0, s1));
    auto statement = crypto::Base64UrlDecode(rest.substr(s1 + 1, s2 - s1 - 1));
    auto signature = crypto::Base64UrlDecode(rest.substr(s2 + 1));
    if (!statement || !signature) return bad("the signature line is not base64url");
    f.statement = std::move(*statement);
    f.signature = std::move(*signature);
    auto content = ParseJsonObject(f.statement);
    if (!content) return bad("the signed statement is not JSON");
    f.content = std::move(*content);
    return f;
}

Check Verify(const SignedFile& f, std::string_view public_key) {
    if (!crypto::VerifyDetached(public_key, f.statement, f.signature)) return Check::kBadSignature;
    const auto* hash = f.content.if_contains("pdf_sha256");
    if (!hash || !hash->is_string() || hash->as_string() != crypto::Sha256Hex(f.pdf)) return Check::kAltered;
    return Check::kAuthentic;
}

}  // namespace satupintu::documents
