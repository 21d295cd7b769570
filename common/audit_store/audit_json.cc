#include "common/audit_store/audit_json.h"

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/audit/salt.h"
#include "common/audit_store/json_cursor.h"
#include "nlohmann/json.hpp"

namespace polylateral::audit {
namespace {

using nlohmann::json;

absl::Status Malformed(absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("audit entry: ", what));
}

// `hex` as raw bytes when it is exactly 2*`size` hex digits.
absl::StatusOr<std::string> FromHex(const std::string& hex, size_t size, absl::string_view what) {
  if (hex.size() != 2 * size) return Malformed(absl::StrCat(what, " is not ", size, " bytes"));
  for (char c : hex) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) {
      return Malformed(absl::StrCat(what, " is not hex"));
    }
  }
  return absl::HexStringToBytes(hex);
}

const json* Member(const json& j, const char* name) {
  auto it = j.find(name);
  return it == j.end() ? nullptr : &*it;
}

std::string StringOr(const json& j, const char* name) {
  const json* m = Member(j, name);
  return m != nullptr && m->is_string() ? m->get<std::string>() : std::string();
}

// The export's "fields": [{"name", "value" | "digest", "sensitive"}...].
absl::Status DecodeFields(JsonCursor& c, std::vector<AuditField>* fields) {
  if (!c.Take('[')) return Malformed("fields is not an array");
  if (c.Take(']')) return absl::OkStatus();
  std::string key;
  std::string hex;
  do {
    if (!c.Take('{')) return Malformed("a field is not an object");
    AuditField f = PlainField("", "");
    bool has_digest = false;
    bool has_salt = false;
    std::string salt_hex;
    if (!c.Take('}')) {
      do {
        if (!c.String(&key) || !c.Take(':')) return Malformed("a field is not an object");
        bool ok = true;
        if (key == "name") {
          ok = c.String(&f.name);
        } else if (key == "value") {
          ok = c.String(&f.value);
        } else if (key == "sensitive") {
          ok = c.Bool(&f.sensitive);
        } else if (key == "digest") {
          ok = has_digest = c.String(&hex);
        } else if (key == "salt") {
          ok = has_salt = c.String(&salt_hex);
        } else {
          ok = c.Skip();
        }
        if (!ok) return Malformed(absl::StrCat("bad field member ", key));
      } while (c.Take(','));
      if (!c.Take('}')) return Malformed("a field is not an object");
    }
    if (has_digest) {
      if (!f.sensitive) return Malformed("a digest on a plain field");
      absl::StatusOr<std::string> raw = FromHex(hex, 32, "digest");
      if (!raw.ok()) return raw.status();
      f.redacted = true;
      f.digest = *std::move(raw);
    }
    if (has_salt) {
      if (!f.sensitive) return Malformed("a salt on a plain field");
      absl::StatusOr<std::string> raw = FromHex(salt_hex, 32, "salt");
      if (!raw.ok()) return raw.status();
      f.salt = *std::move(raw);
    }
    fields->push_back(std::move(f));
  } while (c.Take(','));
  if (!c.Take(']')) return Malformed("fields is not an array");
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<AuditEntry> DecodeStoredEntry(absl::string_view text) {
  json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (!j.is_object()) return Malformed("stored entry is not a JSON object");
  AuditEntry e;
  const json* seq = Member(j, "seq");
  if (seq == nullptr || !seq->is_number_unsigned()) return Malformed("stored entry has no seq");
  e.seq = seq->get<uint64_t>();
  // Entries written before chain version 2 carry no "v".
  const json* version = Member(j, "v");
  if (version != nullptr) {
    if (!version->is_number_unsigned()) return Malformed("stored entry has a bad v");
    e.version = version->get<uint32_t>();
  }
  if (!absl::SimpleAtoi(StringOr(j, "t"), &e.time_ms)) return Malformed("stored entry has no t");
  e.principal = StringOr(j, "p");
  e.action = StringOr(j, "a");
  e.resource = StringOr(j, "r");
  const json* f = Member(j, "f");
  // cjson writes an empty Lua table as {}: no fields.
  if (f != nullptr && f->is_array()) {
    for (const json& field : *f) {
      if (!field.is_array() || field.size() < 2 || !field[0].is_string() || !field[1].is_string()) {
        return Malformed("stored field is not [name, value]");
      }
      AuditField out = PlainField(field[0].get<std::string>(), field[1].get<std::string>());
      out.sensitive = field.size() > 2;
      e.fields.push_back(std::move(out));
    }
  }
  if (e.version < kChainV2) return e;
  e.principal_sensitive = Member(j, "ps") != nullptr;
  bool salted = e.principal_sensitive;
  for (const AuditField& field : e.fields) salted = salted || field.sensitive;
  if (!salted) return e;
  // Each sensitive value's salt derives from the entry's ("s"), which stays here.
  absl::StatusOr<std::string> entry_salt = FromHex(StringOr(j, "s"), 32, "stored entry salt");
  if (!entry_salt.ok()) return entry_salt.status();
  if (e.principal_sensitive) e.principal_salt = FieldSalt(*entry_salt, kPrincipalName, 0);
  for (size_t i = 0; i < e.fields.size(); ++i) {
    AuditField& field = e.fields[i];
    if (field.sensitive)
      field.salt = FieldSalt(*entry_salt, field.name, static_cast<uint32_t>(i + 1));
  }
  return e;
}

std::string EncodeExportLine(const AuditEntry& entry, absl::string_view hash) {
  json fields = json::array();
  for (const AuditField& f : entry.fields) {
    json field = {{"name", f.name}};
    if (f.sensitive) field["sensitive"] = true;
    if (f.redacted) {
      field["digest"] = absl::BytesToHexString(f.digest);
    } else {
      field["value"] = f.value;
      if (!f.salt.empty()) field["salt"] = absl::BytesToHexString(f.salt);
    }
    fields.push_back(std::move(field));
  }
  json j = {{"seq", entry.seq},       {"time_ms", entry.time_ms},   {"principal", entry.principal},
            {"action", entry.action}, {"resource", entry.resource}, {"fields", std::move(fields)}};
  // v1 lines stay as they were before v2: no version means 1.
  if (entry.version != kChainV1) j["version"] = entry.version;
  if (entry.principal_sensitive) {
    j["principal_sensitive"] = true;
    if (entry.principal_redacted) {
      j["principal_digest"] = absl::BytesToHexString(entry.principal_digest);
    } else {
      j["principal_salt"] = absl::BytesToHexString(entry.principal_salt);
    }
  }
  if (entry.withheld) j["withheld"] = true;
  if (!hash.empty()) j["hash"] = absl::BytesToHexString(hash);
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

absl::StatusOr<ExportLine> DecodeExportLine(absl::string_view line) {
  ExportLine out;
  AuditEntry& e = out.entry;
  JsonCursor c(line);
  bool has_seq = false;
  bool has_time = false;
  std::string key;
  std::string hex;
  if (!c.Take('{')) return Malformed("line is not a JSON object");
  if (!c.Take('}')) {
    do {
      if (!c.String(&key) || !c.Take(':')) return Malformed("line is not a JSON object");
      bool ok = true;
      if (key == "seq") {
        ok = has_seq = c.Uint(&e.seq);
      } else if (key == "time_ms") {
        ok = has_time = c.Int(&e.time_ms);
      } else if (key == "principal") {
        ok = c.String(&e.principal);
      } else if (key == "action") {
        ok = c.String(&e.action);
      } else if (key == "resource") {
        ok = c.String(&e.resource);
      } else if (key == "hash") {
        ok = c.String(&hex);
        if (ok) {
          absl::StatusOr<std::string> raw = FromHex(hex, 32, "hash");
          if (!raw.ok()) return raw.status();
          out.hash = *std::move(raw);
        }
      } else if (key == "fields") {
        absl::Status s = DecodeFields(c, &e.fields);
        if (!s.ok()) return s;
      } else if (key == "version") {  // chain version 2's members, rarer, after the common ones
        uint64_t v = 0;
        ok = c.Uint(&v) && v <= UINT32_MAX;
        e.version = static_cast<uint32_t>(v);
      } else if (key == "principal_sensitive") {
        ok = c.Bool(&e.principal_sensitive);
      } else if (key == "withheld") {
        ok = c.Bool(&e.withheld);
      } else if (key == "principal_digest" || key == "principal_salt") {
        ok = c.String(&hex);
        if (ok) {
          absl::StatusOr<std::string> raw = FromHex(hex, 32, key);
          if (!raw.ok()) return raw.status();
          if (key == "principal_digest") {
            e.principal_redacted = true;
            e.principal_digest = *std::move(raw);
          } else {
            e.principal_salt = *std::move(raw);
          }
        }
      } else {
        ok = c.Skip();
      }
      if (!ok) return Malformed(absl::StrCat("bad value of ", key));
    } while (c.Take(','));
    if (!c.Take('}')) return Malformed("line is not a JSON object");
  }
  if (!c.AtEnd()) return Malformed("text after the object");
  if (!has_seq) return Malformed("no seq");
  if (!has_time) return Malformed("no time_ms");
  if ((e.principal_redacted || !e.principal_salt.empty()) && !e.principal_sensitive) {
    return Malformed("a principal digest or salt on a plain principal");
  }
  return out;
}

std::string EncodeHead(const SignedHead& head) {
  json j = {{"log", head.log},
            {"seq", head.seq},
            {"hash", absl::BytesToHexString(head.hash)},
            {"time_ms", head.time_ms},
            {"key_id", head.key_id},
            {"signature", absl::BytesToHexString(head.signature)}};
  return j.dump();
}

absl::StatusOr<SignedHead> DecodeHead(absl::string_view text) {
  json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (!j.is_object()) return Malformed("head is not a JSON object");
  SignedHead h;
  h.log = StringOr(j, "log");
  const json* seq = Member(j, "seq");
  const json* time = Member(j, "time_ms");
  if (seq == nullptr || !seq->is_number_unsigned()) return Malformed("head has no seq");
  if (time == nullptr || !time->is_number_integer()) return Malformed("head has no time_ms");
  h.seq = seq->get<uint64_t>();
  h.time_ms = time->get<int64_t>();
  h.key_id = StringOr(j, "key_id");
  absl::StatusOr<std::string> hash = FromHex(StringOr(j, "hash"), 32, "head hash");
  if (!hash.ok()) return hash.status();
  h.hash = *std::move(hash);
  absl::StatusOr<std::string> sig = FromHex(StringOr(j, "signature"), 64, "head signature");
  if (!sig.ok()) return sig.status();
  h.signature = *std::move(sig);
  return h;
}

}  // namespace polylateral::audit
