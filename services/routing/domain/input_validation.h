#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_INPUT_VALIDATION_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_INPUT_VALIDATION_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "services/routing/domain/input.h"

namespace polylateral::routing {

// The ErrorInfo reason of every violation ValidateInput reports.
inline constexpr char kInvalidInputReason[] = "INVALID_INPUT";

// OK, or INVALID_ARGUMENT (reason INVALID_INPUT) listing every offending field with a path
// under "input." ("input.text", "input.themes[2]", "input.attachments[0].uri",
// "input.joint_statement.signatories[3]"); size violations quote the limit ("is 250000
// bytes; the limit is 200000 bytes"). Checks shape only: whether the author, process or
// consultation exists is the caller's question (NOT_FOUND).
absl::Status ValidateInput(const Input& input);

// Whether `tag` looks like a BCP 47 language tag: 2-3 letters, then '-'-separated
// subtags of 1-8 letters or digits.
bool IsLanguageTag(absl::string_view tag);

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_INPUT_VALIDATION_H_
