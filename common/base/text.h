#ifndef POLYLATERAL_COMMON_BASE_TEXT_H_
#define POLYLATERAL_COMMON_BASE_TEXT_H_

#include <cstddef>
#include <string>

namespace polylateral {

// Number of code points when `s` is valid UTF-8 without control characters (U+0000..U+001F,
// U+007F), or -1 otherwise: user-supplied names go to logs, CSV exports and other systems.
// `allow_newlines` admits \n and \t (descriptions, texts).
long Utf8PrintableLength(const std::string& s, bool allow_newlines = false);

// Whether `s` is a plausible e-mail address (local@domain.tld, no spaces, <= 254 bytes).
bool LooksLikeEmail(const std::string& s);

// Whether `s` is an absolute http(s) URL with a host and no spaces.
bool LooksLikeHttpUrl(const std::string& s);

// ASCII lower-casing; other bytes are kept. Used for case-insensitive keys.
std::string AsciiLower(const std::string& s);

}  // namespace polylateral

#endif  // POLYLATERAL_COMMON_BASE_TEXT_H_
