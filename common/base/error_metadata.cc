#include "common/base/error_metadata.h"

#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace polylateral {
namespace {

constexpr absl::string_view kMetadataPrefix = "type.polylateral.dev/metadata/";

}  // namespace

absl::Status WithErrorMetadata(absl::Status status, absl::string_view key,
                               absl::string_view value) {
  if (!status.ok()) status.SetPayload(absl::StrCat(kMetadataPrefix, key), absl::Cord(value));
  return status;
}

std::vector<std::pair<std::string, std::string>> ErrorMetadata(const absl::Status& status) {
  std::vector<std::pair<std::string, std::string>> out;
  status.ForEachPayload([&out](absl::string_view url, const absl::Cord& value) {
    if (absl::StartsWith(url, kMetadataPrefix)) {
      out.emplace_back(std::string(url.substr(kMetadataPrefix.size())), std::string(value));
    }
  });
  return out;
}

}  // namespace polylateral
