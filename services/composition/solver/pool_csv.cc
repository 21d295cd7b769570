#include "services/composition/solver/pool_csv.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/base/errors.h"

namespace polylateral::composition {
namespace {

std::string Key(absl::string_view s) {
  return absl::AsciiStrToLower(absl::StripAsciiWhitespace(s));
}

int ColumnOf(const std::vector<std::string>& header, absl::string_view name) {
  for (size_t i = 0; i < header.size(); ++i) {
    if (Key(header[i]) == name) return static_cast<int>(i);
  }
  return -1;
}

absl::Status ParseBound(const std::vector<std::string>& row, int col, const std::string& field,
                        int fallback, int* out) {
  if (col < 0 || col >= static_cast<int>(row.size()) ||
      absl::StripAsciiWhitespace(row[col]).empty()) {
    *out = fallback;
    return absl::OkStatus();
  }
  if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(row[col]), out)) {
    return InvalidArgument("INVALID_CSV", field, absl::StrCat("not an integer: '", row[col], "'"));
  }
  return absl::OkStatus();
}

struct Categories {
  std::vector<Feature> features;
  // lower-cased feature -> (index, lower-cased value -> canonical value)
  absl::flat_hash_map<std::string, std::pair<int, absl::flat_hash_map<std::string, std::string>>>
      index;
};

absl::StatusOr<Categories> ReadCategories(absl::string_view text) {
  const std::vector<std::vector<std::string>> rows = ParseCsv(text);
  if (rows.empty()) return InvalidArgument("INVALID_CSV", "categories", "empty file");
  const std::vector<std::string>& header = rows[0];
  const bool foundation = ColumnOf(header, "value") >= 0;
  const std::string file = foundation ? "features.csv" : "categories.csv";
  const int c_feature = ColumnOf(header, foundation ? "feature" : "category");
  const int c_value = ColumnOf(header, foundation ? "value" : "feature");
  const int c_min = ColumnOf(header, "min"), c_max = ColumnOf(header, "max");
  if (c_feature < 0 || c_value < 0 || c_min < 0 || c_max < 0) {
    return InvalidArgument("INVALID_CSV", file + "[0]",
                           "header needs category,feature,min,max or feature,value,min,max");
  }
  Categories out;
  for (size_t r = 1; r < rows.size(); ++r) {
    const std::vector<std::string>& row = rows[r];
    if (row.size() == 1 && absl::StripAsciiWhitespace(row[0]).empty()) continue;
    const std::string path = absl::StrCat(file, "[", r, "]");
    if (static_cast<int>(row.size()) <= std::max(c_feature, c_value)) {
      return InvalidArgument("INVALID_CSV", path, "too few columns");
    }
    const std::string name(absl::StripAsciiWhitespace(row[c_feature]));
    ValueQuota q;
    q.value = std::string(absl::StripAsciiWhitespace(row[c_value]));
    for (auto [col, field, fallback, dest] :
         {std::tuple{c_min, "min", 0, &q.min}, std::tuple{c_max, "max", kNoLimit, &q.max},
          std::tuple{ColumnOf(header, "min_flex"), "min_flex", -1, &q.min_flex},
          std::tuple{ColumnOf(header, "max_flex"), "max_flex", -1, &q.max_flex}}) {
      if (absl::Status s = ParseBound(row, col, absl::StrCat(path, ".", field), fallback, dest);
          !s.ok()) {
        return s;
      }
    }
    // Without flexible bounds a relaxation may go all the way (to 0 and to no maximum).
    if (q.min_flex < 0) q.min_flex = 0;
    if (q.max_flex < 0) q.max_flex = kNoLimit;
    auto [it, added] = out.index.try_emplace(Key(name));
    if (added) {
      it->second.first = static_cast<int>(out.features.size());
      out.features.push_back(Feature{name, {}, false});
    }
    it->second.second.emplace(Key(q.value), q.value);
    out.features[it->second.first].values.push_back(std::move(q));
  }
  return out;
}

}  // namespace

std::vector<std::vector<std::string>> ParseCsv(absl::string_view text) {
  if (absl::StartsWith(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    any = true;
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
      any = false;
    } else {
      field += c;
    }
  }
  if (any) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

absl::StatusOr<CsvProblem> ReadSortitionCsv(absl::string_view categories_csv,
                                            absl::string_view people_csv,
                                            const CsvOptions& options) {
  absl::StatusOr<Categories> categories = ReadCategories(categories_csv);
  if (!categories.ok()) return categories.status();
  const std::vector<std::vector<std::string>> rows = ParseCsv(people_csv);
  if (rows.empty()) return InvalidArgument("INVALID_CSV", "people", "empty file");
  const std::vector<std::string>& header = rows[0];
  int c_id = ColumnOf(header, "nationbuilder_id");
  if (c_id < 0) c_id = ColumnOf(header, "id");
  const bool foundation = ColumnOf(ParseCsv(categories_csv)[0], "value") >= 0;
  if (c_id < 0 && foundation) c_id = 0;
  const int c_org =
      options.organisation_column.empty() ? -1 : ColumnOf(header, Key(options.organisation_column));
  const int c_country =
      options.country_column.empty() ? -1 : ColumnOf(header, Key(options.country_column));
  std::vector<std::pair<int, int>> feature_columns;  // (column, feature index)
  for (size_t c = 0; c < header.size(); ++c) {
    auto it = categories->index.find(Key(header[c]));
    if (it != categories->index.end()) feature_columns.emplace_back(c, it->second.first);
  }
  CsvProblem out;
  out.spec.min_seats = out.spec.max_seats = options.seats;
  out.spec.features = categories->features;
  for (size_t r = 1; r < rows.size(); ++r) {
    const std::vector<std::string>& row = rows[r];
    if (row.size() == 1 && absl::StripAsciiWhitespace(row[0]).empty()) continue;
    Candidate cand;
    cand.id = c_id >= 0 && c_id < static_cast<int>(row.size())
                  ? std::string(absl::StripAsciiWhitespace(row[c_id]))
                  : absl::StrCat(out.pool.candidates.size());
    for (const auto& [col, f] : feature_columns) {
      const std::string& name = out.spec.features[f].name;
      if (col >= static_cast<int>(row.size())) continue;  // validation reports the gap
      const auto& values = categories->index.at(Key(name)).second;
      auto v = values.find(Key(row[col]));
      // Unknown values pass through as written, for ValidateProblem to name them.
      cand.values[name].push_back(v != values.end() ? v->second : std::string(row[col]));
    }
    if (c_org >= 0 && c_org < static_cast<int>(row.size())) cand.organisation = row[c_org];
    if (c_country >= 0 && c_country < static_cast<int>(row.size())) cand.country = row[c_country];
    out.pool.candidates.push_back(std::move(cand));
  }
  return out;
}

}  // namespace polylateral::composition
