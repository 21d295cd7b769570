#include "tools/polyctl/stakeholder_rows.h"

#include <map>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/base/ids.h"
#include "common/base/text.h"
#include "common/vocabulary/themes.h"
#include "common/vocabulary/un_states.h"
#include "google/protobuf/util/json_util.h"
#include "nlohmann/json.hpp"
#include "tools/polyctl/csv.h"

namespace polylateral::polyctl {
namespace {

namespace v1 = registry::v1;
using Problems = std::vector<RowProblem>;

// The registry's limits (stakeholder.proto).
constexpr int kMaxNameLength = 200;
constexpr int kMaxConstituencyLength = 100;
constexpr size_t kMaxThemes = 20;
constexpr size_t kMaxAffiliations = 10;
constexpr size_t kMaxNetworkMembers = 5000;
constexpr size_t kMaxLanguages = 20;
constexpr size_t kMaxWebsite = 2048;
// Lists inside one CSV cell.
constexpr char kListSeparator = ';';

std::vector<std::string> SplitList(absl::string_view cell) {
  std::vector<std::string> out;
  for (absl::string_view item : absl::StrSplit(cell, kListSeparator)) {
    item = absl::StripAsciiWhitespace(item);
    if (!item.empty()) out.emplace_back(item);
  }
  return out;
}

// An enum cell: its proto name in any case; "" is the zero value.
template <typename Enum, typename ParseFn>
bool ParseEnumCell(absl::string_view cell, ParseFn parse, Enum* out) {
  const std::string upper = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(cell));
  if (upper.empty()) {
    *out = static_cast<Enum>(0);
    return true;
  }
  if (absl::EndsWith(upper, "_UNSPECIFIED")) return false;
  return parse(upper, out);
}

bool ParseBoolCell(absl::string_view cell, bool* out) {
  const std::string v = absl::AsciiStrToLower(absl::StripAsciiWhitespace(cell));
  if (v.empty() || v == "false" || v == "no" || v == "0") {
    *out = false;
    return true;
  }
  if (v == "true" || v == "yes" || v == "1") {
    *out = true;
    return true;
  }
  return false;
}

void CheckText(Problems& p, int row, const std::string& column, const std::string& value, int max,
               bool required) {
  const long len = Utf8PrintableLength(value);
  if (len < 0) {
    p.push_back({row, column, "must be valid UTF-8 without control characters"});
  } else if (required && absl::StripAsciiWhitespace(value).empty()) {
    p.push_back({row, column, "is required"});
  } else if (len > max) {
    p.push_back({row, column, absl::StrCat("must be at most ", max, " characters")});
  }
}

void CheckIds(Problems& p, int row, const std::string& column,
              const google::protobuf::RepeatedPtrField<std::string>& names, size_t max,
              const std::string& self) {
  if (static_cast<size_t>(names.size()) > max) {
    p.push_back({row, column, absl::StrCat("at most ", max, " entries")});
  }
  std::set<std::string> seen;
  for (const std::string& name : names) {
    const std::string id = StakeholderId(name);
    if (!IsReadableResourceId(id)) {
      p.push_back({row, column, absl::StrCat("'", name, "' is not a stakeholder id")});
    } else if (!seen.insert(id).second) {
      p.push_back({row, column, absl::StrCat("'", id, "' is listed twice")});
    } else if (id == self) {
      p.push_back({row, column, "cannot name the stakeholder itself"});
    }
  }
}

// The checks of one record that need no other row: the registry's field rules.
void CheckRecord(const StakeholderRow& r, Problems& p) {
  const v1::Stakeholder& s = r.stakeholder;
  if (!IsValidResourceId(r.id)) {
    p.push_back({r.row, "id",
                 r.id.empty() ? "is required"
                              : "must be 1..63 of [a-z0-9-], starting with a letter or digit"});
  }
  if (s.kind() == v1::Stakeholder::KIND_UNSPECIFIED) p.push_back({r.row, "kind", "is required"});
  CheckText(p, r.row, "display_name", s.display_name(), kMaxNameLength, true);
  if (s.stakeholder_group() == type::v1::STAKEHOLDER_GROUP_UNSPECIFIED) {
    p.push_back({r.row, "stakeholder_group", "is required"});
  }
  CheckText(p, r.row, "constituency", s.constituency(), kMaxConstituencyLength, false);
  if (s.country().empty()) {
    p.push_back({r.row, "country", "is required: an ISO 3166-1 alpha-2 code"});
  } else if (vocabulary::FindUnState(s.country()) == nullptr) {
    p.push_back({r.row, "country",
                 absl::StrCat("'", s.country(), "' is not a UN member or observer state")});
  }
  if (static_cast<size_t>(s.themes_size()) > kMaxThemes) {
    p.push_back({r.row, "themes", absl::StrCat("at most ", kMaxThemes, " themes")});
  }
  std::set<std::string> themes;
  for (const std::string& theme : s.themes()) {
    const std::string id(absl::StripPrefix(theme, "themes/"));
    if (vocabulary::FindTheme(id) == nullptr) {
      p.push_back({r.row, "themes", absl::StrCat("unknown theme '", id, "'")});
    } else if (!themes.insert(id).second) {
      p.push_back({r.row, "themes", absl::StrCat("'", id, "' is listed twice")});
    }
  }
  if (s.kind() == v1::Stakeholder::INDIVIDUAL_EXPERT &&
      s.ecosoc_status() > v1::Stakeholder::NO_STATUS) {
    p.push_back({r.row, "ecosoc_status", "individual experts hold no ECOSOC status"});
  }
  if (s.affiliations_size() > 0 && s.kind() != v1::Stakeholder::INDIVIDUAL_EXPERT) {
    p.push_back({r.row, "affiliations", "only individual experts have affiliations"});
  }
  CheckIds(p, r.row, "affiliations", s.affiliations(), kMaxAffiliations, r.id);
  if (s.network_members_size() > 0 && s.kind() != v1::Stakeholder::NETWORK) {
    p.push_back({r.row, "network_members", "only networks have members"});
  }
  CheckIds(p, r.row, "network_members", s.network_members(), kMaxNetworkMembers, r.id);
  if (static_cast<size_t>(s.languages_size()) > kMaxLanguages) {
    p.push_back({r.row, "languages", absl::StrCat("at most ", kMaxLanguages, " languages")});
  }
  std::set<std::string> languages;
  for (const std::string& l : s.languages()) {
    bool ok = l.size() == 2 || l.size() == 3;
    for (char c : l) ok = ok && absl::ascii_islower(c);
    if (!ok) {
      p.push_back({r.row, "languages",
                   absl::StrCat("'", l, "' is not an ISO 639 code of 2 or 3 lower-case letters")});
    } else if (!languages.insert(l).second) {
      p.push_back({r.row, "languages", absl::StrCat("'", l, "' is listed twice")});
    }
  }
  if (!s.contact_email().empty() && !LooksLikeEmail(s.contact_email())) {
    p.push_back({r.row, "contact_email", "must be an address local@domain"});
  }
  if (!s.website().empty() &&
      (!LooksLikeHttpUrl(s.website()) || s.website().size() > kMaxWebsite)) {
    p.push_back({r.row, "website", "must be an http:// or https:// URL of at most 2048 bytes"});
  }
}

// The checks across rows: ids and organisation names unique in the file, affiliations to
// organisations of the file.
void CheckAcrossRows(StakeholderFile& file) {
  std::map<std::string, const StakeholderRow*> by_id;
  std::map<std::string, int> by_unique_name;
  for (const StakeholderRow& r : file.rows) {
    if (!r.id.empty()) {
      auto [it, fresh] = by_id.emplace(r.id, &r);
      if (!fresh) {
        file.problems.push_back(
            {r.row, "id", absl::StrCat("'", r.id, "' is also the id of row ", it->second->row)});
      }
    }
    if (r.stakeholder.kind() != v1::Stakeholder::INDIVIDUAL_EXPERT) {
      const std::string key =
          absl::StrCat(r.stakeholder.country(), "|", AsciiLower(r.stakeholder.display_name()));
      auto [it, fresh] = by_unique_name.emplace(key, r.row);
      if (!fresh) {
        file.problems.push_back(
            {r.row, "display_name",
             absl::StrCat("row ", it->second, " has the same name in the same country")});
      }
    }
  }
  for (const StakeholderRow& r : file.rows) {
    for (const std::string& name : r.stakeholder.affiliations()) {
      auto it = by_id.find(StakeholderId(name));
      if (it != by_id.end() && it->second->stakeholder.kind() != v1::Stakeholder::ORGANISATION) {
        file.problems.push_back(
            {r.row, "affiliations",
             absl::StrCat("'", it->first, "' (row ", it->second->row, ") is not an organisation")});
      }
    }
  }
}

void Finish(StakeholderFile& file) {
  // The registry stores an unset ECOSOC status as NO_STATUS: reading it so keeps a file and
  // its export equal, and the request id of a row the same whichever of the two it came from.
  for (StakeholderRow& r : file.rows) {
    if (r.stakeholder.ecosoc_status() == v1::Stakeholder::ECOSOC_STATUS_UNSPECIFIED) {
      r.stakeholder.set_ecosoc_status(v1::Stakeholder::NO_STATUS);
    }
  }
  for (const StakeholderRow& r : file.rows) CheckRecord(r, file.problems);
  CheckAcrossRows(file);
  std::stable_sort(file.problems.begin(), file.problems.end(),
                   [](const RowProblem& a, const RowProblem& b) { return a.row < b.row; });
}

// Sets the field of `column` from `cell`; false with `reason` set when the cell is malformed.
bool SetColumn(const std::string& column, const std::string& cell, StakeholderRow& r,
               std::string* reason) {
  v1::Stakeholder& s = r.stakeholder;
  const std::string value(absl::StripAsciiWhitespace(cell));
  if (column == "id") {
    r.id = StakeholderId(value);
  } else if (column == "kind") {
    v1::Stakeholder::Kind kind;
    if (!ParseEnumCell(value, v1::Stakeholder::Kind_Parse, &kind)) {
      *reason = absl::StrCat("'", value, "' is not ORGANISATION, INDIVIDUAL_EXPERT or NETWORK");
      return false;
    }
    s.set_kind(kind);
  } else if (column == "display_name") {
    s.set_display_name(value);
  } else if (column == "stakeholder_group") {
    type::v1::StakeholderGroup group;
    if (!ParseEnumCell(value, type::v1::StakeholderGroup_Parse, &group)) {
      *reason = absl::StrCat("'", value, "' is not a stakeholder group");
      return false;
    }
    s.set_stakeholder_group(group);
  } else if (column == "constituency") {
    s.set_constituency(value);
  } else if (column == "country") {
    s.set_country(absl::AsciiStrToUpper(value));
  } else if (column == "themes") {
    for (std::string& t : SplitList(value)) {
      s.add_themes(absl::StartsWith(t, "themes/") ? t : absl::StrCat("themes/", t));
    }
  } else if (column == "ecosoc_status") {
    v1::Stakeholder::EcosocStatus status;
    if (!ParseEnumCell(value, v1::Stakeholder::EcosocStatus_Parse, &status)) {
      *reason = absl::StrCat("'", value, "' is not NO_STATUS, GENERAL, SPECIAL or ROSTER");
      return false;
    }
    s.set_ecosoc_status(status);
  } else if (column == "affiliations" || column == "network_members") {
    auto* list = column == "affiliations" ? s.mutable_affiliations() : s.mutable_network_members();
    for (const std::string& id : SplitList(value)) {
      *list->Add() = absl::StrCat("stakeholders/", StakeholderId(id));
    }
  } else if (column == "languages") {
    for (std::string& l : SplitList(value)) s.add_languages(std::move(l));
  } else if (column == "developing_country") {
    bool b = false;
    if (!ParseBoolCell(value, &b)) {
      *reason = absl::StrCat("'", value, "' is not true or false");
      return false;
    }
    s.set_developing_country(b);
  } else if (column == "contact_email") {
    s.set_contact_email(value);
  } else if (column == "website") {
    s.set_website(value);
  }
  return true;
}

}  // namespace

const std::vector<std::string>& StakeholderColumns() {
  static const auto* const columns = new std::vector<std::string>{"id",
                                                                  "kind",
                                                                  "display_name",
                                                                  "stakeholder_group",
                                                                  "constituency",
                                                                  "country",
                                                                  "themes",
                                                                  "ecosoc_status",
                                                                  "affiliations",
                                                                  "network_members",
                                                                  "languages",
                                                                  "developing_country",
                                                                  "contact_email",
                                                                  "website"};
  return *columns;
}

std::string StakeholderId(absl::string_view name) {
  return std::string(absl::StripPrefix(name, "stakeholders/"));
}

StakeholderFile ReadStakeholderCsv(absl::string_view text) {
  StakeholderFile file;
  absl::StatusOr<std::vector<CsvRecord>> records = ParseCsv(text);
  if (!records.ok()) {
    file.problems.push_back({0, "", std::string(records.status().message())});
    return file;
  }
  if (records->empty()) {
    file.problems.push_back({1, "", "no header row"});
    return file;
  }
  const CsvRecord& header = records->front();
  std::vector<std::string> columns;
  const std::vector<std::string>& known = StakeholderColumns();
  for (const std::string& raw : header.fields) {
    const std::string column = absl::AsciiStrToLower(absl::StripAsciiWhitespace(raw));
    if (std::find(known.begin(), known.end(), column) == known.end()) {
      file.problems.push_back({header.line, raw, "unknown column"});
    } else if (std::find(columns.begin(), columns.end(), column) != columns.end()) {
      file.problems.push_back({header.line, raw, "column given twice"});
    }
    columns.push_back(column);
  }
  for (const char* required : {"id", "kind", "display_name", "stakeholder_group", "country"}) {
    if (std::find(columns.begin(), columns.end(), required) == columns.end()) {
      file.problems.push_back({header.line, required, "required column missing"});
    }
  }
  if (!file.problems.empty()) return file;

  for (size_t i = 1; i < records->size(); ++i) {
    const CsvRecord& rec = (*records)[i];
    StakeholderRow row;
    row.row = rec.line;
    if (rec.fields.size() != columns.size()) {
      file.problems.push_back(
          {rec.line, "",
           absl::StrCat(rec.fields.size(), " fields, the header has ", columns.size())});
      continue;
    }
    bool ok = true;
    for (size_t c = 0; c < columns.size(); ++c) {
      std::string reason;
      if (!SetColumn(columns[c], rec.fields[c], row, &reason)) {
        file.problems.push_back({rec.line, columns[c], reason});
        ok = false;
      }
    }
    if (ok) file.rows.push_back(std::move(row));
  }
  Finish(file);
  return file;
}

StakeholderFile ReadStakeholderJson(absl::string_view text) {
  StakeholderFile file;
  const nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  const nlohmann::json* items = &doc;
  if (doc.is_object() && doc.contains("stakeholders")) items = &doc["stakeholders"];
  if (!items->is_array()) {
    file.problems.push_back({0, "", "expected a JSON array of stakeholders"});
    return file;
  }
  int n = 0;
  for (const nlohmann::json& item : *items) {
    ++n;
    StakeholderRow row;
    row.row = n;
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = false;
    const auto st =
        google::protobuf::util::JsonStringToMessage(item.dump(), &row.stakeholder, options);
    if (!st.ok()) {
      file.problems.push_back({n, "", std::string(st.message())});
      continue;
    }
    row.id = StakeholderId(row.stakeholder.name());
    // What the registry sets itself is not part of a new record.
    v1::Stakeholder& s = row.stakeholder;
    s.clear_name();
    s.clear_region();
    s.clear_create_time();
    s.clear_update_time();
    s.clear_etag();
    s.clear_ecosoc_status_set_by();
    s.clear_ecosoc_status_update_time();
    s.clear_removed_references();
    file.rows.push_back(std::move(row));
  }
  Finish(file);
  return file;
}

std::vector<std::string> StakeholderCsvFields(const v1::Stakeholder& s) {
  const auto enum_cell = [](const std::string& name, int value) {
    return value == 0 ? std::string() : name;
  };
  std::vector<std::string> themes, affiliations, members;
  for (const std::string& t : s.themes()) themes.emplace_back(absl::StripPrefix(t, "themes/"));
  for (const std::string& a : s.affiliations()) affiliations.push_back(StakeholderId(a));
  for (const std::string& m : s.network_members()) members.push_back(StakeholderId(m));
  const std::string sep(1, kListSeparator);
  return {StakeholderId(s.name()),
          enum_cell(v1::Stakeholder::Kind_Name(s.kind()), s.kind()),
          s.display_name(),
          enum_cell(type::v1::StakeholderGroup_Name(s.stakeholder_group()), s.stakeholder_group()),
          s.constituency(),
          s.country(),
          absl::StrJoin(themes, sep),
          enum_cell(v1::Stakeholder::EcosocStatus_Name(s.ecosoc_status()), s.ecosoc_status()),
          absl::StrJoin(affiliations, sep),
          absl::StrJoin(members, sep),
          absl::StrJoin(s.languages(), sep),
          s.developing_country() ? "true" : "false",
          s.contact_email(),
          s.website()};
}

}  // namespace polylateral::polyctl
