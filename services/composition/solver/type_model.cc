#include "services/composition/solver/type_model.h"

#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "services/composition/solver/validation.h"

namespace polylateral::composition {
namespace {

using Column = std::vector<std::pair<int, int>>;

class Compiler final {
 public:
  Compiler(const Pool& pool, const BodySpec& spec)
      : pool_(pool), spec_(spec), columns_(pool.candidates.size()) {}

  TypeModel Run() {
    const int n = static_cast<int>(pool_.candidates.size());
    AddSeats(n);
    AddQuotas(n);
    AddCaps(ConstraintRow::Kind::kOrganisationCap, spec_.max_per_organisation,
            "spec.max_per_organisation", "organisation ", &Candidate::organisation);
    AddCaps(ConstraintRow::Kind::kCountryCap, spec_.max_per_country, "spec.max_per_country",
            "country ", &Candidate::country);
    AddBalance();
    AddCoverage();
    return GroupTypes(n);
  }

 private:
  bool Holds(const Candidate& c, const std::string& feature, const std::string& value) const {
    auto it = c.values.find(feature);
    if (it == c.values.end()) return false;
    for (const std::string& v : it->second) {
      if (v == value) return true;
    }
    return false;
  }

  int NewRow(ConstraintRow row) {
    model_.rows.push_back(std::move(row));
    return static_cast<int>(model_.rows.size()) - 1;
  }

  void AddSeats(int n) {
    ConstraintRow row{ConstraintRow::Kind::kSeats, "seats", "spec.min_seats"};
    row.lower = spec_.min_seats;
    row.upper = spec_.max_seats;
    row.relax_lower_to = 1;
    row.relax_upper_to = n;
    const int r = NewRow(std::move(row));
    for (Column& col : columns_) col.emplace_back(r, 1);
  }

  void AddQuotas(int n) {
    for (size_t f = 0; f < spec_.features.size(); ++f) {
      const Feature& feature = spec_.features[f];
      for (size_t v = 0; v < feature.values.size(); ++v) {
        const ValueQuota& q = feature.values[v];
        std::vector<int> holders;
        for (int i = 0; i < n; ++i) {
          if (Holds(pool_.candidates[i], feature.name, q.value)) holders.push_back(i);
        }
        const int count = static_cast<int>(holders.size());
        // Non-binding: no panel of at most max_seats can break it.
        if (q.min == 0 && q.max >= std::min(count, spec_.max_seats)) continue;
        ConstraintRow row{ConstraintRow::Kind::kQuota, absl::StrCat(feature.name, "=", q.value),
                          absl::StrCat("spec.features[", f, "].values[", v, "]")};
        row.lower = q.min;
        row.upper = q.max == kNoLimit ? kInfinity : q.max;
        row.relax_lower_to = q.min_flex;
        row.relax_upper_to = q.max_flex == kNoLimit ? kInfinity : q.max_flex;
        const int r = NewRow(std::move(row));
        for (int i : holders) columns_[i].emplace_back(r, 1);
      }
    }
  }

  void AddCaps(ConstraintRow::Kind kind, int cap, const char* field, const char* what,
               std::string Candidate::*key) {
    if (cap == kNoLimit) return;
    std::map<std::string, std::vector<int>> groups;
    for (size_t i = 0; i < pool_.candidates.size(); ++i) {
      const std::string& k = pool_.candidates[i].*key;
      if (!k.empty()) groups[k].push_back(static_cast<int>(i));
    }
    for (const auto& [name, members] : groups) {
      if (static_cast<int>(members.size()) <= cap) continue;
      ConstraintRow row{kind, absl::StrCat(what, name), field};
      row.upper = cap;
      const int r = NewRow(std::move(row));
      for (int i : members) columns_[i].emplace_back(r, 1);
    }
  }

  // count(v) < p/q * seats  <=>  q * count(v) - p * seats <= -1 (all integers).
  void AddBalance() {
    if (!spec_.balance) return;
    const int p = spec_.balance->threshold.numerator;
    const int q = spec_.balance->threshold.denominator;
    for (const std::string& name : spec_.balance->features) {
      for (const Feature& feature : spec_.features) {
        if (feature.name != name) continue;
        for (const ValueQuota& value : feature.values) {
          ConstraintRow row{ConstraintRow::Kind::kBalance, absl::StrCat(name, "=", value.value),
                            "spec.balance"};
          row.upper = -1;
          const int r = NewRow(std::move(row));
          for (size_t i = 0; i < pool_.candidates.size(); ++i) {
            const bool holds = Holds(pool_.candidates[i], name, value.value);
            columns_[i].emplace_back(r, holds ? q - p : -p);
          }
        }
      }
    }
  }

  void AddCoverage() {
    for (size_t c = 0; c < spec_.coverage.size(); ++c) {
      const CoverageRequirement& req = spec_.coverage[c];
      ConstraintRow row{ConstraintRow::Kind::kCoverage, absl::StrCat(req.feature, "=", req.value),
                        absl::StrCat("spec.coverage[", c, "]")};
      row.lower = 1;
      row.relax_lower_to = 0;
      const int r = NewRow(std::move(row));
      for (size_t i = 0; i < pool_.candidates.size(); ++i) {
        if (Holds(pool_.candidates[i], req.feature, req.value)) columns_[i].emplace_back(r, 1);
      }
    }
  }

  TypeModel GroupTypes(int n) {
    std::map<Column, int> index;
    model_.type_of.resize(n);
    model_.candidate_count = n;
    for (int i = 0; i < n; ++i) {
      auto [it, added] = index.emplace(columns_[i], static_cast<int>(model_.types.size()));
      if (added) model_.types.push_back(CandidateType{{}, columns_[i]});
      model_.types[it->second].members.push_back(i);
      model_.type_of[i] = it->second;
    }
    return std::move(model_);
  }

  const Pool& pool_;
  const BodySpec& spec_;
  std::vector<Column> columns_;  // per candidate, rows in ascending order
  TypeModel model_;
};

}  // namespace

absl::StatusOr<TypeModel> BuildTypeModel(const Pool& pool, const BodySpec& spec) {
  if (absl::Status s = ValidateProblem(pool, spec); !s.ok()) return s;
  return Compiler(pool, spec).Run();
}

std::vector<int> TypeSizes(const TypeModel& model) {
  std::vector<int> sizes;
  for (const CandidateType& type : model.types) sizes.push_back(type.size());
  return sizes;
}

bool SatisfiesRows(const TypeModel& model, const std::vector<int>& counts) {
  std::vector<double> activity(model.rows.size(), 0.0);
  for (size_t t = 0; t < model.types.size(); ++t) {
    if (counts[t] < 0 || counts[t] > model.types[t].size()) return false;
    for (const auto& [row, coef] : model.types[t].entries) {
      activity[row] += static_cast<double>(coef) * counts[t];
    }
  }
  for (size_t r = 0; r < model.rows.size(); ++r) {
    if (activity[r] < model.rows[r].lower - 1e-9 || activity[r] > model.rows[r].upper + 1e-9) {
      return false;
    }
  }
  return true;
}

}  // namespace polylateral::composition
