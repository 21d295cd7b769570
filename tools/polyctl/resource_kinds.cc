#include "tools/polyctl/resource_kinds.h"

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"

namespace polylateral::polyctl {
namespace {

constexpr char kRegistry[] = "polylateral.registry.v1.RegistryService";
constexpr char kAccreditation[] = "polylateral.accreditation.v1.AccreditationService";
constexpr char kComposition[] = "polylateral.composition.v1.CompositionService";
constexpr char kRouting[] = "polylateral.routing.v1.RoutingService";

// Whether `segments` has the pattern's literal segments where it has them (a pattern is
// literal/{var}/literal/{var}...).
bool Matches(const std::vector<absl::string_view>& pattern,
             const std::vector<absl::string_view>& segments) {
  if (pattern.size() != segments.size()) return false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (segments[i].empty()) return false;
    if (i % 2 == 0 && pattern[i] != segments[i]) return false;
  }
  return true;
}

}  // namespace

const std::vector<ResourceKind>& ResourceKinds() {
  static const auto* const kinds = new std::vector<ResourceKind>{
      {"stakeholders",
       "registry",
       kRegistry,
       "stakeholders/{stakeholder}",
       "GetStakeholder",
       "ListStakeholders",
       "CreateStakeholder",
       "UpdateStakeholder",
       "DeleteStakeholder",
       "stakeholders",
       "stakeholder",
       "stakeholder_id",
       {"name", "kind", "displayName", "stakeholderGroup", "country", "etag"}},
      {"processes",
       "registry",
       kRegistry,
       "processes/{process}",
       "GetProcess",
       "ListProcesses",
       "CreateProcess",
       "UpdateProcess",
       "DeleteProcess",
       "processes",
       "process",
       "process_id",
       {"name", "displayName", "hostInstitution", "etag"}},
      {"states",
       "registry",
       kRegistry,
       "states/{state}",
       "GetState",
       "ListStates",
       "",
       "",
       "",
       "states",
       "",
       "",
       {"name", "displayName", "observer"}},
      {"themes",
       "registry",
       kRegistry,
       "themes/{theme}",
       "GetTheme",
       "ListThemes",
       "",
       "",
       "",
       "themes",
       "",
       "",
       {"name", "displayName", "parent"}},
      {"applications",
       "accreditation",
       kAccreditation,
       "processes/{process}/applications/{application}",
       "GetApplication",
       "ListApplications",
       "CreateApplication",
       "",
       "",
       "applications",
       "application",
       "",
       {"name", "stakeholder", "routeId", "state", "etag"}},
      {"accreditations",
       "accreditation",
       kAccreditation,
       "processes/{process}/accreditations/{stakeholder}",
       "GetAccreditation",
       "ListAccreditations",
       "",
       "",
       "",
       "accreditations",
       "",
       "",
       {"name", "stakeholder", "status", "rights", "etag"}},
      {"noticeLists",
       "accreditation",
       kAccreditation,
       "processes/{process}/noticeLists/{list}",
       "GetNoticeList",
       "ListNoticeLists",
       "CreateNoticeList",
       "",
       "",
       "noticeLists",
       "notice_list",
       "notice_list_id",
       {"name", "deadline", "applications", "etag"}},
      {"bodies",
       "composition",
       kComposition,
       "processes/{process}/bodies/{body}",
       "GetBody",
       "",
       "CreateBody",
       "",
       "",
       "",
       "body",
       "body_id",
       {"name", "displayName", "state"}},
      {"nominations",
       "composition",
       kComposition,
       "processes/{process}/bodies/{body}/nominations/{nomination}",
       "",
       "ListNominations",
       "CreateNomination",
       "",
       "DeleteNomination",
       "nominations",
       "nomination",
       "nomination_id",
       {"name", "candidate.id", "nominatedBy"}},
      {"delegations",
       "composition",
       kComposition,
       "processes/{process}/sessions/{session}/delegations/{state}",
       "GetDelegation",
       "ListDelegations",
       "CreateDelegation",
       "UpdateDelegation",
       "DeleteDelegation",
       "delegations",
       "delegation",
       "",
       {"name", "state", "members", "etag"}},
      {"inputs",
       "routing",
       kRouting,
       "inputs/{input}",
       "GetInput",
       "ListInputs",
       "SubmitInput",
       "",
       "",
       "inputs",
       "input",
       "",
       {"name", "kind", "author", "title"}},
  };
  return *kinds;
}

const ResourceKind* FindKind(absl::string_view kind) {
  for (const ResourceKind& k : ResourceKinds()) {
    // The plural or a singular, in any case: "stakeholders", "stakeholder", "process", "body".
    const absl::string_view plural = k.kind;
    const std::string forms[] = {std::string(plural), std::string(absl::StripSuffix(plural, "s")),
                                 std::string(absl::StripSuffix(plural, "es")),
                                 absl::EndsWith(plural, "ies")
                                     ? std::string(plural.substr(0, plural.size() - 3)) + "y"
                                     : std::string(plural)};
    for (const std::string& form : forms) {
      if (absl::EqualsIgnoreCase(form, kind)) return &k;
    }
  }
  return nullptr;
}

ParsedName ParseResourceName(absl::string_view name) {
  const std::vector<absl::string_view> segments = absl::StrSplit(name, '/');
  for (const ResourceKind& k : ResourceKinds()) {
    const std::vector<absl::string_view> pattern = absl::StrSplit(k.pattern, '/');
    if (!Matches(pattern, segments)) continue;
    ParsedName parsed;
    parsed.kind = &k;
    parsed.id = std::string(segments.back());
    if (segments.size() > 2) {
      parsed.parent = std::string(name.substr(
          0, name.size() - segments.back().size() - segments[segments.size() - 2].size() - 2));
    }
    return parsed;
  }
  return {};
}

bool ParentFits(const ResourceKind& kind, absl::string_view parent) {
  std::vector<absl::string_view> pattern = absl::StrSplit(kind.pattern, '/');
  pattern.resize(pattern.size() - 2);
  if (pattern.empty()) return parent.empty();
  return Matches(pattern, absl::StrSplit(parent, '/'));
}

}  // namespace polylateral::polyctl
