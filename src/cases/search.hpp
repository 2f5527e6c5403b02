// Full-text search terms for Bahasa Indonesia, the same on both stores: text is lower-cased,
// split into words, stripped of stop words, and each word reduced by a light affix stemmer
// (particles -lah/-kah/-pun, possessives -ku/-mu/-nya, suffixes -kan/-an/-i, prefixes
// di-/ke-/se-/ter-/ber-/per-/pe-/me- with their nasal forms), so that "kerusakan", "rusak" and
// "dirusak" find one another. Documents and queries go through the same function.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace satupintu::cases {

// The stem of one lower-case word. "-kan" and "-an" cannot be told apart without a dictionary
// (tumpuk-an, laku-kan): `strip_kan` takes the "-kan" reading.
std::string Stem(std::string_view word, bool strip_kan = false);

enum class TermsFor { kDocument, kQuery };

// The distinct terms of a text, in order of first appearance, at most `max_terms`. A document
// gets both readings of a "-kan" word, a query only the "-an" one, so that either matches.
std::vector<std::string> Terms(std::string_view text, size_t max_terms = 64, TermsFor use = TermsFor::kDocument);

}  // namespace satupintu::cases
