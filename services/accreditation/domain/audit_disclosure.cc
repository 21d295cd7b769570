#include "services/accreditation/domain/audit_disclosure.h"

#include <map>
#include <optional>
#include <utility>

#include "common/base/resource_name.h"
#include "services/accreditation/domain/access_rules.h"

namespace polylateral::accreditation {
namespace {

const audit::AuditField* FindField(const audit::AuditEntry& e, absl::string_view name) {
  for (const audit::AuditField& f : e.fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

bool HasSensitiveValue(const audit::AuditEntry& e) {
  if (e.principal_sensitive && !e.principal_redacted) return true;
  for (const audit::AuditField& f : e.fields) {
    if (f.sensitive && !f.redacted) return true;
  }
  return false;
}

// Every sensitive value of the entry replaced by its digest.
void RedactAll(audit::AuditEntry& e) {
  audit::RedactPrincipal(e);
  for (audit::AuditField& f : e.fields) audit::Redact(f, e.version);
}

}  // namespace

absl::Status AccreditationAuditDisclosure::Apply(const Principal& caller,
                                                 std::vector<audit::AuditEntry>& page) const {
  if (caller.kind == Principal::Kind::kOperator) return absl::OkStatus();
  // Each application is looked up once per page; an absent one discloses nothing.
  std::map<std::pair<std::string, std::string>, std::optional<Application>> apps;
  for (audit::AuditEntry& e : page) {
    if (e.withheld) continue;
    // Objection entries name the objecting state: from chain version 2 as a sensitive value,
    // before it in plain (which only withholding the whole entry can hide).
    const audit::AuditField* objecting = FindField(e, "objecting_state");
    const bool plain_objector = objecting != nullptr && !objecting->sensitive;
    if (!plain_objector && !HasSensitiveValue(e)) continue;
    auto ids = ParseResourceName(e.resource, {"processes", "applications"}, "resource");
    if (!ids.ok()) {
      // processes/{p}/accreditations/{sh}: no rule discloses a sensitive value there yet.
      auto acc = ParseResourceName(e.resource, {"processes", "accreditations"}, "resource");
      if (acc.ok() && IsSecretariatOf(caller, (*acc)[0])) continue;
      if (plain_objector) {
        audit::Withhold(e);
      } else {
        RedactAll(e);
      }
      continue;
    }
    const auto key = std::make_pair((*ids)[0], (*ids)[1]);
    auto it = apps.find(key);
    if (it == apps.end()) {
      auto app = lookup_(key.first, key.second);
      if (!app.ok() && app.status().code() != absl::StatusCode::kNotFound) return app.status();
      it = apps.emplace(key, app.ok() ? std::optional<Application>(*std::move(app)) : std::nullopt)
               .first;
    }
    const std::optional<Application>& app = it->second;
    // The state and grounds of an objection go together, to those ListObjections shows the
    // objection to (SeesObjection); any other sensitive value to the process's secretariat.
    const bool shown =
        app.has_value() && (objecting != nullptr ? SeesObjection(caller, *app, objecting->value)
                                                 : IsSecretariatOf(caller, app->process));
    if (shown) continue;
    if (plain_objector) {
      audit::Withhold(e);
    } else {
      RedactAll(e);
    }
  }
  return absl::OkStatus();
}

}  // namespace polylateral::accreditation
