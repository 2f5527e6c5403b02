// The message catalog: every user-facing string, in Bahasa Indonesia first and English second.
//
// Keys are stable identifiers ("error.not_found"). Lookup is a static table; thread-safe.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace satupintu {

enum class Lang { kId, kEn };

// Picks the language from an Accept-Language header: English only when it is preferred over
// Indonesian; Indonesian otherwise.
Lang LangFromAcceptLanguage(std::string_view header);

// The text for `key`; the key itself if unknown (so a missing entry is visible, not blank).
std::string_view Message(std::string_view key, Lang lang);

// A named parameter of a message: "{number}" in the text is replaced by its value.
struct Param {
    std::string_view name;
    std::string value;
};
// The text for `key` with its {parameters} filled in; a parameter the text does not name is
// ignored, and a {name} without a value stays as it is (visible, not blank).
std::string Format(std::string_view key, Lang lang, std::initializer_list<Param> params);
std::string Format(std::string_view key, Lang lang, const std::vector<std::pair<std::string, std::string>>& params);

// Every key of the catalog, in order (for the tests that keep both languages complete).
std::vector<std::string_view> MessageKeys();

}  // namespace satupintu
