#include "services/accreditation/domain/application_query.h"

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/base/ids.h"

namespace polylateral::accreditation {

bool ApplicationQuery::IsPlain() const {
  return order == ApplicationOrder::kCreation && !filter.state.has_value() &&
         filter.route_id.empty() && filter.stakeholder.empty() &&
         filter.deadline_before == absl::InfiniteFuture();
}

absl::StatusOr<ApplicationOrder> ParseApplicationOrder(const std::string& order_by) {
  if (order_by.empty() || order_by == "create_time") return ApplicationOrder::kCreation;
  if (order_by == "deadline") return ApplicationOrder::kDeadline;
  return InvalidArgument("INVALID_FILTER", "order_by", "must be \"deadline\" or \"create_time\"");
}

absl::Status CheckApplicationQuery(const ApplicationQuery& q) {
  Violations v;
  const ApplicationFilter& f = q.filter;
  if (f.state.has_value() &&
      (*f.state == AppState::kUnspecified || static_cast<int>(*f.state) < 0 ||
       static_cast<int>(*f.state) > static_cast<int>(AppState::kClosed))) {
    v.Add("state", "is not an application state");
  }
  if (!f.route_id.empty() && !IsReadableResourceId(f.route_id)) {
    v.Add("route_id", "is not a route id");
  }
  if (!f.stakeholder.empty() && !IsReadableResourceId(f.stakeholder)) {
    v.Add("stakeholder", "is not a stakeholder id");
  }
  return v.ToStatus("INVALID_FILTER");
}

std::optional<absl::Time> NoticeDeadline(const Application& a) {
  if (a.state != AppState::kInNotice || a.due_time == absl::InfinitePast()) return std::nullopt;
  return a.due_time;
}

bool Matches(const ApplicationFilter& f, const Application& a) {
  if (f.state.has_value() && a.state != *f.state) return false;
  if (!f.route_id.empty() && a.route_id != f.route_id) return false;
  if (!f.stakeholder.empty() && a.stakeholder != f.stakeholder) return false;
  if (f.deadline_before != absl::InfiniteFuture()) {
    const std::optional<absl::Time> deadline = NoticeDeadline(a);
    if (!deadline.has_value() || *deadline >= f.deadline_before) return false;
  }
  return true;
}

std::string CanonicalQuery(const ApplicationQuery& q) {
  if (q.IsPlain()) return "";
  const ApplicationFilter& f = q.filter;
  return absl::StrCat(
      "state=", f.state.has_value() ? static_cast<int>(*f.state) : 0, "|route=", f.route_id,
      "|stakeholder=", f.stakeholder, "|before=",
      f.deadline_before == absl::InfiniteFuture() ? "" : absl::FormatTime(f.deadline_before),
      "|order=", q.order == ApplicationOrder::kDeadline ? "deadline" : "create_time");
}

}  // namespace polylateral::accreditation
