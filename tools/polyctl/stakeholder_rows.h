#ifndef POLYLATERAL_TOOLS_POLYCTL_STAKEHOLDER_ROWS_H_
#define POLYLATERAL_TOOLS_POLYCTL_STAKEHOLDER_ROWS_H_

// Stakeholders as rows of a file, the format `polyctl import` reads and `polyctl export`
// writes: CSV with one column per Stakeholder field (docs/polyctl.md lists them), or a JSON
// array of Stakeholder messages. Every row is checked before anything is written, with the
// registry's own limits and the compiled-in vocabulary, so a bad file is reported whole,
// row by row, and never half-imported.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "polylateral/registry/v1/stakeholder.pb.h"

namespace polylateral::polyctl {

// One stakeholder to create: its id and the record, and where it came from.
struct StakeholderRow {
  // The CSV line the row starts on, or the element's 1-based position in a JSON array.
  int row = 0;
  std::string id;
  registry::v1::Stakeholder stakeholder;
};

// Why a row cannot be imported: `column` is the CSV column (the Stakeholder field name).
struct RowProblem {
  int row = 0;
  std::string column;
  std::string reason;
};

struct StakeholderFile {
  std::vector<StakeholderRow> rows;
  std::vector<RowProblem> problems;
};

// The CSV columns, in the order export writes them; `id`, `kind`, `display_name`,
// `stakeholder_group` and `country` are required in the header.
const std::vector<std::string>& StakeholderColumns();

// Parses and checks a CSV file (header row first) or a JSON array of Stakeholder messages
// (`name` gives the id). `problems` lists everything wrong, in row order.
StakeholderFile ReadStakeholderCsv(absl::string_view text);
StakeholderFile ReadStakeholderJson(absl::string_view text);

// The CSV fields of `s`, in StakeholderColumns() order.
std::vector<std::string> StakeholderCsvFields(const registry::v1::Stakeholder& s);

// The id in `stakeholders/{id}` (or `id` itself when it has no prefix).
std::string StakeholderId(absl::string_view name);

}  // namespace polylateral::polyctl

#endif  // POLYLATERAL_TOOLS_POLYCTL_STAKEHOLDER_ROWS_H_
