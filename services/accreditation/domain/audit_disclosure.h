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
// resource (an application from its submission on, or an accreditation), so every caller
// reads every entry; an objection's grounds, the one sensitive field, are shown exactly to
// those ListObjections shows them to (SeesObjection under the application's disclosure
// policy: the process secretariat and operators, the objecting state, and others as the
// policy says), and are otherwise replaced by their digest. A sensitive field of any other
// name is shown to the process secretariat and operators only.
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
