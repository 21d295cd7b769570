#include "services/routing/domain/uptake_estimate.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "services/routing/domain/shingles.h"

namespace polylateral::routing {

absl::StatusOr<OutcomeIndex> OutcomeIndex::Build(const std::vector<OutcomeParagraph>& paragraphs,
                                                 int shingle_words) {
  if (shingle_words < kMinShingleWords || shingle_words > kMaxShingleWords) {
    return InvalidArgument(
        "INVALID_OUTCOME", "shingle_words",
        absl::StrCat("is ", shingle_words, "; must be ", kMinShingleWords, "..", kMaxShingleWords));
  }
  if (paragraphs.size() > kMaxOutcomeParagraphs) {
    return InvalidArgument("INVALID_OUTCOME", "outcome.paragraphs",
                           absl::StrCat("is ", paragraphs.size(), " paragraphs; the limit is ",
                                        kMaxOutcomeParagraphs, " paragraphs"));
  }
  OutcomeIndex index;
  index.shingle_words_ = shingle_words;
  index.paragraph_ids_.reserve(paragraphs.size());
  index.paragraph_shingles_.reserve(paragraphs.size());
  for (size_t p = 0; p < paragraphs.size(); ++p) {
    const std::vector<uint64_t> shingles = Shingles(paragraphs[p].text, shingle_words);
    index.paragraph_ids_.push_back(paragraphs[p].paragraph_id);
    index.paragraph_shingles_.push_back(static_cast<uint32_t>(shingles.size()));
    // Shingles are distinct per paragraph, so each posting list holds a paragraph once,
    // in increasing order.
    for (uint64_t h : shingles) index.postings_[h].push_back(static_cast<uint32_t>(p));
  }
  return index;
}

UptakeEstimate OutcomeIndex::Estimate(absl::string_view input_text, size_t k) const {
  UptakeEstimate est;
  const std::vector<uint64_t> input = Shingles(input_text, shingle_words_);
  est.input_shingles = input.size();
  if (input.empty() || paragraph_ids_.empty()) return est;

  std::vector<uint32_t> shared(paragraph_ids_.size(), 0);
  std::vector<uint32_t> touched;
  size_t found = 0;
  for (uint64_t h : input) {
    auto it = postings_.find(h);
    if (it == postings_.end()) continue;
    ++found;
    for (uint32_t p : it->second) {
      if (shared[p]++ == 0) touched.push_back(p);
    }
  }
  est.input_coverage = static_cast<double>(found) / static_cast<double>(input.size());

  std::vector<ParagraphMatch> matches;
  matches.reserve(touched.size());
  for (uint32_t p : touched) {
    ParagraphMatch m;
    m.paragraph_id = paragraph_ids_[p];
    m.paragraph_index = p;
    m.shared_shingles = shared[p];
    const double inter = shared[p];
    m.containment = inter / paragraph_shingles_[p];
    m.jaccard = inter / (static_cast<double>(input.size()) + paragraph_shingles_[p] - inter);
    est.overall = std::max(est.overall, m.containment);
    matches.push_back(std::move(m));
  }
  const size_t keep = std::min({k, kMaxClosestParagraphs, matches.size()});
  auto closer = [](const ParagraphMatch& a, const ParagraphMatch& b) {
    if (a.containment != b.containment) return a.containment > b.containment;
    return a.paragraph_index < b.paragraph_index;
  };
  std::partial_sort(matches.begin(), matches.begin() + keep, matches.end(), closer);
  matches.resize(keep);
  est.closest = std::move(matches);
  return est;
}

}  // namespace polylateral::routing
