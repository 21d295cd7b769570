#include "services/routing/domain/shingles.h"

#include <algorithm>

namespace polylateral::routing {
namespace {

constexpr uint32_t kSeparator = 0xFFFFFFFF;  // not a code point
constexpr uint32_t kDrop = 0xFFFFFFFE;       // removed without splitting the word

// Decodes one code point at `i` (advancing it); invalid sequences decode as a separator.
uint32_t NextCodePoint(absl::string_view s, size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  size_t len;
  uint32_t cp;
  if (c < 0x80) {
    ++i;
    return c;
  } else if ((c & 0xE0) == 0xC0) {
    len = 2, cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, cp = c & 0x07;
  } else {
    ++i;
    return kSeparator;
  }
  if (i + len > s.size()) {
    ++i;
    return kSeparator;
  }
  for (size_t k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) {
      ++i;
      return kSeparator;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  i += len;
  return cp;
}

// Case folding and classification of one code point.
uint32_t Fold(uint32_t cp) {
  if (cp < 0x80) {
    if (cp >= 'A' && cp <= 'Z') return cp + 32;
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) return cp;
    return cp == '\'' ? kDrop : kSeparator;
  }
  if (cp == 0x2019 || cp == 0x02BC) return kDrop;                // typographic apostrophes
  if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return kSeparator;  // Latin-1 symbols, NBSP
  if (cp <= 0xDE) return cp + 0x20;                              // Latin-1 capitals
  if (cp >= 0x100 && cp <= 0x17F) {                              // Latin Extended-A
    if (cp == 0x178) return 0xFF;
    const bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    const bool even_upper = (cp <= 0x137 && cp != 0x130) || (cp >= 0x14A && cp <= 0x177);
    if (odd_upper && cp % 2 == 1) return cp + 1;
    if (even_upper && cp % 2 == 0) return cp + 1;
    return cp;
  }
  if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return cp + 0x20;  // Greek capitals
  if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;                 // Cyrillic capitals
  if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
  if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
      (cp >= 0xFF01 && cp <= 0xFF0F)) {
    return kSeparator;  // general and CJK punctuation, typographic spaces
  }
  return cp;
}

void AppendUtf8(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Calls `on_word` with each normalised word (a view into a reused buffer).
template <typename F>
void ForEachWord(absl::string_view text, F on_word) {
  std::string word;
  size_t i = 0;
  while (i < text.size()) {
    const uint32_t cp = Fold(NextCodePoint(text, i));
    if (cp == kDrop) continue;
    if (cp == kSeparator) {
      if (!word.empty()) on_word(absl::string_view(word));
      word.clear();
      continue;
    }
    AppendUtf8(cp, word);
  }
  if (!word.empty()) on_word(absl::string_view(word));
}

uint64_t Fnv1a(absl::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

uint64_t Mix(uint64_t x) {  // splitmix64's finaliser
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

std::string NormaliseText(absl::string_view text) {
  std::string out;
  ForEachWord(text, [&](absl::string_view w) {
    if (!out.empty()) out.push_back(' ');
    out.append(w.data(), w.size());
  });
  return out;
}

std::vector<uint64_t> WordHashes(absl::string_view text) {
  std::vector<uint64_t> out;
  ForEachWord(text, [&](absl::string_view w) { out.push_back(Fnv1a(w)); });
  return out;
}

std::vector<uint64_t> Shingles(absl::string_view text, int n) {
  const std::vector<uint64_t> words = WordHashes(text);
  std::vector<uint64_t> out;
  if (words.empty() || n <= 0) return out;
  const size_t width = std::min(words.size(), static_cast<size_t>(n));
  out.reserve(words.size() - width + 1);
  for (size_t i = 0; i + width <= words.size(); ++i) {
    uint64_t h = width;
    for (size_t j = 0; j < width; ++j) h = Mix(h ^ words[i + j]);
    out.push_back(h);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace polylateral::routing
