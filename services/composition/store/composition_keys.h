#ifndef POLYLATERAL_SERVICES_COMPOSITION_STORE_COMPOSITION_KEYS_H_
#define POLYLATERAL_SERVICES_COMPOSITION_STORE_COMPOSITION_KEYS_H_

#include <string>

#include "absl/strings/str_cat.h"
#include "common/audit_store/audit_keys.h"

namespace polylateral::composition {

// Composition's Redis keys. The hash tag is the process id: a delegation write touches its
// record, its session's index and the process's openness counters atomically, which Redis
// Cluster allows only within one slot, and processes spread over slots. delegation_write.lua
// builds replayed record keys from Prefix(); keep the two in step.
//   comp:{<p>}:dl:<session>:<state>  hash: d (JSON), v (version)
//   comp:{<p>}:dix:<session>         zset of states, scores 0 (lexical listing)
//   comp:{<p>}:os:<session>          hash of the session's openness counters
//   comp:{<p>}:oss                   set of session ids that have counters
//   comp:{<p>}:op                    hash: open:<ST>, deleg:<ST> counters, region:<ST>
//   comp:{<p>}:rq:<request id>       relative record key created by that request (24 h)
//   comp:{<p>}:bd:<body>             hash: d (Body bytes), st (N|D), v (nominations version),
//                                    dr (BodyDraw bytes, once drawn)
//   comp:{<p>}:bn:<body>             hash: nomination id -> Nomination bytes
//   comp:{<p>}:bc:<body>             hash: candidate id -> nomination id
//   comp:{<p>}:audit:log             the process's audit log (common/audit_store/audit_keys.h),
//                                    appended by delegation_write.lua and body_write.lua (draws)
//   comp:{audit}:logs                set of process ids that have an audit log: what the
//                                    sealer seals (added before the first write that appends)
class CompositionKeys final {
 public:
  static std::string Prefix(const std::string& process) {
    return absl::StrCat("comp:{", process, "}:");
  }
  static std::string RelativeRecord(const std::string& session, const std::string& state) {
    return absl::StrCat("dl:", session, ":", state);
  }
  static std::string Record(const std::string& p, const std::string& s, const std::string& st) {
    return Prefix(p) + RelativeRecord(s, st);
  }
  static std::string SessionIndex(const std::string& p, const std::string& s) {
    return absl::StrCat(Prefix(p), "dix:", s);
  }
  static std::string SessionCounters(const std::string& p, const std::string& s) {
    return absl::StrCat(Prefix(p), "os:", s);
  }
  static std::string Sessions(const std::string& p) { return absl::StrCat(Prefix(p), "oss"); }
  static std::string ProcessCounters(const std::string& p) { return absl::StrCat(Prefix(p), "op"); }
  static std::string Body(const std::string& p, const std::string& b) {
    return absl::StrCat(Prefix(p), "bd:", b);
  }
  static std::string Nominations(const std::string& p, const std::string& b) {
    return absl::StrCat(Prefix(p), "bn:", b);
  }
  static std::string NominatedCandidates(const std::string& p, const std::string& b) {
    return absl::StrCat(Prefix(p), "bc:", b);
  }
  static std::string Request(const std::string& p, const std::string& rid) {
    return absl::StrCat(Prefix(p), "rq:", rid);
  }
  // The audit log's tag: the process's prefix without the trailing ':'.
  static std::string AuditTag(const std::string& p) { return absl::StrCat("comp:{", p, "}"); }
  static std::string AuditLog(const std::string& p) { return audit::keys::Log(AuditTag(p)); }
  static std::string AuditLogs() { return "comp:{audit}:logs"; }
};

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_STORE_COMPOSITION_KEYS_H_
