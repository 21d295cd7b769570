#include "services/routing/domain/inbox_access.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/base/errors.h"
#include "services/routing/domain/route.h"

namespace polylateral::routing {

absl::Status MayReadInbox(const Principal& who, const std::string& dest) {
  std::vector<std::string> p = absl::StrSplit(dest, '/');
  Principal::Kind owner;
  std::string id;
  if (dest == kClearingHouseDestination) {
    owner = Principal::Kind::kSecretariat;
  } else if (p.size() >= 3 && p[0] == "processes" &&
             (p[2] == "plenary" || (p.size() == 4 && (p[2] == "sessions" || p[2] == "groups")))) {
    owner = Principal::Kind::kSecretariat;
    id = p[1];
  } else if (p.size() == 3 && p[0] == "states" && p[2] == "inbox") {
    owner = Principal::Kind::kState;
    id = p[1];
  } else if (p.size() == 2 && p[0] == "networks") {
    owner = Principal::Kind::kStakeholder;
    id = p[1];
  } else {
    return InvalidArgument("INVALID_REQUEST", "destination", "is not a destination name");
  }
  if (who.kind == Principal::Kind::kOperator) return absl::OkStatus();
  if (who.kind == owner && (id.empty() || who.id == id)) return absl::OkStatus();
  return PermissionDenied("NOT_DESTINATION", absl::StrCat("only the owner of ", dest, " reads it"));
}

absl::Status MayHandleDeadLetters(const Principal& who, const std::string& dest) {
  // The name's shape first, with the owner's rule (an operator passes it).
  const Principal op{Principal::Kind::kOperator, "dead-letters"};
  if (auto st = MayReadInbox(op, dest); !st.ok()) return st;
  if (who.kind == Principal::Kind::kOperator) return absl::OkStatus();
  return PermissionDenied("NOT_OPERATOR",
                          absl::StrCat("only operators handle the dead letters of ", dest));
}

absl::Status ApplyConsumer(const std::string& consumer, PullOptions& options) {
  if (consumer.empty()) return absl::OkStatus();
  if (consumer.size() > 64 ||
      consumer.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                 "0123456789_-") != std::string::npos) {
    return InvalidArgument("INVALID_REQUEST", "consumer", "1..64 of [a-zA-Z0-9_-]");
  }
  options.consumer = consumer;
  return absl::OkStatus();
}

}  // namespace polylateral::routing
