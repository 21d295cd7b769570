#include "common/audit_store/json_cursor.h"

namespace polylateral::audit {

void JsonCursor::SkipSpace() {
  while (p_ < end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
}

bool JsonCursor::Take(char c) {
  SkipSpace();
  if (p_ < end_ && *p_ == c) {
    ++p_;
    return true;
  }
  return false;
}

bool JsonCursor::Peek(char c) {
  SkipSpace();
  return p_ < end_ && *p_ == c;
}

bool JsonCursor::AtEnd() {
  SkipSpace();
  return p_ == end_;
}

bool JsonCursor::Literal(absl::string_view word) {
  SkipSpace();
  if (static_cast<size_t>(end_ - p_) < word.size() || absl::string_view(p_, word.size()) != word) {
    return false;
  }
  p_ += word.size();
  return true;
}

bool JsonCursor::Hex4(uint32_t* out) {
  if (end_ - p_ < 4) return false;
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i, ++p_) {
    const char c = *p_;
    v <<= 4;
    if (c >= '0' && c <= '9') {
      v |= static_cast<uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      v |= static_cast<uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      v |= static_cast<uint32_t>(c - 'A' + 10);
    } else {
      return false;
    }
  }
  *out = v;
  return true;
}

bool JsonCursor::String(std::string* out) {
  if (!Take('"')) return false;
  out->clear();
  while (p_ < end_) {
    const char* run = p_;
    while (p_ < end_ && *p_ != '"' && *p_ != '\\' && static_cast<unsigned char>(*p_) >= 0x20) ++p_;
    out->append(run, p_ - run);
    if (p_ == end_ || static_cast<unsigned char>(*p_) < 0x20) return false;
    if (*p_ == '"') {
      ++p_;
      return true;
    }
    if (++p_ == end_) return false;  // the backslash
    const char e = *p_++;
    switch (e) {
      case '"':
        out->push_back('"');
        break;
      case '\\':
        out->push_back('\\');
        break;
      case '/':
        out->push_back('/');
        break;
      case 'b':
        out->push_back('\b');
        break;
      case 'f':
        out->push_back('\f');
        break;
      case 'n':
        out->push_back('\n');
        break;
      case 'r':
        out->push_back('\r');
        break;
      case 't':
        out->push_back('\t');
        break;
      case 'u': {
        uint32_t cp = 0;
        if (!Hex4(&cp)) return false;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          uint32_t low = 0;
          if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
          p_ += 2;
          if (!Hex4(&low) || low < 0xDC00 || low > 0xDFFF) return false;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
          return false;
        }
        if (cp < 0x80) {
          out->push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
          out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
          out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
          out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
          out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
          out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
          out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
          out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
          out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
          out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
        break;
      }
      default:
        return false;
    }
  }
  return false;
}

bool JsonCursor::Uint(uint64_t* out) {
  SkipSpace();
  if (p_ == end_ || *p_ < '0' || *p_ > '9') return false;
  uint64_t v = 0;
  while (p_ < end_ && *p_ >= '0' && *p_ <= '9') {
    const auto d = static_cast<uint64_t>(*p_ - '0');
    if (v > (UINT64_MAX - d) / 10) return false;
    v = v * 10 + d;
    ++p_;
  }
  // A fraction or exponent is not an integer.
  if (p_ < end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E')) return false;
  *out = v;
  return true;
}

bool JsonCursor::Int(int64_t* out) {
  SkipSpace();
  const bool negative = p_ < end_ && *p_ == '-';
  if (negative) ++p_;
  uint64_t v = 0;
  if (!Uint(&v) || v > static_cast<uint64_t>(INT64_MAX)) return false;
  *out = negative ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
  return true;
}

bool JsonCursor::Bool(bool* out) {
  if (Literal("true")) {
    *out = true;
    return true;
  }
  if (Literal("false")) {
    *out = false;
    return true;
  }
  return false;
}

bool JsonCursor::Skip() {
  SkipSpace();
  if (p_ == end_) return false;
  std::string ignored;
  switch (*p_) {
    case '"':
      return String(&ignored);
    case '{':
    case '[': {
      const char close = *p_ == '{' ? '}' : ']';
      const bool object = *p_ == '{';
      ++p_;
      if (Take(close)) return true;
      do {
        if (object && (!String(&ignored) || !Take(':'))) return false;
        if (!Skip()) return false;
      } while (Take(','));
      return Take(close);
    }
    case 't':
      return Literal("true");
    case 'f':
      return Literal("false");
    case 'n':
      return Literal("null");
    default: {
      if (*p_ == '-') ++p_;
      const char* start = p_;
      while (p_ < end_ && ((*p_ >= '0' && *p_ <= '9') || *p_ == '.' || *p_ == 'e' || *p_ == 'E' ||
                           *p_ == '+' || *p_ == '-')) {
        ++p_;
      }
      return p_ > start;
    }
  }
}

}  // namespace polylateral::audit
