#ifndef POLYLATERAL_SERVICES_COMPOSITION_SOLVER_TEST_DATA_H_
#define POLYLATERAL_SERVICES_COMPOSITION_SOLVER_TEST_DATA_H_

// Test-only helpers: the published sortition data copied into tests/data/sortition, found
// through the compile definition POLYLATERAL_SORTITION_TEST_DATA (the target
// polylateral_composition_test_data sets it), so the tests need nothing outside the checkout.

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "gtest/gtest.h"
#include "services/composition/solver/pool_csv.h"

namespace polylateral::composition::testing {

#ifndef POLYLATERAL_SORTITION_TEST_DATA
#error "link polylateral_composition_test_data, which defines POLYLATERAL_SORTITION_TEST_DATA"
#endif

inline std::string SortitionDir() { return std::string(POLYLATERAL_SORTITION_TEST_DATA) + "/"; }

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::string ReplicationDir(const std::string& instance) {
  return SortitionDir() + "pgoelz__citizensassemblies-replication/data/" + instance + "/";
}
inline std::string FoundationDir() {
  return SortitionDir() + "sortitionfoundation__sortition-algorithms/tests/fixtures/";
}

inline CsvOptions Seats(int k) {
  CsvOptions o;
  o.seats = k;
  return o;
}

inline CsvProblem LoadReplication(const std::string& instance, int seats) {
  const std::string dir = ReplicationDir(instance);
  auto problem = ReadSortitionCsv(ReadFile(dir + "categories.csv"),
                                  ReadFile(dir + "respondents.csv"), Seats(seats));
  EXPECT_TRUE(problem.ok()) << problem.status();
  return problem.ok() ? *problem : CsvProblem{};
}

inline CsvProblem LoadFoundation(const std::string& candidates = "candidates.csv") {
  auto problem = ReadSortitionCsv(ReadFile(FoundationDir() + "features.csv"),
                                  ReadFile(FoundationDir() + candidates), Seats(22));
  EXPECT_TRUE(problem.ok()) << problem.status();
  return problem.ok() ? *problem : CsvProblem{};
}

// The `LexiMin` column of reference_output/<name>_prob_allocs_data.csv: the sorted curve.
inline std::vector<double> ReferenceLeximin(const std::string& name) {
  std::vector<double> out;
  const auto rows = ParseCsv(ReadFile(SortitionDir() +
                                      "pgoelz__citizensassemblies-replication/reference_output/" +
                                      name + "_prob_allocs_data.csv"));
  for (const auto& row : rows) {
    double p;
    if (row.size() == 3 && row[0] == "LexiMin" && absl::SimpleAtod(row[2], &p)) out.push_back(p);
  }
  return out;
}

// Checks a panel against the spec by plain counting, independently of type_model.cc.
inline bool PanelMeetsSpec(const Pool& pool, const BodySpec& spec, const std::vector<int>& members,
                           std::string* why = nullptr) {
  auto fail = [&](const std::string& w) {
    if (why) *why = w;
    return false;
  };
  const int seats = static_cast<int>(members.size());
  if (seats < spec.min_seats || seats > spec.max_seats) return fail("seats");
  auto holds = [&](int i, const std::string& f, const std::string& v) {
    auto it = pool.candidates[i].values.find(f);
    if (it == pool.candidates[i].values.end()) return false;
    for (const auto& x : it->second) {
      if (x == v) return true;
    }
    return false;
  };
  auto count = [&](const std::string& f, const std::string& v) {
    int c = 0;
    for (int i : members) c += holds(i, f, v);
    return c;
  };
  for (const Feature& f : spec.features) {
    for (const ValueQuota& q : f.values) {
      const int c = count(f.name, q.value);
      if (c < q.min || c > q.max) return fail(f.name + "=" + q.value);
    }
  }
  std::map<std::string, int> orgs, countries;
  for (int i : members) {
    if (!pool.candidates[i].organisation.empty()) ++orgs[pool.candidates[i].organisation];
    if (!pool.candidates[i].country.empty()) ++countries[pool.candidates[i].country];
  }
  for (const auto& [o, c] : orgs) {
    if (c > spec.max_per_organisation) return fail("organisation " + o);
  }
  for (const auto& [o, c] : countries) {
    if (c > spec.max_per_country) return fail("country " + o);
  }
  if (spec.balance) {
    for (const std::string& f : spec.balance->features) {
      for (const Feature& feature : spec.features) {
        if (feature.name != f) continue;
        for (const ValueQuota& q : feature.values) {
          // count >= p/q * seats is forbidden
          if (static_cast<long>(count(f, q.value)) * spec.balance->threshold.denominator >=
              static_cast<long>(spec.balance->threshold.numerator) * seats) {
            return fail("balance " + f + "=" + q.value);
          }
        }
      }
    }
  }
  for (const CoverageRequirement& r : spec.coverage) {
    if (count(r.feature, r.value) < 1) return fail("coverage " + r.feature);
  }
  return true;
}

}  // namespace polylateral::composition::testing

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_TEST_DATA_H_
