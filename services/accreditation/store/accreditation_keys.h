#ifndef POLYLATERAL_SERVICES_ACCREDITATION_STORE_ACCREDITATION_KEYS_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_STORE_ACCREDITATION_KEYS_H_

#include <string>

#include "absl/strings/str_cat.h"
#include "common/audit_store/audit_keys.h"

namespace polylateral::accreditation {

// The accreditation service's Redis keys. All carry the hash tag {acc} so that a transition
// (record, indexes, schedule, counters, event) is one script in one Redis Cluster slot. The
// Lua scripts build per-process keys from prefix(); keep the two in step.
//   {acc}:app:<p>:<a>    hash: the application (fields in application_codec.cc)
//   {acc}:obj:<p>:<a>    hash: ISO code -> "<lodge ms>|<grounds>"
//   {acc}:apps:<p>       zset, scores 0: "<create ms, 16 digits>:<a>" (listing order)
//   {acc}:apps:<p>:st:<state number>, {acc}:apps:<p>:rt:<route id>, {acc}:apps:<p>:sh:<sh>
//                        zsets, scores 0: the same members, of the applications in that
//                        state, on that route, of that stakeholder (ListApplications filters)
//   {acc}:apps:<p>:dl    zset, scores 0: "<notice deadline ms, 16 digits>:<member>" while in
//                        notice, "~:<member>" otherwise (deadline filter and order)
//   {acc}:apps:<p>:ix    string: set once the four indexes above hold every application
//                        (app_index_build.lua; every write keeps them: app_index.lua)
//   {acc}:sobj:<ISO2>    zset, scores 0: "<lodge ms, 16 digits>:<p>:<a>", the state's
//                        objections in force (ListStateObjections)
//   {acc}:open:<p>:<sh>  string: the stakeholder's open (non-terminal) application
//   {acc}:acc:<p>:<sh>   hash: p sh a route rights st from until reason v (CheckAccess reads it)
//   {acc}:accs:<p>       zset, scores 0: stakeholder ids with an accreditation
//   {acc}:nl:<p>:<l>     hash: a notice list: d (JSON, notice_list_codec.cc), v, dl (deadline ms)
//   {acc}:nls:<p>        zset, scores 0: "<create ms, 16 digits>:<l>" (listing order)
//   {acc}:due            zset scored by due time (ms): notice|<p>|<a>, remind|<p>|<a>,
//                        expire|<p>|<sh>
//   {acc}:events         stream of decisions (schema below)
//   {acc}:tr:<p>, {acc}:tr:-    hash: transparency counters of a process / of all
//       r:<route id or kind>:<outcome>  (submitted approved rejected blocked withdrawn closed)
//       objn, blkn, obj:<policy>:<ISO>, blk:<policy>:<ISO>, g:<group>:dec|ok,
//       rg:<region>:dec|ok, defer, redefer
//   {acc}:ttd:<p>, {acc}:ttd:-  zset: application id scored by submission-to-decision ms
//   {acc}:rq:<token>     idempotency key of a request (24 h)
//   {acc}:audit:log      the audit log (common/audit_store/audit_keys.h): one entry per event
//                        of app_commit.lua, due_claim.lua, objection.lua and acc_commit.lua
//                        (audit_event.lua), objections with their grounds as a sensitive field;
//                        one per notice list created or extended (notice_list.lua);
//                        {acc}:audit:seal, :head, :heads
// Event stream entry fields: type (application.submitted|approved|rejected|blocked|deferred|
// answered|reminded|withdrawn|closed, objection.lodged|withdrawn, accreditation.granted|
// suspended|revoked|reinstated|expired), process, application, stakeholder, route, state
// (the application's state or the accreditation's status after the event), rights (comma-
// separated ParticipationRight numbers), at (unix ms), reason, by (principal, "route" or
// "scheduler"); objection events add objecting_state and carry no reason (an objection's
// grounds stay in {acc}:obj:, read through the API under the disclosure rules); grants add
// valid_until (unix ms or "").
class Keys final {
 public:
  static std::string prefix() { return "{acc}:"; }
  static std::string App(const std::string& p, const std::string& a) {
    return absl::StrCat(prefix(), "app:", p, ":", a);
  }
  static std::string Objections(const std::string& p, const std::string& a) {
    return absl::StrCat(prefix(), "obj:", p, ":", a);
  }
  static std::string Apps(const std::string& p) { return absl::StrCat(prefix(), "apps:", p); }
  static std::string AppsInState(const std::string& p, int state) {
    return absl::StrCat(Apps(p), ":st:", state);
  }
  static std::string AppsOnRoute(const std::string& p, const std::string& route) {
    return absl::StrCat(Apps(p), ":rt:", route);
  }
  static std::string AppsOf(const std::string& p, const std::string& sh) {
    return absl::StrCat(Apps(p), ":sh:", sh);
  }
  static std::string AppsByDeadline(const std::string& p) { return Apps(p) + ":dl"; }
  static std::string AppsIndexed(const std::string& p) { return Apps(p) + ":ix"; }
  static std::string StateObjections(const std::string& iso2) {
    return absl::StrCat(prefix(), "sobj:", iso2);
  }
  static std::string Open(const std::string& p, const std::string& sh) {
    return absl::StrCat(prefix(), "open:", p, ":", sh);
  }
  static std::string Acc(const std::string& p, const std::string& sh) {
    return absl::StrCat(prefix(), "acc:", p, ":", sh);
  }
  static std::string Accs(const std::string& p) { return absl::StrCat(prefix(), "accs:", p); }
  static std::string NoticeList(const std::string& p, const std::string& l) {
    return absl::StrCat(prefix(), "nl:", p, ":", l);
  }
  static std::string NoticeLists(const std::string& p) { return absl::StrCat(prefix(), "nls:", p); }
  static std::string Due() { return prefix() + "due"; }
  static std::string Events() { return prefix() + "events"; }
  static std::string AuditTag() { return "{acc}"; }
  static std::string AuditLog() { return audit::keys::Log(AuditTag()); }
  // `p` empty: across processes.
  static std::string Counters(const std::string& p) {
    return absl::StrCat(prefix(), "tr:", p.empty() ? "-" : p);
  }
  static std::string DecisionTimes(const std::string& p) {
    return absl::StrCat(prefix(), "ttd:", p.empty() ? "-" : p);
  }
  static std::string Request(const std::string& token) {
    return absl::StrCat(prefix(), "rq:", token);
  }
};

inline constexpr int kRequestIdTtlSeconds = 24 * 3600;

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_STORE_ACCREDITATION_KEYS_H_
