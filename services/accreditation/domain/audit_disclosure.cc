#include "services/accreditation/domain/audit_disclosure.h"

#include <map>
#include <optional>
#include <utility>

#include "common/base/resource_name.h"
#include "services/accreditation/domain/access_rules.h"

namespace polylateral::accreditation {
namespace {

std::string FieldValue(const audit::AuditEntry& e, absl::string_view name) {
  for (const audit::AuditField& f : e.fields) {
    if (f.name == name && !f.sensitive) return f.value;
  }
  return "";
}

}  // namespace

absl::Status AccreditationAuditDisclosure::Apply(const Principal& caller,
                                                 std::vector<audit::AuditEntry>& page) const {
  if (caller.kind == Principal::Kind::kOperator) return absl::OkStatus();
  // Each application is looked up once per page; an absent one discloses nothing.
  std::map<std::pair<std::string, std::string>, std::optional<Application>> apps;
  for (audit::AuditEntry& e : page) {
    for (audit::AuditField& f : e.fields) {
      if (!f.sensitive || f.redacted) continue;
      auto ids = ParseResourceName(e.resource, {"processes", "applications"}, "resource");
      if (!ids.ok()) {
        // processes/{p}/accreditations/{sh}: no rule discloses a sensitive value there yet.
        auto acc = ParseResourceName(e.resource, {"processes", "accreditations"}, "resource");
        if (!acc.ok() || !IsSecretariatOf(caller, (*acc)[0])) audit::Redact(f);
        continue;
      }
      const auto key = std::make_pair((*ids)[0], (*ids)[1]);
      auto it = apps.find(key);
      if (it == apps.end()) {
        auto app = lookup_(key.first, key.second);
        if (!app.ok() && app.status().code() != absl::StatusCode::kNotFound) return app.status();
        it =
            apps.emplace(key, app.ok() ? std::optional<Application>(*std::move(app)) : std::nullopt)
                .first;
      }
      const std::optional<Application>& app = it->second;
      const bool shown =
          app.has_value() &&
          (f.name == "grounds" ? SeesObjection(caller, *app, FieldValue(e, "objecting_state"))
                               : IsSecretariatOf(caller, app->process));
      if (!shown) audit::Redact(f);
    }
  }
  return absl::OkStatus();
}

}  // namespace polylateral::accreditation
