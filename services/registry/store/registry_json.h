#ifndef POLYLATERAL_SERVICES_REGISTRY_STORE_REGISTRY_JSON_H_
#define POLYLATERAL_SERVICES_REGISTRY_STORE_REGISTRY_JSON_H_

// How registry records look in Redis: JSON (nlohmann), readable with redis-cli by an operator
// and by Lua's cjson if a script ever needs a field. Times are Unix microseconds, durations
// microseconds, days "YYYY-MM-DD".

#include <string>

#include "absl/status/statusor.h"
#include "services/registry/domain/process.h"
#include "services/registry/domain/stakeholder.h"

namespace polylateral::registry {

std::string StakeholderToJson(const Stakeholder& s);
// DATA_LOSS when the stored text is not a stakeholder record.
absl::StatusOr<Stakeholder> StakeholderFromJson(const std::string& json);

std::string ProcessToJson(const Process& p);
absl::StatusOr<Process> ProcessFromJson(const std::string& json);

}  // namespace polylateral::registry

#endif  // POLYLATERAL_SERVICES_REGISTRY_STORE_REGISTRY_JSON_H_
