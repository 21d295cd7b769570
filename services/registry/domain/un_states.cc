// PLACEHOLDER while the full table is written: replaced by the complete 195-state table.
#include "services/registry/domain/un_states.h"
#include <algorithm>
namespace polylateral::registry {
namespace {
constexpr UnState kStates[] = {
    {"AR", "ARG", "Argentina", Region::kLatinAmericanCaribbean, false},
    {"BR", "BRA", "Brazil", Region::kLatinAmericanCaribbean, false},
    {"CH", "CHE", "Switzerland", Region::kWesternEuropeanAndOthers, false},
    {"CL", "CHL", "Chile", Region::kLatinAmericanCaribbean, false},
    {"CN", "CHN", "China", Region::kAsiaPacific, false},
    {"DE", "DEU", "Germany", Region::kWesternEuropeanAndOthers, false},
    {"FR", "FRA", "France", Region::kWesternEuropeanAndOthers, false},
    {"GB", "GBR", "United Kingdom", Region::kWesternEuropeanAndOthers, false},
    {"IN", "IND", "India", Region::kAsiaPacific, false},
    {"KE", "KEN", "Kenya", Region::kAfrican, false},
    {"PS", "PSE", "State of Palestine", Region::kAsiaPacific, true},
    {"RU", "RUS", "Russian Federation", Region::kEasternEuropean, false},
    {"US", "USA", "United States", Region::kWesternEuropeanAndOthers, false},
    {"VA", "VAT", "Holy See", Region::kNoGroup, true},
    {"ZA", "ZAF", "South Africa", Region::kAfrican, false},
};
}  // namespace
absl::Span<const UnState> AllUnStates() { return kStates; }
const UnState* FindUnState(std::string_view iso2) {
  auto it = std::lower_bound(std::begin(kStates), std::end(kStates), iso2,
                             [](const UnState& s, std::string_view k) { return s.iso2 < k; });
  return it != std::end(kStates) && it->iso2 == iso2 ? &*it : nullptr;
}
}  // namespace polylateral::registry
