#ifndef POLYLATERAL_TOOLS_POLYCTL_CSV_H_
#define POLYLATERAL_TOOLS_POLYCTL_CSV_H_

// RFC 4180 CSV as spreadsheets write it: comma-separated, fields quoted with '"' when they hold
// a comma, a quote or a line break, quotes doubled inside, CRLF or LF line ends, an optional
// UTF-8 byte-order mark (Excel's "CSV UTF-8").

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace polylateral::polyctl {

// One record and the line of the file it starts on (1-based; the header is line 1 in a file
// without quoted line breaks), so a report can point at it.
struct CsvRecord {
  int line = 0;
  std::vector<std::string> fields;
};

// Every record of `text`, blank lines skipped. INVALID_ARGUMENT naming the line on an
// unterminated quote or text after a closing quote.
absl::StatusOr<std::vector<CsvRecord>> ParseCsv(absl::string_view text);

// One record, quoted where needed, ending in "\r\n" (RFC 4180).
std::string CsvLine(const std::vector<std::string>& fields);

}  // namespace polylateral::polyctl

#endif  // POLYLATERAL_TOOLS_POLYCTL_CSV_H_
