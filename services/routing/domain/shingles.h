#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_SHINGLES_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_SHINGLES_H_

// Text normalisation and word n-gram shingles for the uptake estimate. Deterministic across
// runs and machines (the hashes are plain FNV-1a and splitmix64), so stored shingles stay
// comparable.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace polylateral::routing {

// Lower-cased words separated by single spaces: ASCII and the Latin-1, Latin Extended-A,
// Greek and Cyrillic capitals are folded; ASCII punctuation, Unicode general punctuation
// (curly quotes, dashes, no-break spaces), Latin-1 symbols and invalid UTF-8 bytes separate
// words; apostrophes inside a word are dropped ("don't" -> "dont"); everything else is kept.
std::string NormaliseText(absl::string_view text);

// One 64-bit hash per normalised word, in order.
std::vector<uint64_t> WordHashes(absl::string_view text);

// The distinct hashes of every run of `n` consecutive words, sorted. A text shorter than
// `n` words gives one shingle of all its words (so short texts still compare); an empty
// text gives none.
std::vector<uint64_t> Shingles(absl::string_view text, int n);

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_SHINGLES_H_
