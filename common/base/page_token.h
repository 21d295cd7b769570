#ifndef POLYLATERAL_COMMON_BASE_PAGE_TOKEN_H_
#define POLYLATERAL_COMMON_BASE_PAGE_TOKEN_H_

// Opaque page tokens (AIP-158). A token carries where the previous page stopped and a
// fingerprint of the query that produced it, so a token replayed with other filters is
// refused instead of silently returning the wrong rows.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace polylateral {

// A stable 64-bit fingerprint of a query's parameters (FNV-1a: the same across processes
// and builds, unlike absl::Hash, because tokens travel between replicas).
uint64_t QueryFingerprint(absl::string_view canonical_query);

std::string EncodePageToken(uint64_t query_fingerprint, absl::string_view cursor);

// The cursor, or INVALID_ARGUMENT on field `page_token` when the token is malformed or
// belongs to another query.
absl::StatusOr<std::string> DecodePageToken(absl::string_view token, uint64_t query_fingerprint);

}  // namespace polylateral

#endif  // POLYLATERAL_COMMON_BASE_PAGE_TOKEN_H_
