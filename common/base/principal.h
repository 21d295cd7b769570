#ifndef POLYLATERAL_COMMON_BASE_PRINCIPAL_H_
#define POLYLATERAL_COMMON_BASE_PRINCIPAL_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace polylateral {

// Who is calling. Every rule about who may do what reads one of these; where it comes from
// (a metadata header on loopback today, the mTLS certificate later) is the server's business.
struct Principal {
  enum class Kind {
    kAnonymous,
    // The secretariat of process `id`.
    kSecretariat,
    // The permanent mission of the state with ISO code `id`.
    kState,
    // Stakeholder `id` acting for itself.
    kStakeholder,
    // A member of the team running the suite.
    kOperator,
    // Another polylateral service (`id` = its name).
    kService,
  };

  Kind kind = Kind::kAnonymous;
  std::string id;

  static Principal Anonymous() { return {}; }
  bool is_anonymous() const { return kind == Kind::kAnonymous; }
  // "secretariat:oewg-ict", "state:BR", ... ; "anonymous".
  std::string ToString() const;
  bool operator==(const Principal& o) const { return kind == o.kind && id == o.id; }
};

// Parses the text form ToString gives. INVALID_ARGUMENT on anything else.
absl::StatusOr<Principal> ParsePrincipal(absl::string_view text);

absl::string_view PrincipalKindName(Principal::Kind kind);

}  // namespace polylateral

#endif  // POLYLATERAL_COMMON_BASE_PRINCIPAL_H_
