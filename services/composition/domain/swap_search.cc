#include "services/composition/domain/swap_search.h"

#include <algorithm>
#include <numeric>

namespace polylateral::composition {
namespace {

constexpr double kTolerance = 1e-9;
constexpr int kMaxMoves = 10000;  // a bound for safety; each move strictly improves

}  // namespace

SwapSearch::SwapSearch(const TypeModel& model) : model_(model) {}

// Whether taking one member of type `out` (-1: none) and adding one of `in` (-1: none) keeps
// every row within its bounds. Entries are sorted by row, so a merge visits each row once.
bool SwapSearch::Fits(const std::vector<double>& activity, int out, int in) const {
  static const std::vector<std::pair<int, int>> kNone;
  const auto& a = out >= 0 ? model_.types[out].entries : kNone;
  const auto& b = in >= 0 ? model_.types[in].entries : kNone;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    int row;
    double delta = 0;
    if (j == b.size() || (i < a.size() && a[i].first < b[j].first)) {
      row = a[i].first;
      delta = -a[i++].second;
    } else if (i == a.size() || b[j].first < a[i].first) {
      row = b[j].first;
      delta = b[j++].second;
    } else {
      row = a[i].first;
      delta = b[j++].second - a[i++].second;
    }
    const double v = activity[row] + delta;
    if (v < model_.rows[row].lower - kTolerance || v > model_.rows[row].upper + kTolerance) {
      return false;
    }
  }
  return true;
}

void SwapSearch::Apply(std::vector<double>& activity, int out, int in) const {
  if (out >= 0) {
    for (const auto& [row, coef] : model_.types[out].entries) activity[row] -= coef;
  }
  if (in >= 0) {
    for (const auto& [row, coef] : model_.types[in].entries) activity[row] += coef;
  }
}

double SwapSearch::Improve(std::vector<int>& counts, const std::vector<double>& value) const {
  const int t = static_cast<int>(model_.types.size());
  std::vector<double> activity(model_.rows.size(), 0.0);
  for (int j = 0; j < t; ++j) {
    for (const auto& [row, coef] : model_.types[j].entries) activity[row] += coef * counts[j];
  }
  // Types by value, best first. A move adds the most valuable type that fits against the
  // least valuable member it can replace (first improvement on sorted lists): near the best
  // move at a fraction of the cost of trying every pair.
  std::vector<int> order(t);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int a, int b) { return value[a] > value[b]; });
  std::vector<int> inside;  // types in the panel, least valuable first
  for (int moves = 0; moves < kMaxMoves; ++moves) {
    inside.clear();
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      if (counts[*it] > 0) inside.push_back(*it);
    }
    int best_out = -1, best_in = -1;
    for (int in : order) {
      if (counts[in] >= model_.types[in].size()) continue;
      if (value[in] <= kTolerance) break;
      if (Fits(activity, -1, in)) {  // a pure addition, when the seat range allows it
        best_in = in;
        break;
      }
      for (int out : inside) {
        if (value[in] - value[out] <= kTolerance) break;
        if (out != in && Fits(activity, out, in)) {
          best_out = out;
          best_in = in;
          break;
        }
      }
      if (best_in >= 0) break;
    }
    if (best_in < 0) {
      // A pure removal helps only a member of negative value (never in LEXIMIN pricing).
      for (int out : inside) {
        if (value[out] < -kTolerance && Fits(activity, out, -1)) {
          best_out = out;
          break;
        }
      }
    }
    if (best_out < 0 && best_in < 0) break;
    Apply(activity, best_out, best_in);
    if (best_out >= 0) --counts[best_out];
    if (best_in >= 0) ++counts[best_in];
  }
  double total = 0;
  for (int j = 0; j < t; ++j) total += value[j] * counts[j];
  return total;
}

}  // namespace polylateral::composition
