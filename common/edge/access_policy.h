#ifndef POLYLATERAL_COMMON_EDGE_ACCESS_POLICY_H_
#define POLYLATERAL_COMMON_EDGE_ACCESS_POLICY_H_

// Method-level authorisation from a declarative policy, in the shape of gRPC's authorisation
// policy (whose provider does not link in Debian's gRPC 1.51):
//
//   {"name": "registry",
//    "deny_rules":  [{"name": "...", "request": {"paths": ["/pkg.Svc/Method", "/pkg.Svc/*"]},
//                     "source": {"principals": ["state:*"]}}],
//    "allow_rules": [{"name": "reads", "request": {"paths": ["/pkg.Svc/Get*"]}}, ...]}
//
// Deny rules are checked first, then allow rules; no match means deny. A rule without
// "source" matches every caller, anonymous ones included; a principal pattern matches
// Principal::ToString() exactly, or by prefix when it ends in '*' ("*" alone: any caller
// with an identity). Path patterns match exactly or by prefix with a trailing '*'.
// Resource-level rules (only state Y lodges Y's objection) belong to the domain.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/base/principal.h"

namespace polylateral::server {

class AccessPolicy final {
 public:
  // INVALID_ARGUMENT on malformed JSON or an unknown shape.
  static absl::StatusOr<AccessPolicy> Parse(absl::string_view json);
  // A policy that allows everything (tools, benchmarks of the baseline).
  static AccessPolicy AllowAll();

  // OK, or PERMISSION_DENIED naming the method and the principal.
  absl::Status Check(absl::string_view full_method, const Principal& principal) const;

 private:
  struct Rule {
    std::string name;
    std::vector<std::string> paths;
    bool any_source = true;
    std::vector<std::string> principals;
  };
  static bool Matches(const Rule& rule, absl::string_view method, const Principal& principal);

  std::vector<Rule> deny_;
  std::vector<Rule> allow_;
};

}  // namespace polylateral::server

#endif  // POLYLATERAL_COMMON_EDGE_ACCESS_POLICY_H_
