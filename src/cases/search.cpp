#include "cases/search.hpp"

#include <algorithm>
#include <array>

namespace satupintu::cases {

namespace {

constexpr std::array<std::string_view, 40> kStopWords = {
    "yang",   "dan",   "di",   "ke",    "dari",   "ini",   "itu",   "untuk",  "dengan", "ada",
    "tidak",  "sudah", "akan", "pada",  "oleh",   "atau",  "juga",  "saya",   "kami",   "kita",
    "karena", "sejak", "agar", "mohon", "tolong", "bisa",  "dalam", "sangat", "sekali", "tersebut",
    "para",   "bapak", "ibu",  "pak",   "bu",     "telah", "belum", "masih",  "the",    "and"};

bool EndsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsVowel(char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

// Strips the first matching suffix when at least `keep` characters remain.
bool StripSuffix(std::string& w, std::initializer_list<std::string_view> suffixes, size_t keep) {
    for (auto s : suffixes) {
        if (EndsWith(w, s) && w.size() - s.size() >= keep) {
            w.resize(w.size() - s.size());
            return true;
        }
    }
    return false;
}

// One prefix, with the nasal assimilation of me-/pe- (menulis -> tulis, memukul -> pukul,
// menyapu -> sapu, mengurus -> urus).
bool StripPrefix(std::string& w) {
    auto rest = [&](size_t n) { return w.size() > n + 2 ? std::string_view(w).substr(n) : std::string_view(); };
    for (std::string_view base : {"me", "pe"}) {
        if (w.rfind(base, 0) != 0) continue;
        const std::string_view after = std::string_view(w).substr(2);
        if (after.rfind("ng", 0) == 0 && !rest(4).empty()) {
            w = std::string(rest(4));
            return true;
        }
        if (after.rfind("ny", 0) == 0 && !rest(4).empty()) {
            w = "s" + std::string(rest(4));
            return true;
        }
        if (after.rfind("m", 0) == 0 && !rest(3).empty()) {
            w = (IsVowel(w[3]) ? "p" : "") + std::string(rest(3));
            return true;
        }
        if (after.rfind("n", 0) == 0 && !rest(3).empty()) {
            w = (IsVowel(w[3]) ? "t" : "") + std::string(rest(3));
            return true;
        }
        if (base == "pe" && after.rfind("r", 0) == 0 && w.size() > 3 && !IsVowel(w[3]) && !rest(3).empty()) {
            w = std::string(rest(3));  // perbaikan -> baikan
            return true;
        }
        if (!after.empty() && (after[0] == 'l' || after[0] == 'r' || after[0] == 'w' || after[0] == 'y') &&
            !rest(2).empty()) {
            w = std::string(rest(2));  // melapor -> lapor, merusak -> rusak
            return true;
        }
    }
    for (std::string_view p : {"ber", "ter", "di", "ke", "se", "be"}) {
        if (w.rfind(p, 0) == 0 && w.size() >= p.size() + 3) {
            w.erase(0, p.size());
            return true;
        }
    }
    return false;
}

}  // namespace

std::string Stem(std::string_view word, bool strip_kan) {
    std::string w(word);
    if (w.size() <= 4) return w;
    StripSuffix(w, {"lah", "kah", "pun", "tah"}, 4);
    StripSuffix(w, {"nya", "ku", "mu"}, 4);
    if (!(strip_kan && StripSuffix(w, {"kan"}, 4))) StripSuffix(w, {"an", "i"}, 4);
    for (int i = 0; i < 2 && StripPrefix(w); ++i) {
    }
    return w;
}

std::vector<std::string> Terms(std::string_view text, size_t max_terms, TermsFor use) {
    std::vector<std::string> out;
    std::string word;
    auto add = [&](std::string stem) {
        if (out.size() < max_terms && std::find(out.begin(), out.end(), stem) == out.end())
            out.push_back(std::move(stem));
    };
    auto flush = [&] {
        if (word.size() >= 2 && word.size() <= 40 &&
            std::find(kStopWords.begin(), kStopWords.end(), word) == kStopWords.end()) {
            add(Stem(word));
            if (use == TermsFor::kDocument) add(Stem(word, true));
        }
        word.clear();
    };
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
            word.push_back(static_cast<char>(c));
        } else if (c >= 'A' && c <= 'Z') {
            word.push_back(static_cast<char>(c - 'A' + 'a'));
        } else {
            flush();
        }
    }
    flush();
    return out;
}

}  // namespace satupintu::cases
