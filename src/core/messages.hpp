// The message catalog: every user-facing string, in Bahasa Indonesia first and English second.
//
// Keys are stable identifiers ("error.not_found"). Lookup is a static table; thread-safe.
#pragma once

#include <string_view>

namespace satupintu {

enum class Lang { kId, kEn };

// Picks the language from an Accept-Language header: English only when it is preferred over
// Indonesian; Indonesian otherwise.
Lang LangFromAcceptLanguage(std::string_view header);

// The text for `key`; the key itself if unknown (so a missing entry is visible, not blank).
std::string_view Message(std::string_view key, Lang lang);

}  // namespace satupintu
