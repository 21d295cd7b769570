#include "services/composition/api/body_mapping.h"

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"

namespace polylateral::composition {

Candidate CandidateFromProto(const v1::Candidate& c, const std::string& path,
                             Violations& violations) {
  Candidate cand;
  cand.id = c.id();
  cand.organisation = c.organisation();
  cand.country = c.country();
  for (int j = 0; j < c.values_size(); ++j) {
    const v1::CandidateValues& v = c.values(j);
    auto [it, inserted] = cand.values.try_emplace(v.feature());
    if (!inserted) {
      violations.Add(absl::StrCat(path, ".values[", j, "].feature"),
                     absl::StrCat("feature '", v.feature(), "' listed twice"));
      continue;
    }
    it->second.assign(v.values().begin(), v.values().end());
  }
  return cand;
}

absl::StatusOr<Pool> PoolFromProto(const v1::Pool& proto) {
  Pool pool;
  Violations violations;
  pool.candidates.reserve(proto.candidates_size());
  for (int i = 0; i < proto.candidates_size(); ++i) {
    pool.candidates.push_back(CandidateFromProto(
        proto.candidates(i), absl::StrCat("pool.candidates[", i, "]"), violations));
  }
  if (!violations.empty()) return violations.ToStatus("INVALID_COMPOSITION_PROBLEM");
  return pool;
}

BodySpec SpecFromProto(const v1::BodySpec& proto) {
  BodySpec spec;
  spec.min_seats = proto.min_seats();
  spec.max_seats = proto.max_seats();
  // 0 means "no cap" on the wire; negative values reach validation and are refused there.
  spec.max_per_organisation =
      proto.max_per_organisation() == 0 ? kNoLimit : proto.max_per_organisation();
  spec.max_per_country = proto.max_per_country() == 0 ? kNoLimit : proto.max_per_country();
  for (const v1::Feature& f : proto.features()) {
    Feature feature;
    feature.name = f.name();
    feature.multi_valued = f.multi_valued();
    for (const v1::ValueQuota& q : f.values()) {
      ValueQuota quota;
      quota.value = q.value();
      quota.min = q.min();
      quota.max = q.has_max() ? q.max() : kNoLimit;
      quota.min_flex = q.has_min_flex() ? q.min_flex() : 0;
      quota.max_flex = q.has_max_flex() ? q.max_flex() : kNoLimit;
      feature.values.push_back(std::move(quota));
    }
    spec.features.push_back(std::move(feature));
  }
  if (proto.has_balance()) {
    BalanceRule rule;
    rule.features.assign(proto.balance().features().begin(), proto.balance().features().end());
    rule.threshold = {proto.balance().threshold_numerator(),
                      proto.balance().threshold_denominator()};
    spec.balance = std::move(rule);
  }
  for (const v1::CoverageRequirement& c : proto.coverage()) {
    spec.coverage.push_back({c.feature(), c.value()});
  }
  return spec;
}

void PoolToProto(const Pool& pool, v1::Pool* out) {
  for (const Candidate& c : pool.candidates) {
    v1::Candidate* pc = out->add_candidates();
    pc->set_id(c.id);
    pc->set_organisation(c.organisation);
    pc->set_country(c.country);
    for (const auto& [feature, values] : c.values) {
      v1::CandidateValues* v = pc->add_values();
      v->set_feature(feature);
      for (const std::string& value : values) v->add_values(value);
    }
  }
}

void SpecToProto(const BodySpec& spec, v1::BodySpec* out) {
  out->set_min_seats(spec.min_seats);
  out->set_max_seats(spec.max_seats);
  if (spec.max_per_organisation != kNoLimit)
    out->set_max_per_organisation(spec.max_per_organisation);
  if (spec.max_per_country != kNoLimit) out->set_max_per_country(spec.max_per_country);
  for (const Feature& f : spec.features) {
    v1::Feature* pf = out->add_features();
    pf->set_name(f.name);
    pf->set_multi_valued(f.multi_valued);
    for (const ValueQuota& q : f.values) {
      v1::ValueQuota* pq = pf->add_values();
      pq->set_value(q.value);
      pq->set_min(q.min);
      if (q.max != kNoLimit) pq->set_max(q.max);
      if (q.min_flex != 0) pq->set_min_flex(q.min_flex);
      if (q.max_flex != kNoLimit) pq->set_max_flex(q.max_flex);
    }
  }
  if (spec.balance.has_value()) {
    for (const std::string& f : spec.balance->features) out->mutable_balance()->add_features(f);
    out->mutable_balance()->set_threshold_numerator(spec.balance->threshold.numerator);
    out->mutable_balance()->set_threshold_denominator(spec.balance->threshold.denominator);
  }
  for (const CoverageRequirement& c : spec.coverage) {
    v1::CoverageRequirement* pc = out->add_coverage();
    pc->set_feature(c.feature);
    pc->set_value(c.value);
  }
}

void RelaxationToProto(const Infeasibility& in, v1::Relaxation* out) {
  out->set_found(in.relaxation_found);
  out->set_summary(in.summary);
  for (const BoundChange& c : in.relaxation) {
    v1::BoundChange* b = out->add_changes();
    b->set_label(c.label);
    b->set_field(c.field);
    b->set_is_lower(c.is_lower);
    b->set_from(c.from);
    b->set_to(c.to);
  }
}

void LeximinToProto(const Pool& pool, const LeximinResult& in, v1::LeximinDistribution* out) {
  for (size_t i = 0; i < pool.candidates.size() && i < in.probabilities.size(); ++i) {
    v1::CandidateProbability* p = out->add_probabilities();
    p->set_candidate_id(pool.candidates[i].id);
    p->set_probability(in.probabilities[i]);
  }
  for (const std::vector<int>& type : in.types) {
    v1::CandidateType* t = out->add_types();
    for (int member : type) t->add_candidate_ids(pool.candidates[member].id);
  }
  for (const WeightedPanel& panel : in.panels) {
    v1::WeightedPanel* p = out->add_panels();
    p->mutable_type_counts()->Add(panel.counts.begin(), panel.counts.end());
    p->set_weight(panel.weight);
  }
  out->set_min_probability(in.min_probability);
  out->mutable_certificate_weights()->Add(in.certificate_weights.begin(),
                                          in.certificate_weights.end());
  out->set_certificate_bound(in.certificate_bound);
  out->set_iterations(in.iterations);
  out->set_stages(in.stages);
  out->set_by_relaxation(in.by_relaxation);
  out->set_uncertified(!in.certified);
  out->set_uncertified_reason(in.uncertified_reason);
}

absl::Status PrefixFields(absl::Status status, const std::string& prefix) {
  std::vector<FieldViolation> violations = ErrorViolations(status);
  if (violations.empty()) return status;
  for (FieldViolation& v : violations) v.field = prefix + v.field;
  std::string reason = ErrorReason(status);
  absl::Status out(status.code(), status.message());
  return WithViolations(WithReason(out, reason), violations);
}

}  // namespace polylateral::composition
