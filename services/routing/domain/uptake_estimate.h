#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_UPTAKE_ESTIMATE_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_UPTAKE_ESTIMATE_H_

// The automatic text-overlap estimate that helps a secretariat fill in an uptake record:
// which paragraphs of an outcome document an input's wording reappears in. An outcome is
// indexed once (shingle hash -> paragraphs); each estimate then costs one hash lookup per
// distinct input shingle plus a pass over the paragraphs it touched.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace polylateral::routing {

inline constexpr int kDefaultShingleWords = 4;
inline constexpr int kMinShingleWords = 2;
inline constexpr int kMaxShingleWords = 8;
inline constexpr size_t kMaxOutcomeParagraphs = 20'000;
inline constexpr size_t kMaxClosestParagraphs = 50;

struct OutcomeParagraph {
  std::string paragraph_id;  // "op-12", "annex-3"
  std::string text;
};

struct ParagraphMatch {
  std::string paragraph_id;
  size_t paragraph_index = 0;  // position in the outcome document
  // Share of the paragraph's shingles found in the input: "how much of this paragraph
  // came from the input" (an adopted passage scores high however long the input is).
  double containment = 0;
  double jaccard = 0;  // |input ∩ paragraph| / |input ∪ paragraph|
  size_t shared_shingles = 0;
};

struct UptakeEstimate {
  std::vector<ParagraphMatch> closest;  // by containment, then document order; <= k
  double overall = 0;                   // the best paragraph's containment, 0..1
  double input_coverage = 0;  // share of the input's shingles found anywhere in the outcome
  size_t input_shingles = 0;  // distinct shingles of the input
};

// An outcome document's paragraphs, indexed for estimates. Immutable after Build, so one
// index may serve concurrent estimates.
class OutcomeIndex final {
 public:
  // INVALID_ARGUMENT when `shingle_words` is outside [kMinShingleWords, kMaxShingleWords]
  // or there are more than kMaxOutcomeParagraphs paragraphs.
  static absl::StatusOr<OutcomeIndex> Build(const std::vector<OutcomeParagraph>& paragraphs,
                                            int shingle_words = kDefaultShingleWords);

  // The `k` paragraphs closest to `input_text` (those sharing at least one shingle, at most
  // kMaxClosestParagraphs) and the overall estimate.
  UptakeEstimate Estimate(absl::string_view input_text, size_t k = 3) const;

  size_t paragraph_count() const { return paragraph_ids_.size(); }
  int shingle_words() const { return shingle_words_; }

 private:
  OutcomeIndex() = default;

  int shingle_words_ = kDefaultShingleWords;
  std::vector<std::string> paragraph_ids_;
  std::vector<uint32_t> paragraph_shingles_;  // distinct shingles per paragraph
  absl::flat_hash_map<uint64_t, std::vector<uint32_t>> postings_;
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_UPTAKE_ESTIMATE_H_
