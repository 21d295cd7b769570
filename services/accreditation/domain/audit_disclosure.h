#ifndef POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_AUDIT_DISCLOSURE_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_AUDIT_DISCLOSURE_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/audit/audit_disclosure.h"
#include "services/accreditation/domain/types.h"

namespace polylateral::accreditation {

// What a caller is shown of accreditation's audit log ({acc}). Every entry is about a public
// resource (an application from its submission on, or an accreditation), so every
// authenticated caller reads every entry; an objection entry's objecting state (its principal
// and objecting_state) and grounds, sensitive from chain version 2 on, are shown exactly to
// those ListObjections shows the objection to (SeesObjection under the application's
// disclosure policy: the process secretariat and operators, the objecting state, and others as
// the policy says), and are otherwise replaced by their salted digests. An objection entry
// written before chain version 2 names the state in plain: a caller not shown the objection
// gets it withheld (its seal stands for it). A sensitive value in any other entry is shown to
// the process secretariat and operators only.
class AccreditationAuditDisclosure final : public audit::AuditDisclosure {
 public:
  // The application an entry names (the store's GetApplication): its disclosure policy,
  // process and applicant decide.
  using ApplicationLookup =
      std::function<absl::StatusOr<Application>(const std::string& process, const std::string& id)>;
  explicit AccreditationAuditDisclosure(ApplicationLookup lookup) : lookup_(std::move(lookup)) {}

  absl::Status Apply(const Principal& caller, std::vector<audit::AuditEntry>& page) const override;

 private:
  const ApplicationLookup lookup_;
};

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_AUDIT_DISCLOSURE_H_
