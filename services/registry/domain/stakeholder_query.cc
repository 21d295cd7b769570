#include "services/registry/domain/stakeholder_query.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/base/ids.h"
#include "common/base/page_size.h"
#include "common/base/text.h"
#include "common/vocabulary/themes.h"
#include "common/vocabulary/un_states.h"

namespace polylateral::registry {

absl::Status ValidateStakeholderQuery(StakeholderQuery& q) {
  // The page size is paging, not a filter: it is refused on its own, with the reason every
  // listing gives it, before the filters are checked together.
  auto page_size = ResolvePageSize(q.page_size);
  if (!page_size.ok()) return page_size.status();
  q.page_size = *page_size;
  Violations v;
  if (static_cast<int>(q.kind) < 0 || static_cast<int>(q.kind) > kMaxStakeholderKind) {
    v.Add("kind", "unknown value");
  }
  if (static_cast<int>(q.group) < 0 ||
      static_cast<int>(q.group) > vocabulary::kMaxStakeholderGroup) {
    v.Add("stakeholder_group", "unknown value");
  }
  if (static_cast<int>(q.region) < 0 || static_cast<int>(q.region) > vocabulary::kMaxRegion) {
    v.Add("region", "unknown value");
  }
  if (static_cast<int>(q.ecosoc_status) < 0 ||
      static_cast<int>(q.ecosoc_status) > vocabulary::kMaxEcosocStatus) {
    v.Add("ecosoc_status", "unknown value");
  }
  q.country = absl::AsciiStrToUpper(q.country);
  if (!q.country.empty() && vocabulary::FindUnState(q.country) == nullptr) {
    v.Add("country", "not the ISO 3166-1 alpha-2 code of a UN member or observer state");
  }
  if (!q.theme.empty() && vocabulary::FindTheme(q.theme) == nullptr) {
    v.Add("theme", absl::StrCat("unknown theme 'themes/", q.theme, "'"));
  }
  if (!q.member_of_network.empty() && !IsReadableResourceId(q.member_of_network)) {
    v.Add("member_of_network", "must be a stakeholder name: stakeholders/{id}");
  }
  if (!q.has_member.empty() && !IsReadableResourceId(q.has_member)) {
    v.Add("has_member", "must be a stakeholder name: stakeholders/{id}");
  }
  long prefix_len = Utf8PrintableLength(q.name_prefix);
  if (prefix_len < 0 || prefix_len > 200) {
    v.Add("name_prefix", "must be valid UTF-8 of at most 200 characters");
  }
  q.name_prefix = AsciiLower(q.name_prefix);
  return v.ToStatus("INVALID_QUERY");
}

std::vector<std::string> QueryIndexLabels(const StakeholderQuery& q) {
  std::vector<std::string> labels;
  if (q.kind != StakeholderKind::kUnspecified) {
    labels.push_back(absl::StrCat("kind:", static_cast<int>(q.kind)));
  }
  if (q.group != vocabulary::StakeholderGroup::kUnspecified) {
    labels.push_back(absl::StrCat("group:", static_cast<int>(q.group)));
  }
  if (q.region != vocabulary::Region::kUnspecified) {
    labels.push_back(absl::StrCat("region:", static_cast<int>(q.region)));
  }
  if (!q.country.empty()) labels.push_back(absl::StrCat("country:", q.country));
  if (!q.theme.empty()) labels.push_back(absl::StrCat("theme:", q.theme));
  if (q.ecosoc_status != vocabulary::EcosocStatus::kUnspecified) {
    labels.push_back(absl::StrCat("ecosoc:", static_cast<int>(q.ecosoc_status)));
  }
  if (!q.member_of_network.empty()) labels.push_back(absl::StrCat("net:", q.member_of_network));
  if (!q.has_member.empty()) labels.push_back(absl::StrCat("netof:", q.has_member));
  if (labels.empty()) labels.push_back("all");
  return labels;
}

std::string CanonicalStakeholderQuery(const StakeholderQuery& q) {
  std::string out;
  for (const auto& l : QueryIndexLabels(q)) absl::StrAppend(&out, l, "\n");
  absl::StrAppend(&out, "prefix:", q.name_prefix);
  return out;
}

}  // namespace polylateral::registry
