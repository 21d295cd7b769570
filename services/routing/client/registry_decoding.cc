#include "services/routing/client/registry_decoding.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

namespace polylateral::routing {
namespace {

// "themes/x" -> "x"; a value without the collection is kept as the registry stored it.
std::string Bare(absl::string_view name, absl::string_view collection) {
  absl::ConsumePrefix(&name, collection);
  return std::string(name);
}

template <typename Names>
std::vector<std::string> BareAll(const Names& names, absl::string_view collection) {
  std::vector<std::string> out;
  out.reserve(names.size());
  for (const auto& n : names) out.push_back(Bare(n, collection));
  return out;
}

// An all-zero Date is absent. Any other is taken as stored (the registry checked it when it
// was written; routing does not judge it again).
OptionalDay Day(const type::v1::Date& d) {
  OptionalDay out;
  if (d.year() == 0 && d.month() == 0 && d.day() == 0) return out;
  out.set = true;
  out.day = absl::CivilDay(d.year(), d.month(), d.day());
  return out;
}

// The id of `name` in `collection` ("processes/"): routing keys everything by it, so an
// answer without one cannot be used.
absl::StatusOr<std::string> IdOf(const std::string& name, absl::string_view collection,
                                 absl::string_view what) {
  absl::string_view id = name;
  if (!absl::ConsumePrefix(&id, collection) || id.empty()) {
    return absl::InternalError(
        absl::StrCat("the registry sent a ", what, " without a usable name (\"", name, "\")"));
  }
  return std::string(id);
}

}  // namespace

absl::StatusOr<ProcessInfo> DecodeProcess(const registry::v1::Process& p) {
  auto id = IdOf(p.name(), "processes/", "process");
  if (!id.ok()) return id.status();
  ProcessInfo out;
  out.id = std::move(*id);
  out.display_name = p.display_name();
  out.themes = BareAll(p.themes(), "themes/");
  for (const auto& s : p.sessions()) {
    Session session;
    session.session_id = s.session_id();
    session.display_name = s.display_name();
    session.start_date = Day(s.start_date());
    session.end_date = Day(s.end_date());
    session.written_input_opens = Day(s.written_input_opens());
    session.written_input_closes = Day(s.written_input_closes());
    out.sessions.push_back(std::move(session));
  }
  for (const auto& g : p.thematic_groups()) {
    ThematicGroup group;
    group.group_id = g.group_id();
    group.display_name = g.display_name();
    group.themes = BareAll(g.themes(), "themes/");
    for (const auto& a : g.agenda()) {
      group.agenda.push_back(
          {a.title(), BareAll(a.themes(), "themes/"), Day(a.start_date()), Day(a.end_date())});
    }
    out.thematic_groups.push_back(std::move(group));
  }
  return out;
}

absl::StatusOr<StakeholderInfo> DecodeStakeholder(const registry::v1::Stakeholder& s) {
  auto id = IdOf(s.name(), "stakeholders/", "stakeholder");
  if (!id.ok()) return id.status();
  StakeholderInfo out;
  out.id = std::move(*id);
  out.display_name = s.display_name();
  out.group = static_cast<vocabulary::StakeholderGroup>(s.stakeholder_group());
  out.country = s.country();
  out.region = static_cast<vocabulary::Region>(s.region());
  out.is_network = s.kind() == registry::v1::Stakeholder::NETWORK;
  return out;
}

}  // namespace polylateral::routing
