#ifndef POLYLATERAL_TOOLS_POLYCTL_OUTPUT_H_
#define POLYLATERAL_TOOLS_POLYCTL_OUTPUT_H_

// What polyctl prints: a table of chosen columns for people, or the JSON the service answered
// (`-o json`) for scripts. Both read the response as protobuf JSON.

#include <cstdio>
#include <string>
#include <vector>

#include "nlohmann/json.hpp"

namespace polylateral::polyctl {

enum class OutputFormat { kTable, kJson };

// The value at `path` ("displayName", "candidate.id"; snake_case accepted) as one cell: arrays
// joined with ",", objects as compact JSON, absent as "".
std::string Cell(const nlohmann::json& item, const std::string& path);

// A table with a header row, columns padded to their widest cell.
std::string FormatTable(const std::vector<nlohmann::json>& items,
                        const std::vector<std::string>& columns);

// `items` as a table, or `document` as indented JSON.
void Print(FILE* out, OutputFormat format, const nlohmann::json& document,
           const std::vector<nlohmann::json>& items, const std::vector<std::string>& columns);

}  // namespace polylateral::polyctl

#endif  // POLYLATERAL_TOOLS_POLYCTL_OUTPUT_H_
