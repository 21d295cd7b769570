#include "common/base/ids.h"

#include "absl/random/random.h"
#include "absl/strings/ascii.h"

namespace polylateral {

std::string NewId(absl::string_view prefix) {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
  thread_local absl::BitGen gen;
  std::string id(prefix);
  // A letter first, so that the id is valid even without a prefix.
  id.push_back(kAlphabet[absl::Uniform(gen, 0, 26)]);
  for (int i = 1; i < 16; ++i) id.push_back(kAlphabet[absl::Uniform(gen, 0, 32)]);
  return id;
}

bool IsValidResourceId(absl::string_view id) {
  if (id.empty() || id.size() > 63) return false;
  if (!absl::ascii_islower(id.front()) && !absl::ascii_isdigit(id.front())) return false;
  for (char c : id) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '-') return false;
  }
  return true;
}

bool IsReadableResourceId(absl::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    if (!absl::ascii_isalnum(c) && c != '-' && c != '_' && c != '.' && c != '@') return false;
  }
  return true;
}

}  // namespace polylateral
