#include "services/routing/domain/outcome_access.h"

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"

namespace polylateral::routing {
namespace {

absl::Status CheckSecretariatOf(const Principal& caller, const std::string& process_id) {
  if (caller.kind == Principal::Kind::kOperator) return absl::OkStatus();
  if (caller.kind == Principal::Kind::kSecretariat && caller.id == process_id) {
    return absl::OkStatus();
  }
  return PermissionDenied("NOT_SECRETARIAT",
                          absl::StrCat(caller.ToString(), ": only the secretariat of processes/",
                                       process_id, " (or an operator) may"));
}

}  // namespace

absl::Status CheckCanRegisterOutcome(const Principal& caller, const std::string& process_id,
                                     const std::string& stored_process_id) {
  if (auto st = CheckSecretariatOf(caller, process_id); !st.ok()) return st;
  if (caller.kind == Principal::Kind::kOperator || stored_process_id.empty() ||
      stored_process_id == process_id) {
    return absl::OkStatus();
  }
  return PermissionDenied(
      "OUTCOME_OF_ANOTHER_PROCESS",
      absl::StrCat("outcome_id: the outcome under this id belongs to processes/", stored_process_id,
                   "; ", caller.ToString(), " may not replace it"));
}

absl::Status CheckCanRecordUptake(const Principal& caller, const std::string& process_id) {
  return CheckSecretariatOf(caller, process_id);
}

}  // namespace polylateral::routing
