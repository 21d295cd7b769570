#include "services/registry/domain/stakeholder_rules.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/base/ids.h"
#include "common/base/text.h"
#include "common/vocabulary/themes.h"
#include "common/vocabulary/un_states.h"

namespace polylateral::registry {
namespace {

std::string Field(const std::string& prefix, const std::string& name) {
  return prefix.empty() ? name : absl::StrCat(prefix, ".", name);
}

std::string Indexed(const std::string& field, size_t i) { return absl::StrCat(field, "[", i, "]"); }

void CheckText(Violations& v, const std::string& field, const std::string& value, int max,
               bool required) {
  long len = Utf8PrintableLength(value);
  if (len < 0) {
    v.Add(field, "must be valid UTF-8 without control characters");
  } else if (required && absl::StripAsciiWhitespace(value).empty()) {
    v.Add(field, "is required");
  } else if (len > max) {
    v.Add(field, absl::StrCat("must be at most ", max, " characters"));
  }
}

void CheckIdList(Violations& v, const std::string& field, const std::vector<std::string>& ids,
                 size_t max, const std::string& self) {
  if (ids.size() > max) v.Add(field, absl::StrCat("at most ", max, " entries"));
  std::set<std::string> seen;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (!IsReadableResourceId(ids[i])) {
      v.Add(Indexed(field, i), "must be a stakeholder name: stakeholders/{id}");
    } else if (!seen.insert(ids[i]).second) {
      v.Add(Indexed(field, i), "duplicate");
    } else if (!self.empty() && ids[i] == self) {
      v.Add(Indexed(field, i), "cannot refer to the stakeholder itself");
    }
  }
}

}  // namespace

std::vector<std::string> Stakeholder::References() const {
  std::vector<std::string> refs = affiliations;
  refs.insert(refs.end(), network_members.begin(), network_members.end());
  return refs;
}

absl::Status ValidateStakeholder(Stakeholder& s, const std::string& prefix) {
  Violations v;
  if (static_cast<int>(s.kind) < 1 || static_cast<int>(s.kind) > kMaxStakeholderKind) {
    v.Add(Field(prefix, "kind"), "is required: ORGANISATION, INDIVIDUAL_EXPERT or NETWORK");
  }
  CheckText(v, Field(prefix, "display_name"), s.display_name, kMaxNameLength, true);
  if (static_cast<int>(s.group) < 1 ||
      static_cast<int>(s.group) > vocabulary::kMaxStakeholderGroup) {
    v.Add(Field(prefix, "stakeholder_group"), "is required");
  }
  CheckText(v, Field(prefix, "constituency"), s.constituency, kMaxConstituencyLength, false);

  s.country = absl::AsciiStrToUpper(s.country);
  if (const vocabulary::UnState* state = vocabulary::FindUnState(s.country); state != nullptr) {
    s.region = state->region;
  } else {
    v.Add(Field(prefix, "country"),
          s.country.empty() ? "is required: an ISO 3166-1 alpha-2 code"
                            : absl::StrCat("'", s.country,
                                           "' is not the ISO 3166-1 alpha-2 code of a UN "
                                           "member or observer state"));
  }

  const std::string themes = Field(prefix, "themes");
  if (s.themes.size() > kMaxThemes) v.Add(themes, absl::StrCat("at most ", kMaxThemes, " themes"));
  std::set<std::string> seen_themes;
  for (size_t i = 0; i < s.themes.size(); ++i) {
    if (vocabulary::FindTheme(s.themes[i]) == nullptr) {
      v.Add(Indexed(themes, i), absl::StrCat("unknown theme 'themes/", s.themes[i], "'"));
    } else if (!seen_themes.insert(s.themes[i]).second) {
      v.Add(Indexed(themes, i), "duplicate");
    }
  }

  if (s.ecosoc_status == vocabulary::EcosocStatus::kUnspecified)
    s.ecosoc_status = vocabulary::EcosocStatus::kNone;
  if (static_cast<int>(s.ecosoc_status) > vocabulary::kMaxEcosocStatus ||
      static_cast<int>(s.ecosoc_status) < 0) {
    v.Add(Field(prefix, "ecosoc_status"), "unknown value");
  } else if (s.kind == StakeholderKind::kIndividualExpert &&
             s.ecosoc_status != vocabulary::EcosocStatus::kNone) {
    v.Add(Field(prefix, "ecosoc_status"), "individual experts hold no ECOSOC status");
  }

  const std::string affiliations = Field(prefix, "affiliations");
  if (!s.affiliations.empty() && s.kind != StakeholderKind::kIndividualExpert) {
    v.Add(affiliations, "only individual experts have affiliations");
  }
  CheckIdList(v, affiliations, s.affiliations, kMaxAffiliations, s.id);
  const std::string members = Field(prefix, "network_members");
  if (!s.network_members.empty() && s.kind != StakeholderKind::kNetwork) {
    v.Add(members, "only networks have members");
  }
  CheckIdList(v, members, s.network_members, kMaxNetworkMembers, s.id);

  const std::string languages = Field(prefix, "languages");
  if (s.languages.size() > kMaxLanguages) {
    v.Add(languages, absl::StrCat("at most ", kMaxLanguages, " languages"));
  }
  std::set<std::string> seen_languages;
  for (size_t i = 0; i < s.languages.size(); ++i) {
    const std::string& l = s.languages[i];
    bool ok = l.size() == 2 || l.size() == 3;
    for (char c : l) ok = ok && absl::ascii_islower(c);
    if (!ok) {
      v.Add(Indexed(languages, i), "must be an ISO 639 code of 2 or 3 lower-case letters");
    } else if (!seen_languages.insert(l).second) {
      v.Add(Indexed(languages, i), "duplicate");
    }
  }
  if (!s.contact_email.empty() && !LooksLikeEmail(s.contact_email)) {
    v.Add(Field(prefix, "contact_email"), "must be an address local@domain of at most 254 bytes");
  }
  if (!s.website.empty() && !LooksLikeHttpUrl(s.website)) {
    v.Add(Field(prefix, "website"), "must be an http:// or https:// URL of at most 2048 bytes");
  }
  return v.ToStatus("INVALID_STAKEHOLDER");
}

const std::vector<std::string>& UpdatableStakeholderFields() {
  static const auto* const fields = new std::vector<std::string>{
      "display_name", "stakeholder_group",  "constituency",  "country",
      "themes",       "ecosoc_status",      "affiliations",  "network_members",
      "languages",    "developing_country", "contact_email", "website"};
  return *fields;
}

absl::StatusOr<Stakeholder> ApplyStakeholderMask(const Stakeholder& current,
                                                 const Stakeholder& patch,
                                                 const std::vector<std::string>& mask) {
  std::vector<std::string> paths = mask;
  if (paths.empty() || (paths.size() == 1 && paths[0] == "*")) paths = UpdatableStakeholderFields();
  Stakeholder out = current;
  for (const std::string& p : paths) {
    if (p == "display_name") {
      out.display_name = patch.display_name;
    } else if (p == "stakeholder_group") {
      out.group = patch.group;
    } else if (p == "constituency") {
      out.constituency = patch.constituency;
    } else if (p == "country") {
      out.country = patch.country;
    } else if (p == "themes") {
      out.themes = patch.themes;
    } else if (p == "ecosoc_status") {
      out.ecosoc_status = patch.ecosoc_status;
    } else if (p == "affiliations") {
      out.affiliations = patch.affiliations;
    } else if (p == "network_members") {
      out.network_members = patch.network_members;
    } else if (p == "languages") {
      out.languages = patch.languages;
    } else if (p == "developing_country") {
      out.developing_country = patch.developing_country;
    } else if (p == "contact_email") {
      out.contact_email = patch.contact_email;
    } else if (p == "website") {
      out.website = patch.website;
    } else if (p == "kind" || p == "name" || p == "region" || p == "create_time" ||
               p == "update_time" || p == "etag") {
      return InvalidArgument("IMMUTABLE_FIELD", "update_mask",
                             absl::StrCat("'", p, "' cannot be changed"));
    } else {
      return InvalidArgument("UNKNOWN_FIELD", "update_mask",
                             absl::StrCat("'", p, "' is not a stakeholder field"));
    }
  }
  return out;
}

std::string StakeholderEtag(const Stakeholder& s) { return absl::StrCat("v", s.version); }

std::string StakeholderSortKey(const Stakeholder& s) {
  return absl::StrCat(AsciiLower(s.display_name), std::string(1, '\0'), s.id);
}

std::vector<std::string> StakeholderIndexLabels(const Stakeholder& s) {
  std::vector<std::string> labels = {
      "all",
      absl::StrCat("kind:", static_cast<int>(s.kind)),
      absl::StrCat("group:", static_cast<int>(s.group)),
      absl::StrCat("region:", static_cast<int>(s.region)),
      absl::StrCat("country:", s.country),
      absl::StrCat("ecosoc:", static_cast<int>(s.ecosoc_status)),
  };
  std::set<std::string_view> themes;
  for (const auto& t : s.themes) {
    for (std::string_view a : vocabulary::ThemeAndAncestors(t)) themes.insert(a);
  }
  for (std::string_view t : themes) labels.push_back(absl::StrCat("theme:", std::string(t)));
  return labels;
}

std::string StakeholderUniqueKey(const Stakeholder& s) {
  if (s.kind == StakeholderKind::kIndividualExpert) return "";
  return absl::StrCat(s.country, "|",
                      AsciiLower(std::string(absl::StripAsciiWhitespace(s.display_name))));
}

}  // namespace polylateral::registry
