#ifndef POLYLATERAL_SERVICES_ROUTING_STORE_ROUTING_KEYS_H_
#define POLYLATERAL_SERVICES_ROUTING_STORE_ROUTING_KEYS_H_

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/audit_store/audit_keys.h"

namespace polylateral::routing::keys {

// The routing service's Redis keys, all under the hash tag {rt} so that a submission (record,
// inbox entries, indexes, counters, idempotency key) is one script in one Cluster slot. The
// scripts build a few keys from the prefixes below; keep the two in step.
//   {rt}:in:<id>          hash: d (the Input, binary protobuf; JSON is read too),
//                         a (author), v (version), routes, acked, e:<destination> (inbox
//                         entry id),
//                         dims:<process> (uptake-report dimensions "t,g:4,r:1,k:2,s:BR")
//   {rt}:req:<request id> string: the input id of an earlier SubmitInput (24 h)
//   {rt}:inputs           zset: input ids by creation ms (ListInputs)
//   {rt}:by:<author>      zset: the author's input ids by creation ms (listing, re-routing)
//   {rt}:inbox:<dest>     stream (group "g"): fields in (input id), r (the Route, binary
//                         protobuf; JSON is read too), t (ms)
//   {rt}:inboxes          zset: every destination that ever had an inbox entry, score 0 (read
//                         in lexical pages by the inbox metrics sampler); submit.lua,
//                         reroute.lua and dead_letter.lua add to it where they XADD
//   {rt}:inboxes-built    string: set once inbox_index_backfill.lua has indexed the inboxes
//                         of the inputs stored before the index existed
//   {rt}:done:<dest>      set: input ids the destination acknowledged (never handed out again)
//   {rt}:dlq:<dest>       list: JSON {delivery_id, input, deliveries, moved_ms, reason} (and
//                         route, for an entry queued with a JSON route)
//   {rt}:cons:<ISO2>      hash: consultation id -> Consultation JSON (a state's consultations)
//   {rt}:cons-state       hash: consultation id -> ISO2
//   {rt}:relays           hash: relay id -> RelayDeclaration JSON
//   {rt}:relays-of:<ISO2> set: the state's relay ids (the per-state cap counts it)
//   {rt}:relays-of        string: set once the per-state sets hold every declaration
//   {rt}:facts-v          integer: bumped with every consultation or relay write, so that a
//                         submission decided on cached ones is refused if they changed
//   {rt}:out:<id>         string: OutcomeDocument JSON
//   {rt}:up:<input>       hash: s:<process> (status name in that process), d (latest UptakeRecord)
//   {rt}:rep:<process>    hash: "<inputs|status name>|<dim>" -> count
//   {rt}:carried:<input>  hash: ISO2 -> CarriedForward JSON (a state's mark, set once); the
//                         mark also adds "c:<ISO2>" to the input's dims:<process>
//   {rt}:audit:log        list: the audit log (common/audit_store/audit_keys.h), appended by
//                         submit.lua, reroute.lua and uptake.lua; {rt}:audit:seal, :head, :heads
//   {rt}:events          stream: the change feed, one entry per committed change (fields k
//                         kind, in, a, d, w, dest, del, p, o, u, s: routing_change.h), appended
//                         by the write scripts (event_append.lua, which names both keys) and
//                         trimmed near {rt}:events:cap entries
//   {rt}:events:cap       string: the feed's length (--event_stream_max_len), set at start-up
//   {rt}:acc-cursor       (the accreditation consumer's group lives on {acc}:events)
// Stands for "no key" in a script's KEYS (never written): Redis checks every KEYS entry against
// the ACL user's key patterns, and an empty name matches none of them. submit.lua knows it.
inline constexpr absl::string_view kNoKey = "{rt}:none";
inline constexpr absl::string_view kInputPrefix = "{rt}:in:";
inline constexpr absl::string_view kInboxPrefix = "{rt}:inbox:";
inline std::string Input(absl::string_view id) { return absl::StrCat(kInputPrefix, id); }
inline std::string Request(absl::string_view rid) { return absl::StrCat("{rt}:req:", rid); }
inline std::string Inputs() { return "{rt}:inputs"; }
inline std::string ByAuthor(absl::string_view a) { return absl::StrCat("{rt}:by:", a); }
inline std::string Inbox(absl::string_view dest) { return absl::StrCat(kInboxPrefix, dest); }
inline std::string Inboxes() { return "{rt}:inboxes"; }
inline std::string InboxesBuilt() { return "{rt}:inboxes-built"; }
inline constexpr absl::string_view kDeadLettersPrefix = "{rt}:dlq:";
inline std::string Done(absl::string_view dest) { return absl::StrCat("{rt}:done:", dest); }
inline std::string DeadLetters(absl::string_view dest) {
  return absl::StrCat(kDeadLettersPrefix, dest);
}
inline std::string Consultations(absl::string_view iso2) {
  return absl::StrCat("{rt}:cons:", iso2);
}
inline std::string ConsultationState() { return "{rt}:cons-state"; }
inline std::string Relays() { return "{rt}:relays"; }
inline constexpr absl::string_view kRelaysOfPrefix = "{rt}:relays-of:";
inline std::string RelaysOf(absl::string_view iso2) { return absl::StrCat(kRelaysOfPrefix, iso2); }
inline std::string RelaysIndexed() { return "{rt}:relays-of"; }
inline std::string FactsVersion() { return "{rt}:facts-v"; }
inline std::string Outcome(absl::string_view id) { return absl::StrCat("{rt}:out:", id); }
inline std::string Uptake(absl::string_view input) { return absl::StrCat("{rt}:up:", input); }
inline std::string Report(absl::string_view process) { return absl::StrCat("{rt}:rep:", process); }
inline std::string Carried(absl::string_view input) { return absl::StrCat("{rt}:carried:", input); }
inline std::string Events() { return "{rt}:events"; }
inline std::string EventsCap() { return "{rt}:events:cap"; }
// The tag of routing's audit log, and the log itself.
inline constexpr absl::string_view kAuditTag = "{rt}";
inline std::string AuditLog() { return audit::keys::Log(kAuditTag); }

}  // namespace polylateral::routing::keys

#endif  // POLYLATERAL_SERVICES_ROUTING_STORE_ROUTING_KEYS_H_
