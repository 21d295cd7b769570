#ifndef POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_REQUEST_CHECKS_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_REQUEST_CHECKS_H_

// Field checks shared by the use cases; each adds a violation naming the request field.

#include <string>
#include <vector>

#include "common/base/errors.h"

namespace polylateral::accreditation {

// Optional idempotency key: 1..64 of [A-Za-z0-9_-].
void CheckRequestId(const std::string& request_id, Violations& v);
// 1..20 texts of 1..2000 characters each, on `field`[i].
void CheckTexts(const std::vector<std::string>& texts, const std::string& field, Violations& v);
// Required text of 1..2000 characters.
void CheckText(const std::string& text, const std::string& field, Violations& v);
// Optional text of at most 2000 characters.
void CheckOptionalText(const std::string& text, const std::string& field, Violations& v);
// Whether `iso2` looks like an ISO 3166-1 alpha-2 code.
bool LooksLikeIso2(const std::string& iso2);

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_REQUEST_CHECKS_H_
