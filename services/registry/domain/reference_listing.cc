#include "services/registry/domain/reference_listing.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/base/page_size.h"
#include "common/base/page_token.h"

namespace polylateral::registry {
namespace {

// Reference tables are fixed, so a position in them is a stable cursor.
template <typename T, typename Keep>
absl::StatusOr<ReferencePage<T>> Paginate(absl::Span<const T> all, Keep keep,
                                          const std::string& query, int requested_size,
                                          const std::string& page_token) {
  auto page_size = ResolvePageSize(requested_size);
  if (!page_size.ok()) return page_size.status();
  const uint64_t fingerprint = QueryFingerprint(query);
  size_t start = 0;
  if (!page_token.empty()) {
    auto cursor = DecodePageToken(page_token, fingerprint);
    if (!cursor.ok()) return cursor.status();
    if (!absl::SimpleAtoi(*cursor, &start) || start > all.size()) {
      return InvalidArgument("INVALID_PAGE_TOKEN", "page_token", "is not a token this API issued");
    }
  }
  ReferencePage<T> page;
  size_t i = start;
  for (; i < all.size(); ++i) {
    if (!keep(all[i])) continue;
    if (static_cast<int>(page.items.size()) == *page_size) break;
    page.items.push_back(&all[i]);
  }
  if (i < all.size()) page.next_page_token = EncodePageToken(fingerprint, std::to_string(i));
  return page;
}

}  // namespace

absl::StatusOr<ReferencePage<vocabulary::UnState>> ListUnStates(vocabulary::Region region,
                                                                int page_size,
                                                                const std::string& page_token) {
  if (static_cast<int>(region) < 0 || static_cast<int>(region) > vocabulary::kMaxRegion) {
    return InvalidArgument("INVALID_QUERY", "region", "unknown value");
  }
  return Paginate<vocabulary::UnState>(
      vocabulary::AllUnStates(),
      [region](const vocabulary::UnState& s) {
        return region == vocabulary::Region::kUnspecified || s.region == region;
      },
      absl::StrCat("states|", static_cast<int>(region)), page_size, page_token);
}

absl::StatusOr<ReferencePage<vocabulary::ThemeNode>> ListThemeNodes(const std::string& parent,
                                                                    int page_size,
                                                                    const std::string& page_token) {
  if (!parent.empty() && vocabulary::FindTheme(parent) == nullptr) {
    return InvalidArgument("INVALID_QUERY", "parent",
                           absl::StrCat("unknown theme 'themes/", parent, "'"));
  }
  return Paginate<vocabulary::ThemeNode>(
      vocabulary::AllThemes(),
      [&parent](const vocabulary::ThemeNode& t) { return parent.empty() || t.parent == parent; },
      absl::StrCat("themes|", parent), page_size, page_token);
}

}  // namespace polylateral::registry
