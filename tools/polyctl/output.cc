#include "tools/polyctl/output.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace polylateral::polyctl {
namespace {

// "display_name" -> "displayName", as protobuf's JSON printer names fields.
std::string JsonName(absl::string_view snake) {
  std::string out;
  bool upper = false;
  for (char c : snake) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out.push_back(upper ? absl::ascii_toupper(c) : c);
    upper = false;
  }
  return out;
}

std::string Scalar(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump();
}

// Display width: code points, so names in other scripts keep the columns aligned.
size_t Width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::string Cell(const nlohmann::json& item, const std::string& path) {
  const nlohmann::json* v = &item;
  for (absl::string_view part : absl::StrSplit(path, '.')) {
    if (!v->is_object()) return "";
    auto it = v->find(JsonName(part));
    if (it == v->end()) return "";
    v = &*it;
  }
  if (v->is_array()) {
    std::vector<std::string> parts;
    for (const auto& e : *v) parts.push_back(e.is_object() ? e.dump() : Scalar(e));
    return absl::StrJoin(parts, ",");
  }
  return Scalar(*v);
}

std::string FormatTable(const std::vector<nlohmann::json>& items,
                        const std::vector<std::string>& columns) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header;
  for (const std::string& c : columns) header.push_back(absl::AsciiStrToUpper(c));
  rows.push_back(header);
  for (const auto& item : items) {
    std::vector<std::string> row;
    for (const std::string& c : columns) row.push_back(Cell(item, c));
    rows.push_back(std::move(row));
  }
  std::vector<size_t> widths(columns.size(), 0);
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], Width(row[i]));
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - Width(row[i]) + 2, ' ');
    }
    out += line + "\n";
  }
  return out;
}

void Print(FILE* out, OutputFormat format, const nlohmann::json& document,
           const std::vector<nlohmann::json>& items, const std::vector<std::string>& columns) {
  const std::string text =
      format == OutputFormat::kJson ? document.dump(2) + "\n" : FormatTable(items, columns);
  std::fwrite(text.data(), 1, text.size(), out);
}

}  // namespace polylateral::polyctl
