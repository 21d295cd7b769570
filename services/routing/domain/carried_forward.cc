#include "services/routing/domain/carried_forward.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/base/text.h"

namespace polylateral::routing {

absl::Status ValidateCarriedForward(const CarriedForward& mark) {
  Violations v;
  if (mark.state.size() != 2 || !absl::ascii_isupper(static_cast<unsigned char>(mark.state[0])) ||
      !absl::ascii_isupper(static_cast<unsigned char>(mark.state[1]))) {
    v.Add("state", "must be states/{ISO 3166-1 alpha-2 code}");
  }
  if (mark.note.size() > kMaxCarriedNoteBytes) {
    v.Add("note", absl::StrCat("is ", mark.note.size(), " bytes; the limit is ",
                               kMaxCarriedNoteBytes, " bytes"));
  } else if (Utf8PrintableLength(mark.note, /*allow_newlines=*/true) < 0) {
    v.Add("note", "must be UTF-8 without control characters");
  }
  return v.ToStatus("INVALID_REQUEST");
}

absl::StatusOr<std::vector<std::string>> CarriedProcesses(const CarriedForward& mark,
                                                          const std::vector<Route>& routes) {
  bool routed = false;
  std::set<std::string> processes;
  for (const Route& r : routes) {
    if (r.kind != RouteKind::kVertical || r.via != mark.state) continue;
    routed = true;
    if (!r.process_id.empty()) processes.insert(r.process_id);
  }
  if (!routed) {
    return FailedPrecondition(
        "NOT_ROUTED_TO_STATE", absl::StrCat("inputs/", mark.input_id),
        absl::StrCat("no vertical route of inputs/", mark.input_id, " goes through states/",
                     mark.state, ": only what reached a state can be carried forward by it"));
  }
  return std::vector<std::string>(processes.begin(), processes.end());
}

}  // namespace polylateral::routing
