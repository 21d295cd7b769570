#include "services/composition/solver/validation.h"

#include <set>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"

namespace polylateral::composition {
namespace {

// A pool of thousands of broken rows should not produce a megabyte of error details.
constexpr size_t kMaxViolations = 100;

class Checker final {
 public:
  void Add(std::string field, std::string description) {
    if (count_++ < kMaxViolations) violations_.Add(std::move(field), std::move(description));
  }
  absl::Status ToStatus() const { return violations_.ToStatus("INVALID_COMPOSITION_PROBLEM"); }

 private:
  Violations violations_;
  size_t count_ = 0;
};

using FeatureIndex = absl::flat_hash_map<std::string, const Feature*>;

// Characters of UTF-8 text (protobuf has checked it is UTF-8): its non-continuation bytes.
size_t Characters(const std::string& s) {
  size_t n = 0;
  for (char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  return n;
}

void CheckLength(const std::string& value, size_t max, const std::string& field, Checker& c) {
  if (Characters(value) > max) c.Add(field, absl::StrCat("must be at most ", max, " characters"));
}

// `n`: the pool size the seats must fit in.
void CheckSeats(int n, const BodySpec& spec, Checker& c) {
  if (spec.min_seats < 1 || spec.min_seats > n) {
    c.Add("spec.min_seats",
          absl::StrCat("seats must lie in [1, pool size ", n, "]; got ", spec.min_seats));
  }
  if (spec.max_seats < spec.min_seats || spec.max_seats > n) {
    c.Add("spec.max_seats",
          absl::StrCat("must lie in [min_seats, pool size ", n, "]; got ", spec.max_seats));
  }
  if (spec.max_per_organisation < 1) {
    c.Add("spec.max_per_organisation", "must be at least 1");
  }
  if (spec.max_per_country < 1) c.Add("spec.max_per_country", "must be at least 1");
}

void CheckFeatures(const BodySpec& spec, FeatureIndex& index, Checker& c) {
  for (size_t f = 0; f < spec.features.size(); ++f) {
    const Feature& feature = spec.features[f];
    const std::string path = absl::StrCat("spec.features[", f, "]");
    if (feature.name.empty()) c.Add(path + ".name", "must not be empty");
    CheckLength(feature.name, kMaxFeatureNameLength, path + ".name", c);
    if (!index.emplace(feature.name, &feature).second) {
      c.Add(path + ".name", absl::StrCat("duplicate feature '", feature.name, "'"));
    }
    if (feature.values.empty()) c.Add(path + ".values", "a feature needs at least one value");
    absl::flat_hash_set<std::string> seen;
    for (size_t v = 0; v < feature.values.size(); ++v) {
      const ValueQuota& q = feature.values[v];
      const std::string vpath = absl::StrCat(path, ".values[", v, "]");
      if (q.value.empty()) c.Add(vpath + ".value", "must not be empty");
      CheckLength(q.value, kMaxValueLength, vpath + ".value", c);
      if (!seen.insert(q.value).second) {
        c.Add(vpath + ".value", absl::StrCat("duplicate value '", q.value, "'"));
      }
      if (q.min < 0) c.Add(vpath + ".min", "must not be negative");
      if (q.min > q.max) {
        c.Add(vpath + ".min", absl::StrCat("min ", q.min, " exceeds max ", q.max));
      }
      if (q.min_flex < 0 || q.min_flex > q.min) {
        c.Add(vpath + ".min_flex", "must lie in [0, min]");
      }
      if (q.max_flex < q.max) c.Add(vpath + ".max_flex", "must not be below max");
    }
  }
}

bool HasValue(const Feature& feature, const std::string& value) {
  for (const ValueQuota& q : feature.values) {
    if (q.value == value) return true;
  }
  return false;
}

void CheckRules(const BodySpec& spec, const FeatureIndex& index, Checker& c) {
  if (spec.balance) {
    const Fraction& t = spec.balance->threshold;
    if (t.denominator < 1 || t.numerator < 1 || t.numerator > t.denominator) {
      c.Add("spec.balance.threshold", "must be a fraction in (0, 1]");
    }
    for (size_t i = 0; i < spec.balance->features.size(); ++i) {
      if (!index.contains(spec.balance->features[i])) {
        c.Add(absl::StrCat("spec.balance.features[", i, "]"),
              absl::StrCat("unknown feature '", spec.balance->features[i], "'"));
      }
    }
  }
  for (size_t i = 0; i < spec.coverage.size(); ++i) {
    const CoverageRequirement& r = spec.coverage[i];
    const std::string path = absl::StrCat("spec.coverage[", i, "]");
    auto it = index.find(r.feature);
    if (it == index.end()) {
      c.Add(path + ".feature", absl::StrCat("unknown feature '", r.feature, "'"));
    } else if (!HasValue(*it->second, r.value)) {
      c.Add(path + ".value", absl::StrCat("unknown value '", r.value, "' of '", r.feature, "'"));
    }
  }
}

void CheckCandidate(const Candidate& cand, const BodySpec& spec, const FeatureIndex& index,
                    const std::string& path, Checker& c) {
  if (cand.id.empty()) c.Add(path + ".id", "must not be empty");
  CheckLength(cand.id, kMaxCandidateIdLength, path + ".id", c);
  CheckLength(cand.organisation, kMaxOrganisationLength, path + ".organisation", c);
  CheckLength(cand.country, kMaxCountryLength, path + ".country", c);
  for (const auto& [name, values] : cand.values) {
    const std::string vpath = absl::StrCat(path, ".values[", name, "]");
    auto it = index.find(name);
    if (it == index.end()) {
      c.Add(vpath, absl::StrCat("unknown feature '", name, "'"));
      continue;
    }
    std::set<std::string> seen;
    for (const std::string& v : values) {
      if (!HasValue(*it->second, v)) {
        c.Add(vpath, absl::StrCat("unknown value '", v, "' of feature '", name, "'"));
      } else if (!seen.insert(v).second) {
        c.Add(vpath, absl::StrCat("value '", v, "' listed twice"));
      }
    }
  }
  for (const Feature& feature : spec.features) {
    if (feature.multi_valued) continue;
    auto it = cand.values.find(feature.name);
    if (it == cand.values.end() || it->second.size() != 1) {
      c.Add(absl::StrCat(path, ".values[", feature.name, "]"),
            "a single-valued feature needs exactly one value");
    }
  }
}

void CheckCandidates(const Pool& pool, const BodySpec& spec, const FeatureIndex& index,
                     Checker& c) {
  absl::flat_hash_set<std::string> ids;
  for (size_t i = 0; i < pool.candidates.size(); ++i) {
    const Candidate& cand = pool.candidates[i];
    const std::string path = absl::StrCat("pool.candidates[", i, "]");
    if (!ids.insert(cand.id).second) {
      c.Add(path + ".id", absl::StrCat("duplicate candidate id '", cand.id, "'"));
    }
    CheckCandidate(cand, spec, index, path, c);
  }
}

}  // namespace

absl::Status ValidateProblem(const Pool& pool, const BodySpec& spec) {
  Checker checker;
  FeatureIndex index;
  CheckSeats(static_cast<int>(pool.candidates.size()), spec, checker);
  CheckFeatures(spec, index, checker);
  CheckRules(spec, index, checker);
  CheckCandidates(pool, spec, index, checker);
  return checker.ToStatus();
}

absl::Status ValidateSpec(const BodySpec& spec, int max_pool) {
  Checker checker;
  FeatureIndex index;
  CheckSeats(max_pool, spec, checker);
  CheckFeatures(spec, index, checker);
  CheckRules(spec, index, checker);
  return checker.ToStatus();
}

absl::Status ValidateCandidate(const Candidate& candidate, const BodySpec& spec,
                               const std::string& path) {
  Checker checker;
  FeatureIndex index;
  for (const Feature& f : spec.features) index.emplace(f.name, &f);
  CheckCandidate(candidate, spec, index, path, checker);
  return checker.ToStatus();
}

}  // namespace polylateral::composition
