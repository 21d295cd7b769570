#include "services/composition/solver/swap_search.h"

#include <algorithm>
#include <numeric>

namespace polylateral::composition {
namespace {

constexpr double kTolerance = 1e-9;
constexpr int kMaxMoves = 10000;  // a bound for safety; each move strictly improves

}  // namespace

SwapSearch::SwapSearch(const TypeModel& model)
    : model_(model), rows_(model.rows.size()), coef_(model.types.size() * model.rows.size(), 0) {
  for (size_t t = 0; t < model.types.size(); ++t) {
    for (const auto& [row, coef] : model.types[t].entries) coef_[t * rows_ + row] = coef;
  }
}

bool SwapSearch::Within(double v, int row) const {
  return v >= model_.rows[row].lower - kTolerance && v <= model_.rows[row].upper + kTolerance;
}

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
  // Cheap rejection before the full test: the rows that adding `in` alone would break, and
  // per member the rows that removing it alone would break. A swap must repair each of them
  // with the other type's coefficient on that row (a necessary condition, tested exactly);
  // rows broken by neither alone are left to Fits. The moves chosen are those of Fits alone.
  std::vector<std::pair<int, int>> blocked;
  std::vector<std::vector<std::pair<int, int>>> broken(t);
  for (int moves = 0; moves < kMaxMoves; ++moves) {
    inside.clear();
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      if (counts[*it] > 0) inside.push_back(*it);
    }
    for (int out : inside) {
      broken[out].clear();
      for (const auto& [row, coef] : model_.types[out].entries) {
        if (!Within(activity[row] - coef, row)) broken[out].emplace_back(row, coef);
      }
    }
    int best_out = -1, best_in = -1;
    for (int in : order) {
      if (counts[in] >= model_.types[in].size()) continue;
      if (value[in] <= kTolerance) break;
      blocked.clear();
      for (const auto& [row, coef] : model_.types[in].entries) {
        if (!Within(activity[row] + coef, row)) blocked.emplace_back(row, coef);
      }
      if (blocked.empty()) {  // a pure addition, when the seat range allows it
        best_in = in;
        break;
      }
      for (int out : inside) {
        if (value[in] - value[out] <= kTolerance) break;
        if (out == in) continue;
        bool possible = true;
        for (const auto& [row, coef] : blocked) {
          if (!Within(activity[row] + coef - Coef(out, row), row)) {
            possible = false;
            break;
          }
        }
        if (!possible) continue;
        for (const auto& [row, coef] : broken[out]) {
          if (!Within(activity[row] - coef + Coef(in, row), row)) {
            possible = false;
            break;
          }
        }
        if (possible && Fits(activity, out, in)) {
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
