#ifndef POLYLATERAL_COMMON_VOCABULARY_THEMES_H_
#define POLYLATERAL_COMMON_VOCABULARY_THEMES_H_

#include <string_view>
#include <vector>

#include "absl/types/span.h"

namespace polylateral::vocabulary {

// A node of the theme taxonomy: reference data compiled into every binary, served read-only by
// the registry. `parent` is empty for a top-level theme.
struct ThemeNode {
  std::string_view id;
  std::string_view parent;
  std::string_view display_name;
};

// Every theme, parents before children.
absl::Span<const ThemeNode> AllThemes();
// nullptr when unknown.
const ThemeNode* FindTheme(std::string_view id);
// `id` and every ancestor up to the root, nearest first; empty when unknown. A stakeholder is
// indexed under each, so a filter on a theme matches its sub-themes.
std::vector<std::string_view> ThemeAndAncestors(std::string_view id);

}  // namespace polylateral::vocabulary

#endif  // POLYLATERAL_COMMON_VOCABULARY_THEMES_H_
