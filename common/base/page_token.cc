#include "common/base/page_token.h"

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/base/errors.h"

namespace polylateral {
namespace {
constexpr absl::string_view kVersion = "p1";
}  // namespace

uint64_t QueryFingerprint(absl::string_view canonical_query) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : canonical_query) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string EncodePageToken(uint64_t query_fingerprint, absl::string_view cursor) {
  return absl::WebSafeBase64Escape(
      absl::StrCat(kVersion, ":", absl::Hex(query_fingerprint), ":", cursor));
}

absl::StatusOr<std::string> DecodePageToken(absl::string_view token, uint64_t query_fingerprint) {
  std::string raw;
  if (!absl::WebSafeBase64Unescape(token, &raw)) {
    return InvalidArgument("INVALID_PAGE_TOKEN", "page_token", "is not a token this API issued");
  }
  absl::string_view rest = raw;
  if (!absl::ConsumePrefix(&rest, kVersion) || !absl::ConsumePrefix(&rest, ":")) {
    return InvalidArgument("INVALID_PAGE_TOKEN", "page_token", "is not a token this API issued");
  }
  size_t colon = rest.find(':');
  uint64_t fingerprint = 0;
  if (colon == absl::string_view::npos ||
      !absl::SimpleHexAtoi(rest.substr(0, colon), &fingerprint)) {
    return InvalidArgument("INVALID_PAGE_TOKEN", "page_token", "is not a token this API issued");
  }
  if (fingerprint != query_fingerprint) {
    return InvalidArgument("PAGE_TOKEN_MISMATCH", "page_token",
                           "was issued for a query with other filters or page size");
  }
  return std::string(rest.substr(colon + 1));
}

}  // namespace polylateral
