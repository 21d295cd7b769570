#include "common/base/text.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace polylateral {

long Utf8PrintableLength(const std::string& s, bool allow_newlines) {
  long count = 0;
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      len = 1;
      cp = c;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return -1;
    }
    if (i + len > s.size()) return -1;
    for (size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return -1;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and out-of-range values are not valid UTF-8.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return -1;
    }
    const bool control = cp < 0x20 || cp == 0x7F;
    if (control && !(allow_newlines && (cp == '\n' || cp == '\t' || cp == '\r'))) return -1;
    i += len;
    ++count;
  }
  return count;
}

bool LooksLikeEmail(const std::string& s) {
  if (s.size() > 254) return false;
  size_t at = s.find('@');
  if (at == std::string::npos || at == 0 || s.find('@', at + 1) != std::string::npos) {
    return false;
  }
  std::string domain = s.substr(at + 1);
  size_t dot = domain.rfind('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 >= domain.size()) return false;
  for (char c : s) {
    if (absl::ascii_isspace(c) || absl::ascii_iscntrl(c)) return false;
  }
  return true;
}

bool LooksLikeHttpUrl(const std::string& s) {
  std::string rest;
  if (absl::StartsWith(s, "https://")) {
    rest = s.substr(8);
  } else if (absl::StartsWith(s, "http://")) {
    rest = s.substr(7);
  } else {
    return false;
  }
  if (rest.empty() || rest.front() == '/' || s.size() > 2048) return false;
  for (char c : s) {
    if (absl::ascii_isspace(c) || absl::ascii_iscntrl(c)) return false;
  }
  return true;
}

std::string AsciiLower(const std::string& s) { return absl::AsciiStrToLower(s); }

}  // namespace polylateral
