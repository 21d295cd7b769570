#ifndef POLYLATERAL_SERVICES_COMPOSITION_SOLVER_POOL_CSV_H_
#define POLYLATERAL_SERVICES_COMPOSITION_SOLVER_POOL_CSV_H_

// Reads the two CSV formats of the published sortition data (a sample in tests/data/sortition):
//  - Flanigan et al.'s replication data: categories.csv `category,feature,min,max` (a
//    category is our feature, its "feature" our value) and respondents.csv with one column
//    per category and one row per person (id = row number from 0);
//  - the Sortition Foundation's features.csv `feature,value,min,max[,min_flex,max_flex]` and
//    candidates.csv with an id column (`nationbuilder_id`, `id`, else the first column).
// The format is told by the first file's header. Feature names and values match
// case-insensitively and take the spelling of the first file. Text in, no file I/O.

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/composition/solver/body_spec.h"

namespace polylateral::composition {

struct CsvOptions {
  int seats = 0;                    // the panel size k (both formats leave it to the caller)
  std::string organisation_column;  // optional column naming each person's organisation
  std::string country_column;       // optional column naming each person's country
  // How errors name the two files (the tool passes the paths it read).
  std::string categories_name = "categories.csv";
  std::string people_name = "people.csv";
};

// Where a cell starts: 1-based line and column (bytes from the start of its line).
struct CsvPosition {
  int line = 0;
  int column = 0;
};

// A CSV text's rows with the position of every cell (same shape).
struct CsvTable {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::vector<CsvPosition>> positions;
};

// Where each part of a problem read from the files came from, so that the solver's errors
// (which name request paths such as `pool.candidates[3].values[region]`) can be reported as
// FILE:LINE:COLUMN.
struct CsvSource {
  std::string categories_name;
  std::string people_name;
  // Per feature, per value: the categories row's first cell, and its min, max, min_flex and
  // max_flex cells (the row's start when the column is absent).
  struct QuotaCells {
    CsvPosition row, min, max, min_flex, max_flex;
  };
  std::vector<std::vector<QuotaCells>> quotas;
  // Per candidate: its row's first cell, its id cell, and the cell of each feature.
  struct CandidateCells {
    CsvPosition row, id;
    std::map<std::string, CsvPosition> values;
  };
  std::vector<CandidateCells> candidates;
};

struct CsvProblem {
  Pool pool;
  BodySpec spec;
  CsvSource source;
};

// Rows of a CSV text (RFC 4180 quoting, CRLF or LF, a final newline optional, BOM ignored).
std::vector<std::vector<std::string>> ParseCsv(absl::string_view text);

// The same with positions. INVALID_ARGUMENT INVALID_CSV naming "FILE:LINE:COLUMN" of the
// opening quote when a quoted cell is never closed (`file` names the text).
absl::StatusOr<CsvTable> ParseCsvTable(absl::string_view text, absl::string_view file);

// "FILE:LINE:COLUMN" of the cell a solver field path refers to (`pool.candidates[i]...`,
// `spec.features[f].values[v]...`), or empty when the files do not hold it (seats, caps).
std::string LocateField(const CsvSource& source, absl::string_view field);

// INVALID_ARGUMENT naming "FILE:LINE:COLUMN" for malformed files; the returned problem is
// not yet validated against the rules (the solvers do that).
absl::StatusOr<CsvProblem> ReadSortitionCsv(absl::string_view categories_csv,
                                            absl::string_view people_csv,
                                            const CsvOptions& options);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_POOL_CSV_H_
