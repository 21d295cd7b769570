#ifndef POLYLATERAL_COMMON_AUDIT_STORE_AUDIT_KEYS_H_
#define POLYLATERAL_COMMON_AUDIT_STORE_AUDIT_KEYS_H_

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace polylateral::audit::keys {

// One audit log per hash tag, its keys beside the service's own so that a write script
// appends to the log of its own Cluster slot. `tag` is the prefix the service's keys start
// with: "{rt}", "{acc}", "comp:{<process>}".
//   <tag>:audit:log    list: entry n at index n-1, JSON {v, seq, t, p, a, r, f: [[name, value(,
//                      1 = sensitive)]...], ps, s} written by audit_append.lua (audit_json.h)
//   <tag>:audit:seal   list: hash_n (64 hex digits) at index n-1, written by seal.lua
//   <tag>:audit:head   string: the latest signed head (JSON, export format)
//   <tag>:audit:heads  list: every signed head published, oldest first
inline std::string Log(absl::string_view tag) { return absl::StrCat(tag, ":audit:log"); }
inline std::string Seals(absl::string_view tag) { return absl::StrCat(tag, ":audit:seal"); }
inline std::string Head(absl::string_view tag) { return absl::StrCat(tag, ":audit:head"); }
inline std::string Heads(absl::string_view tag) { return absl::StrCat(tag, ":audit:heads"); }

}  // namespace polylateral::audit::keys

#endif  // POLYLATERAL_COMMON_AUDIT_STORE_AUDIT_KEYS_H_
