#include "services/composition/solver/uniform_lottery.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"

namespace polylateral::composition {
namespace {

constexpr double kEps = 1e-9;

bool Fractional(double f) { return f > kEps && f < 1 - kEps; }

// A nonzero d with rows * d = 0 (rows dense, each of width `cols`), or empty when the rows
// have full column rank. Gauss-Jordan with partial pivoting.
std::vector<double> NullVector(std::vector<std::vector<double>> rows, int cols) {
  std::vector<int> pivot_col;
  size_t r = 0;
  for (int c = 0; c < cols && r < rows.size(); ++c) {
    size_t best = r;
    for (size_t i = r + 1; i < rows.size(); ++i) {
      if (std::abs(rows[i][c]) > std::abs(rows[best][c])) best = i;
    }
    if (std::abs(rows[best][c]) < 1e-12) continue;
    std::swap(rows[r], rows[best]);
    const double inv = 1.0 / rows[r][c];
    for (double& v : rows[r]) v *= inv;
    for (size_t i = 0; i < rows.size(); ++i) {
      if (i == r || rows[i][c] == 0) continue;
      const double factor = rows[i][c];
      for (int j = 0; j < cols; ++j) rows[i][j] -= factor * rows[r][j];
    }
    pivot_col.push_back(c);
    ++r;
  }
  int free_col = -1;
  for (int c = 0, p = 0; c < cols; ++c) {
    if (p < static_cast<int>(pivot_col.size()) && pivot_col[p] == c) {
      ++p;
    } else {
      free_col = c;
      break;
    }
  }
  if (free_col < 0) return {};
  std::vector<double> d(cols, 0.0);
  d[free_col] = 1;
  for (size_t i = 0; i < pivot_col.size(); ++i) d[pivot_col[i]] = -rows[i][free_col];
  return d;
}

// Step 1: integer copies per LEXIMIN panel, summing to m, by iterated rounding (see the
// header). counts[P][t] are the seats of type t in panel P; k the largest panel.
std::vector<int64_t> RoundCopies(const std::vector<std::vector<int>>& counts,
                                 const std::vector<double>& weights, int m, int k) {
  const size_t panels = counts.size();
  const size_t types = panels == 0 ? 0 : counts[0].size();
  const double total_weight = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<int64_t> copies(panels);
  std::vector<double> frac(panels);
  for (size_t p = 0; p < panels; ++p) {
    const double x = m * weights[p] / total_weight;
    copies[p] = static_cast<int64_t>(std::floor(x));
    frac[p] = x - std::floor(x);
  }
  std::vector<bool> held(types, true);
  for (;;) {
    std::vector<int> open;
    for (size_t p = 0; p < panels; ++p) {
      if (Fractional(frac[p])) {
        open.push_back(static_cast<int>(p));
      } else {
        frac[p] = std::round(frac[p]);
      }
    }
    if (open.size() < 2) break;  // one fractional column left is rounding noise
    // A type row is let go once at most k seats of it rest on fractional columns.
    std::vector<std::pair<int, int>> mass;  // (mass, type) of the rows still held
    for (size_t t = 0; t < types; ++t) {
      if (!held[t]) continue;
      int sum = 0;
      for (int p : open) sum += counts[p][t];
      if (sum <= k) {
        held[t] = false;
      } else {
        mass.emplace_back(sum, static_cast<int>(t));
      }
    }
    std::vector<double> d;
    for (;;) {
      // Columns beyond rows + 1 are not needed for a null vector: fewer makes it cheaper.
      const int cols = static_cast<int>(std::min(open.size(), mass.size() + 2));
      std::vector<std::vector<double>> rows;
      rows.emplace_back(cols, 1.0);
      for (const auto& [sum, t] : mass) {
        std::vector<double> row(cols);
        for (int j = 0; j < cols; ++j) row[j] = counts[open[j]][t];
        rows.push_back(std::move(row));
      }
      d = NullVector(std::move(rows), cols);
      if (!d.empty()) break;
      // No direction keeps every held row: let go of the lightest (its mass is at most 2k).
      auto lightest = std::min_element(mass.begin(), mass.end());
      held[lightest->second] = false;
      mass.erase(lightest);
    }
    // The longest steps along +d and -d that keep every column in [0, 1]; take the shorter.
    double up = std::numeric_limits<double>::infinity();
    double down = up;
    for (size_t j = 0; j < d.size(); ++j) {
      const double f = frac[open[j]];
      if (d[j] > kEps) {
        up = std::min(up, (1 - f) / d[j]);
        down = std::min(down, f / d[j]);
      } else if (d[j] < -kEps) {
        up = std::min(up, f / -d[j]);
        down = std::min(down, (1 - f) / -d[j]);
      }
    }
    const double step = up <= down ? up : -down;
    for (size_t j = 0; j < d.size(); ++j) {
      frac[open[j]] = std::clamp(frac[open[j]] + step * d[j], 0.0, 1.0);
    }
  }
  int64_t sum = 0;
  for (size_t p = 0; p < panels; ++p) {
    copies[p] += std::llround(frac[p]);
    sum += copies[p];
  }
  // Floating-point noise may leave the total one off: give or take the copy that the
  // weights want most or least.
  while (sum != m) {
    size_t pick = panels;
    double gap = 0;
    for (size_t p = 0; p < panels; ++p) {
      const double want = m * weights[p] / total_weight - static_cast<double>(copies[p]);
      const bool ok = sum < m || copies[p] > 0;
      if (ok && (pick == panels || (sum < m ? want > gap : want < gap))) {
        pick = p;
        gap = want;
      }
    }
    copies[pick] += sum < m ? 1 : -1;
    sum += sum < m ? 1 : -1;
  }
  return copies;
}

// The deviation of a type's members when `seats` seats are dealt round robin among `size`
// members whose LEXIMIN count over the m panels is `target`.
struct TypeDeviation {
  double max = 0;     // in panel counts
  double square = 0;  // summed over the members
};
TypeDeviation Deviation(int64_t seats, int size, double target) {
  const int64_t low = seats / size;
  const int64_t high_members = seats % size;
  const double dl = static_cast<double>(low) - target;
  const double dh = dl + 1;
  TypeDeviation dev;
  dev.max = std::abs(dl);
  if (high_members > 0) dev.max = std::max(dev.max, std::abs(dh));
  dev.square = static_cast<double>(size - high_members) * dl * dl +
               static_cast<double>(high_members) * dh * dh;
  return dev;
}

struct Score {
  double max = 0;
  double square = 0;
  bool operator<(const Score& o) const {
    if (max < o.max - 1e-12) return true;
    if (max > o.max + 1e-12) return false;
    return square < o.square - 1e-9;
  }
};

std::vector<int64_t> SeatsOf(const std::vector<std::vector<int>>& counts,
                             const std::vector<int64_t>& copies, size_t types) {
  std::vector<int64_t> seats(types, 0);
  for (size_t p = 0; p < counts.size(); ++p) {
    for (size_t t = 0; t < types; ++t) seats[t] += copies[p] * counts[p][t];
  }
  return seats;
}

Score ScoreOf(const std::vector<int64_t>& seats, const std::vector<int>& sizes,
              const std::vector<double>& targets) {
  Score sc;
  for (size_t t = 0; t < seats.size(); ++t) {
    const TypeDeviation d = Deviation(seats[t], sizes[t], targets[t]);
    sc.max = std::max(sc.max, d.max);
    sc.square += d.square;
  }
  return sc;
}

// The nearest integers to m * w_P (largest remainders): often as good as the iterated
// rounding in practice, without its guarantee.
std::vector<int64_t> NearestCopies(const std::vector<double>& weights, int m) {
  const double total_weight = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<int64_t> copies(weights.size());
  std::vector<std::pair<double, size_t>> remainders;
  int64_t total = 0;
  for (size_t p = 0; p < weights.size(); ++p) {
    const double x = m * weights[p] / total_weight;
    copies[p] = static_cast<int64_t>(std::floor(x));
    total += copies[p];
    remainders.emplace_back(x - std::floor(x), p);
  }
  std::sort(remainders.begin(), remainders.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t i = 0; total < m; ++i, ++total) ++copies[remainders[i % weights.size()].second];
  return copies;
}

// Step 3: moves one copy from panel `from` to panel `to` while the score falls.
int Improve(const std::vector<std::vector<int>>& counts, const std::vector<int>& sizes,
            const std::vector<double>& targets, const UniformLotteryOptions& options,
            std::vector<int64_t>* copies) {
  const size_t panels = counts.size();
  const size_t types = sizes.size();
  std::vector<int64_t> seats = SeatsOf(counts, *copies, types);
  auto score_of = [&](const std::vector<int64_t>& s) { return ScoreOf(s, sizes, targets); };
  Score current = score_of(seats);
  const absl::Time end = absl::Now() + options.improvement_time;
  int moves = 0;
  std::vector<int64_t> trial(types);
  int64_t evaluations = 0;
  auto within = [&] { return evaluations < options.max_evaluations && absl::Now() < end; };
  while (moves < options.max_improvement_moves && within()) {
    // Only moves that change the worst type's seats can lower the maximum.
    size_t worst = 0;
    for (size_t t = 0; t < types; ++t) {
      if (Deviation(seats[t], sizes[t], targets[t]).max >
          Deviation(seats[worst], sizes[worst], targets[worst]).max) {
        worst = t;
      }
    }
    Score best = current;
    size_t best_from = panels, best_to = panels;
    for (size_t from = 0; from < panels && within(); ++from) {
      if ((*copies)[from] == 0) continue;
      for (size_t to = 0; to < panels; ++to) {
        if (to == from || counts[to][worst] == counts[from][worst]) continue;
        for (size_t t = 0; t < types; ++t) trial[t] = seats[t] - counts[from][t] + counts[to][t];
        const Score s = score_of(trial);
        evaluations += static_cast<int64_t>(types);
        if (s < best) {
          best = s;
          best_from = from;
          best_to = to;
        }
      }
    }
    if (best_from == panels) break;
    --(*copies)[best_from];
    ++(*copies)[best_to];
    for (size_t t = 0; t < types; ++t) {
      seats[t] += counts[best_to][t] - counts[best_from][t];
    }
    current = best;
    ++moves;
  }
  return moves;
}

}  // namespace

absl::Status ValidateUniformPanels(int m, absl::string_view field) {
  if (m < 1 || m > kMaxUniformPanels) {
    return InvalidArgument("UNIFORM_PANELS_OUT_OF_RANGE", field,
                           absl::StrCat("must lie in [1, ", kMaxUniformPanels, "]; got ", m));
  }
  return absl::OkStatus();
}

std::vector<double> UniformProbabilities(const std::vector<std::vector<int>>& panels,
                                         int candidate_count) {
  std::vector<double> probabilities(candidate_count, 0.0);
  if (panels.empty()) return probabilities;
  for (const auto& panel : panels) {
    for (int member : panel) probabilities[member] += 1;
  }
  for (double& p : probabilities) p /= static_cast<double>(panels.size());
  return probabilities;
}

absl::StatusOr<UniformLottery> RoundToUniformLottery(const LeximinResult& lottery, int m,
                                                     const UniformLotteryOptions& options) {
  if (auto st = ValidateUniformPanels(m); !st.ok()) return st;
  if (lottery.panels.empty()) {
    return FailedPrecondition("NO_LOTTERY", "lottery.panels", "the lottery has no panels");
  }
  const size_t types = lottery.types.size();
  std::vector<std::vector<int>> counts;
  std::vector<double> weights;
  int k = 0;
  for (const WeightedPanel& panel : lottery.panels) {
    counts.push_back(panel.counts);
    weights.push_back(panel.weight);
    k = std::max(k, std::accumulate(panel.counts.begin(), panel.counts.end(), 0));
  }
  std::vector<int> sizes(types);
  std::vector<double> targets(types);  // LEXIMIN count of a member over the m panels
  for (size_t t = 0; t < types; ++t) {
    sizes[t] = static_cast<int>(lottery.types[t].size());
    double sum = 0;
    for (int member : lottery.types[t]) sum += lottery.probabilities[member];
    targets[t] = m * sum / sizes[t];
  }

  std::vector<int64_t> copies = RoundCopies(counts, weights, m, k);
  // The search starts from the better of the iterated and the nearest rounding: either is
  // within the bound when it is the better one.
  if (options.max_improvement_moves > 0) {
    std::vector<int64_t> nearest = NearestCopies(weights, m);
    if (ScoreOf(SeatsOf(counts, nearest, types), sizes, targets) <
        ScoreOf(SeatsOf(counts, copies, types), sizes, targets)) {
      copies = std::move(nearest);
    }
  }
  const int moves = Improve(counts, sizes, targets, options, &copies);
  UniformLottery result = DealPanels(lottery, copies);
  result.improvement_moves = moves;
  return result;
}

UniformLottery DealPanels(const LeximinResult& lottery, const std::vector<int64_t>& copies) {
  const size_t types = lottery.types.size();
  int k = 0;
  int64_t m = 0;
  for (size_t p = 0; p < lottery.panels.size(); ++p) {
    const std::vector<int>& c = lottery.panels[p].counts;
    k = std::max(k, std::accumulate(c.begin(), c.end(), 0));
    m += copies[p];
  }
  // The m panels in the LEXIMIN panels' canonical order, each type's seats dealt round robin
  // over its members, so that the members' counts differ by at most one.
  UniformLottery result;
  std::vector<size_t> next(types, 0);
  result.panels.reserve(m);
  for (size_t p = 0; p < lottery.panels.size(); ++p) {
    const std::vector<int>& counts = lottery.panels[p].counts;
    for (int64_t c = 0; c < copies[p]; ++c) {
      std::vector<int> members;
      members.reserve(k);
      for (size_t t = 0; t < types; ++t) {
        const std::vector<int>& type = lottery.types[t];
        for (int s = 0; s < counts[t]; ++s) members.push_back(type[(next[t] + s) % type.size()]);
        next[t] = (next[t] + counts[t]) % type.size();
      }
      std::sort(members.begin(), members.end());
      result.panels.push_back(std::move(members));
    }
  }
  const int n = static_cast<int>(lottery.probabilities.size());
  result.probabilities = UniformProbabilities(result.panels, n);
  for (int i = 0; i < n; ++i) {
    result.max_deviation = std::max(result.max_deviation,
                                    std::abs(result.probabilities[i] - lottery.probabilities[i]));
  }
  result.deviation_bound = m > 0 ? 2.0 * k / static_cast<double>(m) : 0;
  return result;
}

}  // namespace polylateral::composition
