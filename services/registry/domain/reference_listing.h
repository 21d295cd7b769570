#ifndef POLYLATERAL_SERVICES_REGISTRY_DOMAIN_REFERENCE_LISTING_H_
#define POLYLATERAL_SERVICES_REGISTRY_DOMAIN_REFERENCE_LISTING_H_

// Paged reads of the compiled-in reference data (states, themes).

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/vocabulary/themes.h"
#include "common/vocabulary/un_states.h"

namespace polylateral::registry {

template <typename T>
struct ReferencePage {
  std::vector<const T*> items;
  std::string next_page_token;
};

// States in iso2 order, optionally of one region. Paged by ResolvePageSize, as every listing.
absl::StatusOr<ReferencePage<vocabulary::UnState>> ListUnStates(vocabulary::Region region,
                                                                int page_size,
                                                                const std::string& page_token);
// Themes in taxonomy order; `parent` non-empty: only its direct children (INVALID_ARGUMENT on
// field "parent" if unknown).
absl::StatusOr<ReferencePage<vocabulary::ThemeNode>> ListThemeNodes(const std::string& parent,
                                                                    int page_size,
                                                                    const std::string& page_token);

}  // namespace polylateral::registry

#endif  // POLYLATERAL_SERVICES_REGISTRY_DOMAIN_REFERENCE_LISTING_H_
