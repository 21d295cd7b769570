#include "tests/composition/test_pools.h"

#include <cmath>
#include <map>
#include <string>

#include "absl/strings/str_cat.h"

namespace polylateral::composition::testing {
namespace {

// SplitMix64: tiny, and the same on every platform.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int Below(int n) { return static_cast<int>(Next() % static_cast<uint64_t>(n)); }

 private:
  uint64_t s_;
};

Feature Quotas(const std::string& name, const std::map<std::string, int>& counts, int n, int k,
               bool multi) {
  Feature f;
  f.name = name;
  f.multi_valued = multi;
  for (const auto& [value, count] : counts) {
    const double share = static_cast<double>(k) * count / n;
    ValueQuota q;
    q.value = value;
    q.min = static_cast<int>(std::floor(share * 0.6));
    q.max = static_cast<int>(std::ceil(share * 1.4)) + 1;
    f.values.push_back(q);
  }
  return f;
}

}  // namespace

Problem MakeProblem(uint64_t seed, int n, int k) {
  Rng rng(seed);
  Problem p;
  std::map<std::string, int> group, region, gender, perspective;
  for (int i = 0; i < n; ++i) {
    Candidate c;
    c.id = absl::StrCat("stakeholders/c", i);
    // Skewed group; region correlated with it.
    const int g = std::min(rng.Below(4), rng.Below(4));
    const int r = (g + rng.Below(3)) % 5;
    const std::string gv = absl::StrCat("g", g), rv = absl::StrCat("r", r);
    const std::string sv = rng.Below(5) < 2 ? "f" : "m";
    c.values["group"] = {gv};
    c.values["region"] = {rv};
    c.values["gender"] = {sv};
    std::vector<std::string> ps;
    for (const char* v : {"affected", "capable", "responsible"}) {
      if (rng.Below(3) == 0) ps.push_back(v);
    }
    if (ps.empty()) ps.push_back(g == 0 ? "responsible" : "affected");
    for (const auto& v : ps) ++perspective[v];
    c.values["perspective"] = ps;
    // A few large organisations and many small ones.
    c.organisation = absl::StrCat("org", rng.Below(3) == 0 ? rng.Below(3) : rng.Below(n));
    c.country = absl::StrCat("C", rng.Below(8));
    ++group[gv];
    ++region[rv];
    ++gender[sv];
    p.pool.candidates.push_back(std::move(c));
  }
  p.spec.min_seats = p.spec.max_seats = k;
  p.spec.features = {Quotas("group", group, n, k, false), Quotas("region", region, n, k, false),
                     Quotas("gender", gender, n, k, false)};
  Feature persp;
  persp.name = "perspective";
  persp.multi_valued = true;
  for (const auto& [value, count] : perspective) persp.values.push_back({value, 1});
  p.spec.features.push_back(persp);
  p.spec.max_per_organisation = 2;
  p.spec.max_per_country = k / 2 + 1;
  p.spec.balance = BalanceRule{{"group"}, {2, 3}};
  p.spec.coverage = {{"perspective", "capable"}};
  return p;
}

}  // namespace polylateral::composition::testing
