#ifndef POLYLATERAL_COMMON_VOCABULARY_ENUM_NAMES_H_
#define POLYLATERAL_COMMON_VOCABULARY_ENUM_NAMES_H_

// The name table behind the vocabulary's *Name and Parse* helpers: names indexed by value,
// from 0 (the *_UNSPECIFIED name) up. Internal to common/vocabulary.

#include <cstddef>
#include <optional>
#include <string_view>

namespace polylateral::vocabulary::internal {

template <typename Enum, size_t N>
std::string_view NameOf(const std::string_view (&names)[N], Enum value) {
  const auto n = static_cast<long long>(value);
  return n >= 0 && n < static_cast<long long>(N) ? names[n] : std::string_view();
}

template <typename Enum, size_t N>
std::optional<Enum> ValueOf(const std::string_view (&names)[N], std::string_view name) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace polylateral::vocabulary::internal

#endif  // POLYLATERAL_COMMON_VOCABULARY_ENUM_NAMES_H_
