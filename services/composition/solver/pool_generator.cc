#include "services/composition/solver/pool_generator.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/composition/solver/panel_members.h"

namespace polylateral::composition {
namespace {

const std::vector<std::string> kGroups = {"government",     "intergovernmental",
                                          "private_sector", "civil_society",
                                          "academia",       "technical_community"};
const std::vector<std::string> kRegions = {"african", "asia_pacific", "eastern_european",
                                           "latin_american", "weog"};
const std::vector<std::string> kGenders = {"female", "male", "other"};
const std::vector<std::string> kPerspectives = {"responsible", "affected", "capable"};
const std::vector<std::string> kDeveloping = {"yes", "no"};
const std::vector<std::string> kThemes = {
    "ai", "cybersecurity", "data", "infrastructure", "human_rights", "capacity_building"};

// Index from cumulative weights, by one raw draw.
int Weighted(std::mt19937_64& rng, const std::vector<double>& w) {
  double total = 0;
  for (double x : w) total += x;
  double u = UniformUnit(rng) * total;
  for (size_t i = 0; i < w.size(); ++i) {
    if ((u -= w[i]) < 0) return static_cast<int>(i);
  }
  return static_cast<int>(w.size()) - 1;
}

Feature MakeFeature(const std::string& name, const std::vector<std::string>& values,
                    const std::vector<int>& counts, int n, int k, double tightness, bool multi) {
  Feature f{name, {}, multi};
  for (size_t v = 0; v < values.size(); ++v) {
    const double expected = static_cast<double>(k) * counts[v] / n;
    ValueQuota q;
    q.value = values[v];
    q.min = std::max(0, static_cast<int>(std::floor(expected * (1 - tightness))) - 1);
    q.max = std::min(k, static_cast<int>(std::ceil(expected * (1 + tightness))) + 1);
    q.min = std::min(q.min, counts[v]);
    f.values.push_back(q);
  }
  return f;
}

}  // namespace

GeneratedProblem GenerateProblem(uint64_t seed, int n, int k, double tightness) {
  std::mt19937_64 rng(seed);
  GeneratedProblem out;
  std::vector<int> g_count(kGroups.size()), r_count(kRegions.size()), s_count(kGenders.size()),
      p_count(kPerspectives.size()), d_count(2), t_count(kThemes.size());
  // Organisations of Zipf-like size; each belongs to one group, region and country.
  const int orgs = std::max(1, n / 4);
  std::vector<double> org_weight(orgs);
  for (int o = 0; o < orgs; ++o) org_weight[o] = 1.0 / (1 + o);
  std::vector<int> org_group(orgs), org_region(orgs), org_country(orgs);
  for (int o = 0; o < orgs; ++o) {
    org_group[o] = Weighted(rng, {3, 1, 4, 5, 3, 2});
    org_region[o] = Weighted(rng, {2, 3, 1, 2, 4});
    org_country[o] = org_region[o] * 12 + static_cast<int>(UniformBelow(rng, 12));
  }
  for (int i = 0; i < n; ++i) {
    const int o = Weighted(rng, org_weight);
    // Individual experts now and then sit outside their organisation's group or region.
    const int g = UniformBelow(rng, 10) < 8 ? org_group[o] : static_cast<int>(UniformBelow(rng, 6));
    const int r =
        UniformBelow(rng, 10) < 8 ? org_region[o] : static_cast<int>(UniformBelow(rng, 5));
    const int s = Weighted(rng, {g == 2 ? 3.0 : 5.0, 5, 0.3});
    const int d = (r == 0 || r == 1 || r == 3) && UniformBelow(rng, 10) < 8 ? 0 : 1;
    Candidate c;
    c.id = absl::StrCat("n", i);
    c.organisation = absl::StrCat("org", o);
    c.country = absl::StrCat("c", org_country[o]);
    c.values["stakeholder_group"] = {kGroups[g]};
    c.values["region"] = {kRegions[r]};
    c.values["gender"] = {kGenders[s]};
    c.values["developing"] = {kDeveloping[d]};
    // Perspectives lean on the group: governments are responsible, civil society affected,
    // companies and the technical community capable.
    const double pr[3] = {g <= 1 ? 0.8 : 0.2, g == 3 || d == 0 ? 0.7 : 0.25,
                          g == 2 || g == 5 || g == 4 ? 0.8 : 0.3};
    std::vector<std::string>& persp = c.values["perspective"];
    for (int p = 0; p < 3; ++p) {
      if (UniformUnit(rng) < pr[p]) {
        persp.push_back(kPerspectives[p]);
        ++p_count[p];
      }
    }
    std::vector<std::string>& themes = c.values["themes"];
    for (size_t t = 0; t < kThemes.size(); ++t) {
      if (UniformUnit(rng) < (t == static_cast<size_t>(g) ? 0.6 : 0.15)) {
        themes.push_back(kThemes[t]);
        ++t_count[t];
      }
    }
    ++g_count[g];
    ++r_count[r];
    ++s_count[s];
    ++d_count[d];
    out.pool.candidates.push_back(std::move(c));
  }
  BodySpec& spec = out.spec;
  spec.min_seats = spec.max_seats = k;
  spec.features = {MakeFeature("stakeholder_group", kGroups, g_count, n, k, tightness, false),
                   MakeFeature("region", kRegions, r_count, n, k, tightness, false),
                   MakeFeature("gender", kGenders, s_count, n, k, tightness, false),
                   MakeFeature("developing", kDeveloping, d_count, n, k, tightness, false),
                   MakeFeature("perspective", kPerspectives, p_count, n, k, tightness, true),
                   MakeFeature("themes", kThemes, t_count, n, k, tightness, true)};
  spec.max_per_organisation = 2;
  spec.max_per_country = std::max(2, k / 8);
  spec.balance = BalanceRule{{"stakeholder_group", "region"}, {1, 2}};
  spec.coverage = {
      {"perspective", "responsible"}, {"perspective", "affected"}, {"perspective", "capable"}};
  return out;
}

namespace {

struct WitnessFeature {
  std::string name;
  int values;
};

const std::vector<WitnessFeature> kWitnessFeatures = {
    {"stakeholder_group", 6}, {"region", 5},   {"gender", 2},    {"age_band", 3},
    {"developing", 2},        {"language", 4}, {"seniority", 3}, {"perspective", 3}};

// A value of a feature with `m` values: a skewed draw (weights 1, 1/2, 1/3, ...: the first
// value holds about half) or, two times in five, one that follows the candidate's group and
// region, so that features are correlated and whole corners of the pool are thin.
int WitnessValue(std::mt19937_64& rng, int feature, int m, int group, int region) {
  if (feature >= 2 && UniformBelow(rng, 5) < 2) return (group + 2 * region + feature) % m;
  std::vector<double> w(m);
  for (int v = 0; v < m; ++v) w[v] = 1.0 / (1 + v);
  return Weighted(rng, w);
}

}  // namespace

GeneratedProblem GenerateWitnessProblem(uint64_t seed, int n, int k, double band) {
  std::mt19937_64 rng(seed);
  GeneratedProblem out;
  const int orgs = std::max(1, n / 4);
  std::vector<double> org_weight(orgs);
  for (int o = 0; o < orgs; ++o) org_weight[o] = 1.0 / (1 + o);
  const int features = static_cast<int>(kWitnessFeatures.size());
  std::vector<std::vector<int>> value_of(n, std::vector<int>(features));
  std::vector<int> org_of(n);
  for (int i = 0; i < n; ++i) {
    org_of[i] = Weighted(rng, org_weight);
    std::vector<int>& v = value_of[i];
    for (int f = 0; f < features; ++f) {
      v[f] = WitnessValue(rng, f, kWitnessFeatures[f].values, f >= 1 ? v[0] : 0, f >= 2 ? v[1] : 0);
    }
    Candidate c;
    c.id = absl::StrCat("w", i);
    c.organisation = absl::StrCat("org", org_of[i]);
    for (int f = 0; f < features; ++f) {
      c.values[kWitnessFeatures[f].name] = {absl::StrCat("v", v[f])};
    }
    out.pool.candidates.push_back(std::move(c));
  }
  // The witness: candidates in a seeded random order, skipping those whose organisation holds
  // two seats already.
  std::vector<int> order(n);
  for (int i = 0; i < n; ++i) order[i] = i;
  for (int i = n - 1; i > 0; --i) {
    std::swap(order[i], order[UniformBelow(rng, static_cast<uint64_t>(i) + 1)]);
  }
  std::vector<int> org_seats(orgs, 0);
  std::vector<std::vector<int>> witness_count(features);
  for (int f = 0; f < features; ++f) witness_count[f].assign(kWitnessFeatures[f].values, 0);
  int seats = 0;
  for (int i : order) {
    if (seats == k) break;
    if (org_seats[org_of[i]] == 2) continue;
    ++org_seats[org_of[i]];
    ++seats;
    for (int f = 0; f < features; ++f) ++witness_count[f][value_of[i][f]];
  }
  BodySpec& spec = out.spec;
  spec.min_seats = spec.max_seats = seats;
  spec.max_per_organisation = 2;
  const int widen = static_cast<int>(std::ceil(band * k - 1e-9));
  for (int f = 0; f < features; ++f) {
    Feature feature{kWitnessFeatures[f].name, {}, false};
    for (int v = 0; v < kWitnessFeatures[f].values; ++v) {
      ValueQuota q;
      q.value = absl::StrCat("v", v);
      q.min = std::max(0, witness_count[f][v] - widen);
      q.max = std::min(seats, witness_count[f][v] + widen);
      feature.values.push_back(q);
    }
    spec.features.push_back(std::move(feature));
  }
  return out;
}

GeneratedProblem GenerateOrganisationCapProblem(uint64_t seed, int n, int k, int cap, double band) {
  std::mt19937_64 rng(seed);
  GeneratedProblem out;
  constexpr int kFeatures = 6;
  // Nominees 0..k-1 are the witness, nominee w in organisation w.
  const int others = n - k;
  const int crowding = others / 2;
  const int other_orgs = std::max(1, (others - crowding + 2) / 3);
  std::vector<std::vector<int>> witness_count(kFeatures);
  for (int f = 0; f < kFeatures; ++f) witness_count[f].assign(kWitnessFeatures[f].values, 0);
  std::vector<int> order(n);
  for (int i = 0; i < n; ++i) order[i] = i;
  for (int i = n - 1; i > 0; --i) {
    std::swap(order[i], order[UniformBelow(rng, static_cast<uint64_t>(i) + 1)]);
  }
  out.pool.candidates.resize(n);
  for (int i = 0; i < n; ++i) {
    int org = 0;
    if (i < k) {
      org = i;
    } else if (i < k + crowding) {
      org = static_cast<int>(UniformBelow(rng, static_cast<uint64_t>(k)));
    } else {
      org = k + static_cast<int>(UniformBelow(rng, static_cast<uint64_t>(other_orgs)));
    }
    std::vector<int> v(kFeatures);
    for (int f = 0; f < kFeatures; ++f) {
      v[f] = WitnessValue(rng, f, kWitnessFeatures[f].values, f >= 1 ? v[0] : 0, f >= 2 ? v[1] : 0);
      if (i < k) ++witness_count[f][v[f]];
    }
    // Shuffled positions, so that neither the witness nor an organisation is a block of ids.
    Candidate& c = out.pool.candidates[order[i]];
    c.id = absl::StrCat("o", order[i]);
    c.organisation = absl::StrCat("org", org);
    for (int f = 0; f < kFeatures; ++f) {
      c.values[kWitnessFeatures[f].name] = {absl::StrCat("v", v[f])};
    }
  }
  BodySpec& spec = out.spec;
  spec.min_seats = spec.max_seats = k;
  spec.max_per_organisation = cap;
  for (int f = 0; f < kFeatures; ++f) {
    Feature feature{kWitnessFeatures[f].name, {}, false};
    for (int v = 0; v < kWitnessFeatures[f].values; ++v) {
      ValueQuota q;
      q.value = absl::StrCat("v", v);
      const int widen = std::max(1, static_cast<int>(std::ceil(band * witness_count[f][v] - 1e-9)));
      q.min = std::max(0, witness_count[f][v] - widen);
      q.max = std::min(k, witness_count[f][v] + widen);
      feature.values.push_back(q);
    }
    spec.features.push_back(std::move(feature));
  }
  return out;
}

}  // namespace polylateral::composition
