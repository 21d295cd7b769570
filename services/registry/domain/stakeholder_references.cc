#include "services/registry/domain/stakeholder_references.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"

namespace polylateral::registry {
namespace {

bool Names(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

void Erase(std::vector<std::string>& ids, const std::string& id) {
  ids.erase(std::remove(ids.begin(), ids.end(), id), ids.end());
}

}  // namespace

bool RefersTo(const Stakeholder& s, const std::string& id) {
  return Names(s.affiliations, id) || Names(s.network_members, id);
}

Stakeholder WithoutReference(const Stakeholder& referrer, const std::string& id,
                             ReferenceRemoval::Cause cause, const Principal& by, absl::Time now) {
  Stakeholder out = referrer;
  Erase(out.affiliations, id);
  Erase(out.network_members, id);
  out.removed_references.push_back({id, cause, by.ToString(), now});
  if (out.removed_references.size() > kMaxReferenceRemovals) {
    out.removed_references.erase(
        out.removed_references.begin(),
        out.removed_references.end() - static_cast<std::ptrdiff_t>(kMaxReferenceRemovals));
  }
  out.update_time = now;
  return out;
}

absl::Status CheckCanSeeReferrers(const Principal& caller, const std::string& id) {
  switch (caller.kind) {
    case Principal::Kind::kOperator:
    case Principal::Kind::kSecretariat:
      return absl::OkStatus();
    case Principal::Kind::kStakeholder:
      if (caller.id == id) return absl::OkStatus();
      break;
    default:
      break;
  }
  return PermissionDenied("REFERRERS_NOT_VISIBLE",
                          absl::StrCat("only stakeholders/", id,
                                       " itself, a secretariat or an operator sees who names it"));
}

std::vector<Stakeholder> ReferrerPage(std::vector<Stakeholder> referrers,
                                      const std::string& after_id, int limit, bool* more) {
  std::sort(referrers.begin(), referrers.end(),
            [](const Stakeholder& a, const Stakeholder& b) { return a.id < b.id; });
  auto first =
      after_id.empty()
          ? referrers.begin()
          : std::upper_bound(referrers.begin(), referrers.end(), after_id,
                             [](const std::string& v, const Stakeholder& s) { return v < s.id; });
  std::vector<Stakeholder> page;
  for (auto it = first; it != referrers.end() && static_cast<int>(page.size()) < limit; ++it) {
    page.push_back(*it);
  }
  *more = (first + static_cast<std::ptrdiff_t>(page.size())) != referrers.end();
  return page;
}

}  // namespace polylateral::registry
