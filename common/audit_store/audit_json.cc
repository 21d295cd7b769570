#include "common/audit_store/audit_json.h"

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
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
    AuditField f{"", "", false, false, ""};
    bool has_digest = false;
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
      AuditField out{field[0].get<std::string>(), field[1].get<std::string>(), false, false, ""};
      out.sensitive = field.size() > 2;
      e.fields.push_back(std::move(out));
    }
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
    }
    fields.push_back(std::move(field));
  }
  json j = {{"seq", entry.seq},       {"time_ms", entry.time_ms},   {"principal", entry.principal},
            {"action", entry.action}, {"resource", entry.resource}, {"fields", std::move(fields)}};
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
