#ifndef POLYLATERAL_TOOLS_POLYCTL_RESOURCE_KINDS_H_
#define POLYLATERAL_TOOLS_POLYCTL_RESOURCE_KINDS_H_

// The resources polyctl's get, list, apply and delete work on, as data: which service serves
// each kind, its standard methods (AIP-131..135) and its name pattern. The commands call
// these methods generically, so a kind is one row here, not code.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace polylateral::polyctl {

struct ResourceKind {
  // The collection id, as in names and on the command line: "stakeholders".
  std::string kind;
  // "registry", "accreditation", "composition", "routing".
  std::string service;
  // Full service name: "polylateral.registry.v1.RegistryService".
  std::string service_name;
  // The name pattern, "processes/{process}/applications/{application}".
  std::string pattern;
  // Method names; empty when the kind has none.
  std::string get, list, create, update, remove;
  // The List response's repeated field (JSON name), the Create/Update request's resource
  // field, and Create's id field (empty: the service picks the id or the body names it).
  std::string list_field, body_field, id_field;
  // Default table columns (JSON field paths).
  std::vector<std::string> columns;
};

const std::vector<ResourceKind>& ResourceKinds();

// The kind named on the command line ("stakeholders", "stakeholder"); nullptr when unknown.
const ResourceKind* FindKind(absl::string_view kind);

// A resource name taken apart: the kind it matches, its parent ("" for top-level kinds) and
// its own id.
struct ParsedName {
  const ResourceKind* kind = nullptr;
  std::string parent;
  std::string id;
};
// nullptr kind when `name` matches no pattern.
ParsedName ParseResourceName(absl::string_view name);

// The kind whose collection `parent` + "/" + kind would be, for `list KIND PARENT`: true when
// `parent` has the shape the kind's pattern asks ("processes/p" for applications).
bool ParentFits(const ResourceKind& kind, absl::string_view parent);

}  // namespace polylateral::polyctl

#endif  // POLYLATERAL_TOOLS_POLYCTL_RESOURCE_KINDS_H_
