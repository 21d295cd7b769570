#include "services/registry/store/audit_notes.h"

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"

namespace polylateral::registry {

std::string AuditNotesArg(const WriteAudit& audit) {
  if (audit.entries.empty()) return "";
  nlohmann::json entries = nlohmann::json::array();
  for (const AuditNote& note : audit.entries) {
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& [name, value] : note.fields) {
      fields.push_back(name);
      fields.push_back(value);
    }
    entries.push_back({note.action, note.resource, fields});
  }
  nlohmann::json arg = {
      {"p", audit.principal}, {"t", absl::StrCat(absl::ToUnixMillis(audit.time))}, {"e", entries}};
  return arg.dump();
}

}  // namespace polylateral::registry
