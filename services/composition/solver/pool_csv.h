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
};

struct CsvProblem {
  Pool pool;
  BodySpec spec;
};

// Rows of a CSV text (RFC 4180 quoting, CRLF or LF, a final newline optional, BOM ignored).
std::vector<std::vector<std::string>> ParseCsv(absl::string_view text);

// INVALID_ARGUMENT naming "<file>[row].column" for malformed files; the returned problem is
// not yet validated against the rules (the solvers do that).
absl::StatusOr<CsvProblem> ReadSortitionCsv(absl::string_view categories_csv,
                                            absl::string_view people_csv,
                                            const CsvOptions& options);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_POOL_CSV_H_
