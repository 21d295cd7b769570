#include "services/composition/solver/greedy_panel.h"

#include <algorithm>
#include <numeric>

#include "services/composition/solver/panel_members.h"

namespace polylateral::composition {
namespace {

constexpr int kAttempts = 4;

// The rows with nonnegative coefficients only. A row with a negative coefficient (the
// balance rule: q * count(v) - p * seats <= -1) is shifted by -m * seats, m its smallest
// coefficient, which is exact once the panel has its k seats: coefficients c - m >= 0 for
// every type (also those without an entry, whose c is 0), bounds minus m * k. Then adding a
// member only ever raises activities, and "fits under every maximum" is a per-row test.
struct ShiftedRows {
  std::vector<std::vector<std::pair<int, int>>> entries;  // per type
  std::vector<double> lower, upper;
};

ShiftedRows Shift(const TypeModel& model, int k) {
  const size_t rows = model.rows.size();
  std::vector<int> smallest(rows, 0);
  for (const CandidateType& type : model.types) {
    for (const auto& [row, coef] : type.entries) smallest[row] = std::min(smallest[row], coef);
  }
  ShiftedRows s;
  s.lower.resize(rows);
  s.upper.resize(rows);
  std::vector<int> shifted;
  for (size_t r = 0; r < rows; ++r) {
    const double by = -static_cast<double>(smallest[r]) * k;
    s.lower[r] = model.rows[r].lower + by;  // infinities stay infinite
    s.upper[r] = model.rows[r].upper + by;
    if (smallest[r] < 0) shifted.push_back(static_cast<int>(r));
  }
  s.entries.resize(model.types.size());
  for (size_t t = 0; t < model.types.size(); ++t) {
    std::vector<std::pair<int, int>>& out = s.entries[t];
    size_t next = 0;  // entries are sorted by row, so is `shifted`
    const auto& in = model.types[t].entries;
    for (int r : shifted) {
      for (; next < in.size() && in[next].first < r; ++next) {
        out.push_back(in[next]);
      }
      int coef = 0;
      if (next < in.size() && in[next].first == r) coef = in[next++].second;
      if (coef - smallest[r] != 0) out.emplace_back(r, coef - smallest[r]);
    }
    out.insert(out.end(), in.begin() + next, in.end());
  }
  return s;
}

}  // namespace

std::optional<std::vector<int>> GreedyPanel(const TypeModel& model, std::mt19937_64& rng) {
  int seats_row = -1;
  for (size_t r = 0; r < model.rows.size(); ++r) {
    if (model.rows[r].kind == ConstraintRow::Kind::kSeats) seats_row = static_cast<int>(r);
  }
  if (seats_row < 0 || model.rows[seats_row].lower != model.rows[seats_row].upper) {
    return std::nullopt;
  }
  const int k = static_cast<int>(model.rows[seats_row].upper);
  const ShiftedRows rows = Shift(model, k);
  const int n = model.candidate_count;
  std::vector<int> order(n);
  std::vector<double> activity(model.rows.size());
  std::vector<int> counts(model.types.size());
  std::vector<bool> taken(n);
  auto fits = [&](int t) {
    for (const auto& [row, coef] : rows.entries[t]) {
      if (activity[row] + coef > rows.upper[row]) return false;
    }
    return true;
  };
  auto helps = [&](int t) {
    for (const auto& [row, coef] : rows.entries[t]) {
      if (row != seats_row && coef > 0 && activity[row] < rows.lower[row]) return true;
    }
    return false;
  };
  // A single pass gets stuck on about one generated n = 2000 pool in three (a maximum
  // reached before a minimum met); another order usually does not.
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    std::iota(order.begin(), order.end(), 0);
    for (int i = n - 1; i > 0; --i) {
      std::swap(order[i], order[UniformBelow(rng, static_cast<uint64_t>(i) + 1)]);
    }
    std::fill(activity.begin(), activity.end(), 0.0);
    std::fill(counts.begin(), counts.end(), 0);
    std::fill(taken.begin(), taken.end(), false);
    int seats = 0;
    // Unmet minimums first, then any seat that fits.
    for (const bool minimums_only : {true, false}) {
      for (int i : order) {
        if (seats == k) break;
        const int t = model.type_of[i];
        if (taken[i] || (minimums_only && !helps(t)) || !fits(t)) continue;
        taken[i] = true;
        ++counts[t];
        ++seats;
        for (const auto& [row, coef] : rows.entries[t]) activity[row] += coef;
      }
    }
    if (SatisfiesRows(model, counts)) return counts;
  }
  return std::nullopt;
}

}  // namespace polylateral::composition
