#include "common/vocabulary/ecosoc_status.h"

#include <iterator>

#include "common/vocabulary/enum_names.h"

namespace polylateral::vocabulary {
namespace {

constexpr std::string_view kEcosocStatusNames[] = {"ECOSOC_STATUS_UNSPECIFIED", "NO_STATUS",
                                                   "GENERAL", "SPECIAL", "ROSTER"};
static_assert(std::size(kEcosocStatusNames) == kMaxEcosocStatus + 1);

}  // namespace

std::string_view EcosocStatusName(EcosocStatus value) {
  return internal::NameOf(kEcosocStatusNames, value);
}

std::optional<EcosocStatus> ParseEcosocStatus(std::string_view name) {
  return internal::ValueOf<EcosocStatus>(kEcosocStatusNames, name);
}

}  // namespace polylateral::vocabulary
