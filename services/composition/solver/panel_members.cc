#include "services/composition/solver/panel_members.h"

#include <algorithm>
#include <cmath>

namespace polylateral::composition {

uint64_t UniformBelow(std::mt19937_64& rng, uint64_t bound) {
  if (bound <= 1) return 0;
  // Reject the top partial block so every residue is equally likely.
  const uint64_t limit = UINT64_MAX - (UINT64_MAX % bound);
  uint64_t x;
  do {
    x = rng();
  } while (x >= limit);
  return x % bound;
}

double UniformUnit(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11) * (1.0 / 9007199254740992.0);
}

std::vector<int> MembersFromTypes(const std::vector<std::vector<int>>& types,
                                  const std::vector<int>& counts, std::mt19937_64* rng) {
  std::vector<int> members;
  for (size_t t = 0; t < types.size(); ++t) {
    std::vector<int> pool = types[t];
    const int take = std::min<int>(counts[t], static_cast<int>(pool.size()));
    for (int i = 0; i < take; ++i) {
      if (rng != nullptr) {
        const uint64_t j = i + UniformBelow(*rng, pool.size() - i);
        std::swap(pool[i], pool[j]);
      }
      members.push_back(pool[i]);
    }
  }
  std::sort(members.begin(), members.end());
  return members;
}

std::vector<int> MembersFromCounts(const TypeModel& model, const std::vector<int>& counts,
                                   std::mt19937_64* rng) {
  std::vector<std::vector<int>> types;
  types.reserve(model.types.size());
  for (const CandidateType& type : model.types) types.push_back(type.members);
  return MembersFromTypes(types, counts, rng);
}

std::vector<int> CountsFromSolution(const TypeModel& model, const std::vector<double>& solution) {
  std::vector<int> counts(model.types.size());
  for (size_t t = 0; t < counts.size(); ++t) {
    counts[t] = static_cast<int>(std::lround(solution[t]));
  }
  return counts;
}

}  // namespace polylateral::composition
