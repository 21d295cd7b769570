#include "services/routing/domain/inbox_destination.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/base/errors.h"
#include "common/vocabulary/un_states.h"
#include "services/routing/domain/route.h"

namespace polylateral::routing {
namespace {

absl::Status Missing(const std::string& destination) {
  return NotFound("DESTINATION_NOT_FOUND", absl::StrCat(destination, " is no inbox"));
}

// The registry's NOT_FOUND (the process or the stakeholder) is the destination's.
absl::Status Mapped(const absl::Status& st, const std::string& destination) {
  return absl::IsNotFound(st) ? Missing(destination) : st;
}

}  // namespace

absl::Status CheckDestinationExists(RegistryLookup& registry, const std::string& dest,
                                    absl::Time deadline) {
  if (dest == kClearingHouseDestination) return absl::OkStatus();
  std::vector<std::string> p = absl::StrSplit(dest, '/');
  if (p.size() >= 3 && p[0] == "processes") {
    auto process = registry.Process(p[1], deadline);
    if (!process.ok()) return Mapped(process.status(), dest);
    if (p[2] == "plenary" && p.size() == 3) return absl::OkStatus();
    if (p.size() == 4 && p[2] == "sessions" &&
        std::any_of(process->sessions.begin(), process->sessions.end(),
                    [&](const Session& s) { return s.session_id == p[3]; })) {
      return absl::OkStatus();
    }
    if (p.size() == 4 && p[2] == "groups" &&
        std::any_of(process->thematic_groups.begin(), process->thematic_groups.end(),
                    [&](const ThematicGroup& g) { return g.group_id == p[3]; })) {
      return absl::OkStatus();
    }
    return Missing(dest);
  }
  if (p.size() == 3 && p[0] == "states" && p[2] == "inbox") {
    return vocabulary::FindUnState(p[1]) != nullptr ? absl::OkStatus() : Missing(dest);
  }
  if (p.size() == 2 && p[0] == "networks") {
    auto network = registry.Stakeholder(p[1], deadline);
    if (!network.ok()) return Mapped(network.status(), dest);
    return network->is_network ? absl::OkStatus() : Missing(dest);
  }
  return Missing(dest);
}

std::optional<InboxKind> InboxKindOf(absl::string_view dest) {
  if (dest == kClearingHouseDestination) return InboxKind::kClearingHouse;
  std::vector<absl::string_view> p = absl::StrSplit(dest, '/');
  for (absl::string_view part : p) {
    if (part.empty()) return std::nullopt;
  }
  if (p[0] == "processes" && ((p.size() == 3 && p[2] == "plenary") ||
                              (p.size() == 4 && (p[2] == "sessions" || p[2] == "groups")))) {
    return InboxKind::kProcessChannel;
  }
  if (p[0] == "states" && p.size() == 3 && p[2] == "inbox") return InboxKind::kState;
  if (p[0] == "networks" && p.size() == 2) return InboxKind::kNetwork;
  return std::nullopt;
}

absl::string_view InboxKindName(InboxKind kind) {
  switch (kind) {
    case InboxKind::kProcessChannel:
      return "process_channel";
    case InboxKind::kState:
      return "state";
    case InboxKind::kNetwork:
      return "network";
    case InboxKind::kClearingHouse:
      return "clearing_house";
  }
  return "unknown";
}

}  // namespace polylateral::routing
