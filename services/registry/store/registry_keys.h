#ifndef POLYLATERAL_SERVICES_REGISTRY_STORE_REGISTRY_KEYS_H_
#define POLYLATERAL_SERVICES_REGISTRY_STORE_REGISTRY_KEYS_H_

#include <string>

#include "absl/strings/str_cat.h"
#include "common/audit_store/audit_keys.h"

namespace polylateral::registry {

// The registry's Redis keys. All carry the hash tag {reg}: the registry is small (a million
// stakeholders fit one node) and its writes touch a record, its indexes and its references
// atomically, which Redis Cluster allows only within one slot. The Lua scripts build the
// same keys from prefix(); keep the two in step.
//   {reg}:sh:<id>       hash: d (JSON), sk (sort key), k (kind), v (version)
//   {reg}:ix:<label>    zset of sort keys, all scores 0: a listing index
//   {reg}:ix:net:<id>   zset of member sort keys of network <id>
//   {reg}:ix:netof:<id> zset of the sort keys of the networks listing <id> as a member
//   {reg}:rb:<id>       set of stakeholders referring to <id> (affiliation, membership)
//   {reg}:uq:<key>      id owning a (country, name) of an organisation or network
//   {reg}:rq:sh:<rid>   id created by request <rid> (24 h)
//   {reg}:pr:<id>       hash: d (JSON), v (version) of a process
//   {reg}:pix:<label>   zset of process ids
//   {reg}:rq:pr:<rid>   id created by request <rid> (24 h)
//   {reg}:audit:log     the audit log (common/audit_store/audit_keys.h): stakeholder deletions,
//                       references removed, ECOSOC statuses set, process creations, updates and
//                       deletions (audit_notes.lua); {reg}:audit:seal, :head, :heads
class RegistryKeys final {
 public:
  static std::string prefix() { return "{reg}:"; }
  static std::string Stakeholder(const std::string& id) {
    return absl::StrCat(prefix(), "sh:", id);
  }
  static std::string Index(const std::string& label) {
    return absl::StrCat(prefix(), "ix:", label);
  }
  static std::string Unique(const std::string& key) { return absl::StrCat(prefix(), "uq:", key); }
  static std::string StakeholderRequest(const std::string& rid) {
    return absl::StrCat(prefix(), "rq:sh:", rid);
  }
  static std::string Process(const std::string& id) { return absl::StrCat(prefix(), "pr:", id); }
  static std::string ProcessIndex(const std::string& label) {
    return absl::StrCat(prefix(), "pix:", label);
  }
  static std::string ProcessRequest(const std::string& rid) {
    return absl::StrCat(prefix(), "rq:pr:", rid);
  }
  static std::string AuditTag() { return "{reg}"; }
  static std::string AuditLog() { return audit::keys::Log(AuditTag()); }
};

}  // namespace polylateral::registry

#endif  // POLYLATERAL_SERVICES_REGISTRY_STORE_REGISTRY_KEYS_H_
