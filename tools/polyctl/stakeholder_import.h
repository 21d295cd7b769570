#ifndef POLYLATERAL_TOOLS_POLYCTL_STAKEHOLDER_IMPORT_H_
#define POLYLATERAL_TOOLS_POLYCTL_STAKEHOLDER_IMPORT_H_

// Creates checked stakeholder rows in the registry, several calls in flight. Idempotent per
// row: each create carries a request_id derived from the row's id and content, so a re-run
// after a failure (or a retry after UNAVAILABLE) creates nothing twice; a stakeholder already
// there under its id counts as existing. Rows are written in waves so that every row a row
// names (an affiliation, a network member) in the same file exists before it.

#include <functional>
#include <string>
#include <vector>

#include "polylateral/registry/v1/registry_service.grpc.pb.h"
#include "tools/polyctl/call_error.h"
#include "tools/polyctl/connection.h"
#include "tools/polyctl/stakeholder_rows.h"

namespace polylateral::polyctl {

struct ImportOptions {
  // Calls in flight.
  int parallel = 16;
  // Attempts per row on RESOURCE_EXHAUSTED (the per-caller write rate, a full work queue),
  // UNAVAILABLE and DEADLINE_EXCEEDED, with exponential backoff between them.
  int max_attempts = 10;
  // Called from the importing threads after each row (done, created, existing, failed).
  std::function<void(int, int, int, int)> progress;
};

struct ImportReport {
  int created = 0;
  int existing = 0;
  struct Failure {
    int row = 0;
    std::string id;
    CallError error;
  };
  // In row order.
  std::vector<Failure> failures;
};

// The order rows can be written in: waves of row indexes, each naming only rows of earlier
// waves (or stakeholders outside the file). A reference cycle inside the file is a problem of
// the rows in it.
std::vector<std::vector<size_t>> ImportWaves(const std::vector<StakeholderRow>& rows,
                                             std::vector<RowProblem>* problems);

// The idempotency key of a row: 1..64 of [A-Za-z0-9_-], the same for the same id and content.
std::string RowRequestId(const StakeholderRow& row);

ImportReport ImportStakeholders(registry::v1::RegistryService::StubInterface& stub,
                                const Connection& connection,
                                const std::vector<StakeholderRow>& rows,
                                const std::vector<std::vector<size_t>>& waves,
                                const ImportOptions& options);

}  // namespace polylateral::polyctl

#endif  // POLYLATERAL_TOOLS_POLYCTL_STAKEHOLDER_IMPORT_H_
