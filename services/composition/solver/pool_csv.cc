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

std::string Where(absl::string_view file, CsvPosition at) {
  return absl::StrCat(file, ":", at.line, ":", at.column);
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
  std::vector<std::vector<CsvSource::QuotaCells>> cells;  // per feature, per value
  // lower-cased feature -> (index, lower-cased value -> canonical value)
  absl::flat_hash_map<std::string, std::pair<int, absl::flat_hash_map<std::string, std::string>>>
      index;
};

absl::StatusOr<Categories> ReadCategories(absl::string_view text, const std::string& file) {
  absl::StatusOr<CsvTable> table = ParseCsvTable(text, file);
  if (!table.ok()) return table.status();
  const std::vector<std::vector<std::string>>& rows = table->rows;
  if (rows.empty()) return InvalidArgument("INVALID_CSV", file + ":1:1", "empty file");
  const std::vector<std::string>& header = rows[0];
  const bool foundation = ColumnOf(header, "value") >= 0;
  const int c_feature = ColumnOf(header, foundation ? "feature" : "category");
  const int c_value = ColumnOf(header, foundation ? "value" : "feature");
  const int c_min = ColumnOf(header, "min"), c_max = ColumnOf(header, "max");
  if (c_feature < 0 || c_value < 0 || c_min < 0 || c_max < 0) {
    return InvalidArgument("INVALID_CSV", file + ":1:1",
                           "header needs category,feature,min,max or feature,value,min,max");
  }
  Categories out;
  for (size_t r = 1; r < rows.size(); ++r) {
    const std::vector<std::string>& row = rows[r];
    if (row.size() == 1 && absl::StripAsciiWhitespace(row[0]).empty()) continue;
    const std::vector<CsvPosition>& at = table->positions[r];
    auto cell = [&](int col) {
      return col >= 0 && col < static_cast<int>(at.size()) ? at[col] : at[0];
    };
    if (static_cast<int>(row.size()) <= std::max(c_feature, c_value)) {
      return InvalidArgument("INVALID_CSV", Where(file, at[0]), "too few columns");
    }
    const int c_min_flex = ColumnOf(header, "min_flex"), c_max_flex = ColumnOf(header, "max_flex");
    const std::string name(absl::StripAsciiWhitespace(row[c_feature]));
    ValueQuota q;
    q.value = std::string(absl::StripAsciiWhitespace(row[c_value]));
    for (auto [col, fallback, dest] :
         {std::tuple{c_min, 0, &q.min}, std::tuple{c_max, kNoLimit, &q.max},
          std::tuple{c_min_flex, -1, &q.min_flex}, std::tuple{c_max_flex, -1, &q.max_flex}}) {
      if (absl::Status s = ParseBound(row, col, Where(file, cell(col)), fallback, dest); !s.ok()) {
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
      out.cells.emplace_back();
    }
    it->second.second.emplace(Key(q.value), q.value);
    out.features[it->second.first].values.push_back(std::move(q));
    out.cells[it->second.first].push_back(
        {at[0], cell(c_min), cell(c_max), cell(c_min_flex), cell(c_max_flex)});
  }
  return out;
}

}  // namespace

absl::StatusOr<CsvTable> ParseCsvTable(absl::string_view text, absl::string_view file) {
  size_t offset = 0;  // bytes skipped before the first line (a BOM)
  if (absl::StartsWith(text, "\xEF\xBB\xBF")) {
    text.remove_prefix(3);
    offset = 3;
  }
  CsvTable table;
  std::vector<std::string> row;
  std::vector<CsvPosition> positions;
  std::string field;
  bool quoted = false, any = false;
  int line = 1;
  size_t line_start = 0;
  CsvPosition field_start{1, static_cast<int>(offset) + 1};
  CsvPosition quote_at;
  auto here = [&](size_t i) {
    return CsvPosition{line, static_cast<int>(i - line_start + (line == 1 ? offset : 0)) + 1};
  };
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
        if (c == '\n') {
          ++line;
          line_start = i + 1;
        }
      }
    } else if (c == '"') {
      quoted = true;
      quote_at = here(i);
    } else if (c == ',') {
      row.push_back(std::move(field));
      positions.push_back(field_start);
      field.clear();
      field_start = here(i + 1);
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      positions.push_back(field_start);
      field.clear();
      table.rows.push_back(std::move(row));
      table.positions.push_back(std::move(positions));
      row.clear();
      positions.clear();
      any = false;
      ++line;
      line_start = i + 1;
      field_start = here(i + 1);
    } else {
      field += c;
    }
  }
  if (quoted) {
    return InvalidArgument("INVALID_CSV", Where(file, quote_at),
                           "unterminated quote: the quoted cell opened here is never closed");
  }
  if (any) {
    row.push_back(std::move(field));
    positions.push_back(field_start);
    table.rows.push_back(std::move(row));
    table.positions.push_back(std::move(positions));
  }
  return table;
}

std::vector<std::vector<std::string>> ParseCsv(absl::string_view text) {
  absl::StatusOr<CsvTable> table = ParseCsvTable(text, "");
  return table.ok() ? std::move(table->rows) : std::vector<std::vector<std::string>>{};
}

std::string LocateField(const CsvSource& source, absl::string_view field) {
  size_t a = 0, b = 0;
  if (absl::ConsumePrefix(&field, "pool.candidates[")) {
    const size_t close = field.find(']');
    if (close == absl::string_view::npos || !absl::SimpleAtoi(field.substr(0, close), &a) ||
        a >= source.candidates.size()) {
      return "";
    }
    const CsvSource::CandidateCells& c = source.candidates[a];
    field.remove_prefix(close + 1);
    CsvPosition at = c.row;
    if (field == ".id") at = c.id;
    if (absl::ConsumePrefix(&field, ".values[") && absl::ConsumeSuffix(&field, "]")) {
      auto it = c.values.find(std::string(field));
      if (it != c.values.end()) at = it->second;
    }
    return Where(source.people_name, at);
  }
  if (absl::ConsumePrefix(&field, "spec.features[")) {
    const size_t close = field.find(']');
    if (close == absl::string_view::npos || !absl::SimpleAtoi(field.substr(0, close), &a) ||
        a >= source.quotas.size() || source.quotas[a].empty()) {
      return "";
    }
    field.remove_prefix(close + 1);
    CsvPosition at = source.quotas[a][0].row;
    if (absl::ConsumePrefix(&field, ".values[")) {
      const size_t vclose = field.find(']');
      if (vclose != absl::string_view::npos && absl::SimpleAtoi(field.substr(0, vclose), &b) &&
          b < source.quotas[a].size()) {
        const CsvSource::QuotaCells& q = source.quotas[a][b];
        field.remove_prefix(vclose + 1);
        at = field == ".min"        ? q.min
             : field == ".max"      ? q.max
             : field == ".min_flex" ? q.min_flex
             : field == ".max_flex" ? q.max_flex
                                    : q.row;
      }
    }
    return Where(source.categories_name, at);
  }
  return "";
}

absl::StatusOr<CsvProblem> ReadSortitionCsv(absl::string_view categories_csv,
                                            absl::string_view people_csv,
                                            const CsvOptions& options) {
  absl::StatusOr<Categories> categories = ReadCategories(categories_csv, options.categories_name);
  if (!categories.ok()) return categories.status();
  absl::StatusOr<CsvTable> table = ParseCsvTable(people_csv, options.people_name);
  if (!table.ok()) return table.status();
  const std::vector<std::vector<std::string>>& rows = table->rows;
  if (rows.empty()) {
    return InvalidArgument("INVALID_CSV", options.people_name + ":1:1", "empty file");
  }
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
  out.source.categories_name = options.categories_name;
  out.source.people_name = options.people_name;
  out.source.quotas = categories->cells;
  for (size_t r = 1; r < rows.size(); ++r) {
    const std::vector<std::string>& row = rows[r];
    if (row.size() == 1 && absl::StripAsciiWhitespace(row[0]).empty()) continue;
    const std::vector<CsvPosition>& at = table->positions[r];
    CsvSource::CandidateCells cells{at[0], at[0], {}};
    if (c_id >= 0 && c_id < static_cast<int>(row.size())) cells.id = at[c_id];
    Candidate cand;
    cand.id = c_id >= 0 && c_id < static_cast<int>(row.size())
                  ? std::string(absl::StripAsciiWhitespace(row[c_id]))
                  : absl::StrCat(out.pool.candidates.size());
    for (const auto& [col, f] : feature_columns) {
      const std::string& name = out.spec.features[f].name;
      if (col >= static_cast<int>(row.size())) continue;  // validation reports the gap
      cells.values[name] = at[col];
      const auto& values = categories->index.at(Key(name)).second;
      auto v = values.find(Key(row[col]));
      // Unknown values pass through as written, for ValidateProblem to name them.
      cand.values[name].push_back(v != values.end() ? v->second : std::string(row[col]));
    }
    if (c_org >= 0 && c_org < static_cast<int>(row.size())) cand.organisation = row[c_org];
    if (c_country >= 0 && c_country < static_cast<int>(row.size())) cand.country = row[c_country];
    out.pool.candidates.push_back(std::move(cand));
    out.source.candidates.push_back(std::move(cells));
  }
  return out;
}

}  // namespace polylateral::composition
