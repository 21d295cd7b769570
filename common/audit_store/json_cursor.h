#ifndef POLYLATERAL_COMMON_AUDIT_STORE_JSON_CURSOR_H_
#define POLYLATERAL_COMMON_AUDIT_STORE_JSON_CURSOR_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace polylateral::audit {

// A forward-only reader of one JSON text, for the export's hot path: verify reads a million
// lines, and building a DOM per line (nlohmann) cost most of its time. It reads exactly the
// values an export line holds (objects, arrays, strings, integers, booleans, null) and skips
// any other member; every method returns false on malformed input.
class JsonCursor final {
 public:
  explicit JsonCursor(absl::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

  // Consumes `c` (after whitespace) when it is next.
  bool Take(char c);
  // True when `c` is next, consuming nothing but whitespace.
  bool Peek(char c);
  bool String(std::string* out);
  bool Int(int64_t* out);
  bool Uint(uint64_t* out);
  bool Bool(bool* out);
  // Skips one value of any kind.
  bool Skip();
  // Only whitespace left.
  bool AtEnd();

 private:
  void SkipSpace();
  bool Literal(absl::string_view word);
  bool Hex4(uint32_t* out);

  const char* p_;
  const char* const end_;
};

}  // namespace polylateral::audit

#endif  // POLYLATERAL_COMMON_AUDIT_STORE_JSON_CURSOR_H_
