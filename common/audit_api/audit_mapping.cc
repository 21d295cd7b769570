#include "common/audit_api/audit_mapping.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"

namespace polylateral::audit {

using google::protobuf::util::TimeUtil;

void ToProto(const AuditEntry& entry, absl::string_view hash, absl::string_view log_name,
             v1::AuditEntry* out) {
  out->set_name(absl::StrCat(log_name, "/entries/", entry.seq));
  out->set_seq(static_cast<int64_t>(entry.seq));
  *out->mutable_time() = TimeUtil::MillisecondsToTimestamp(entry.time_ms);
  out->set_principal(entry.principal);
  out->set_action(entry.action);
  out->set_resource(entry.resource);
  for (const AuditField& f : entry.fields) {
    v1::AuditField* field = out->add_fields();
    field->set_name(f.name);
    field->set_sensitive(f.sensitive);
    if (f.redacted) {
      field->set_digest(f.digest);
    } else {
      field->set_value(f.value);
      field->set_salt(f.salt);
    }
  }
  out->set_hash(std::string(hash));
  out->set_chain_version(static_cast<int32_t>(entry.version));
  out->set_principal_sensitive(entry.principal_sensitive);
  if (entry.principal_redacted) {
    out->set_principal_digest(entry.principal_digest);
  } else {
    out->set_principal_salt(entry.principal_salt);
  }
  out->set_withheld(entry.withheld);
}

AuditEntry FromProto(const v1::AuditEntry& entry) {
  AuditEntry out;
  out.seq = static_cast<uint64_t>(entry.seq());
  out.time_ms = TimeUtil::TimestampToMilliseconds(entry.time());
  out.principal = entry.principal();
  out.action = entry.action();
  out.resource = entry.resource();
  // A server older than chain version 2 sends no version: its entries are v1.
  out.version = entry.chain_version() > 0 ? static_cast<uint32_t>(entry.chain_version()) : kChainV1;
  out.principal_sensitive = entry.principal_sensitive();
  out.principal_redacted = entry.principal_sensitive() && !entry.principal_digest().empty();
  out.principal_digest = entry.principal_digest();
  out.principal_salt = entry.principal_salt();
  out.withheld = entry.withheld();
  for (const v1::AuditField& f : entry.fields()) {
    AuditField field = PlainField(f.name(), f.value());
    field.sensitive = f.sensitive();
    field.salt = f.salt();
    if (f.content_case() == v1::AuditField::kDigest) {
      field.redacted = true;
      field.digest = f.digest();
    }
    out.fields.push_back(std::move(field));
  }
  return out;
}

void ToProto(const SignedHead& head, absl::string_view log_name, v1::AuditHead* out) {
  out->set_name(absl::StrCat(log_name, "/head"));
  out->set_log(head.log);
  out->set_seq(static_cast<int64_t>(head.seq));
  out->set_hash(head.hash);
  *out->mutable_time() = TimeUtil::MillisecondsToTimestamp(head.time_ms);
  out->set_key_id(head.key_id);
  out->set_signature(head.signature);
}

SignedHead FromProto(const v1::AuditHead& head) {
  return SignedHead{head.log(),    static_cast<uint64_t>(head.seq()),
                    head.hash(),   TimeUtil::TimestampToMilliseconds(head.time()),
                    head.key_id(), head.signature()};
}

}  // namespace polylateral::audit
