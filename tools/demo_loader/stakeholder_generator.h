#ifndef POLYLATERAL_TOOLS_DEMO_LOADER_STAKEHOLDER_GENERATOR_H_
#define POLYLATERAL_TOOLS_DEMO_LOADER_STAKEHOLDER_GENERATOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "polylateral/registry/v1/registry_service.pb.h"

namespace polylateral::tools {

// A state the generator may place stakeholders in.
struct DemoCountry {
  std::string iso2;
  type::v1::Region region;
};

// Deterministic demo stakeholders: `count` requests (same seed, same list) across all six
// stakeholder groups and every region present in `countries`, with organisations first,
// then experts affiliated to them, then networks listing earlier members, so that every
// reference points backwards. Ids and request ids derive from the seed: loading twice
// creates nothing new.
std::vector<registry::v1::CreateStakeholderRequest> GenerateStakeholders(
    int count, uint64_t seed, const std::vector<DemoCountry>& countries,
    const std::vector<std::string>& theme_names);

}  // namespace polylateral::tools

#endif  // POLYLATERAL_TOOLS_DEMO_LOADER_STAKEHOLDER_GENERATOR_H_
