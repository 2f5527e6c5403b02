#include "core/messages.hpp"

#include <algorithm>
#include <array>

namespace satupintu {

namespace {
struct Entry {
    std::string_view key, id, en;
};

// Sorted by key (checked by messages_test).
constexpr std::array kCatalog = {
    Entry{"error.bad_credentials", "Email/telepon atau kata sandi salah.", "Wrong email/phone or password."},
    Entry{"error.conflict", "Data sudah ada.", "This already exists."},
    Entry{"error.csrf_token_invalid", "Token keamanan formulir tidak valid. Muat ulang halaman.",
          "The form's security token is invalid. Reload the page."},
    Entry{"error.forbidden", "Anda tidak berwenang melakukan ini.", "You are not allowed to do this."},
    Entry{"error.headers_too_large", "Header permintaan terlalu besar.", "Request headers are too large."},
    Entry{"error.internal", "Terjadi kesalahan pada server.", "Something went wrong on the server."},
    Entry{"error.invalid_input", "Data yang dikirim tidak valid.", "The data sent is not valid."},
    Entry{"error.invalid_utf8", "Teks harus berenkode UTF-8.", "Text must be UTF-8 encoded."},
    Entry{"error.malformed_json", "Isi permintaan bukan JSON yang valid.", "The request body is not valid JSON."},
    Entry{"error.method_not_allowed", "Metode tidak diizinkan untuk alamat ini.", "This method is not allowed here."},
    Entry{"error.not_found", "Tidak ditemukan.", "Not found."},
    Entry{"error.payload_too_large", "Isi permintaan terlalu besar.", "The request body is too large."},
    Entry{"error.rate_limited", "Terlalu banyak permintaan. Coba lagi nanti.", "Too many requests. Try again later."},
    Entry{"error.too_deep", "JSON bersarang terlalu dalam.", "The JSON is nested too deeply."},
    Entry{"error.unauthenticated", "Silakan masuk terlebih dahulu.", "Please log in first."},
    Entry{"error.unavailable", "Layanan sedang tidak tersedia.", "The service is unavailable."},
    Entry{"error.unsupported_media_type", "Jenis konten tidak didukung.", "Unsupported content type."},
};
}  // namespace

Lang LangFromAcceptLanguage(std::string_view header) {
    // Whichever of "id" and "en" comes first in the header wins; q-values are rarely needed
    // beyond order for these two.
    const auto id = header.find("id");
    const auto en = header.find("en");
    if (en != std::string_view::npos && (id == std::string_view::npos || en < id)) return Lang::kEn;
    return Lang::kId;
}

std::string_view Message(std::string_view key, Lang lang) {
    const auto it = std::lower_bound(kCatalog.begin(), kCatalog.end(), key,
                                     [](const Entry& e, std::string_view k) { return e.key < k; });
    if (it == kCatalog.end() || it->key != key) return key;
    return lang == Lang::kEn ? it->en : it->id;
}

}  // namespace satupintu
