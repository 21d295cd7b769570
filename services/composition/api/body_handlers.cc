// CompositionService's body methods: a process's multistakeholder bodies, the nominations
// each stakeholder group makes for itself, and the committed draw. Parse, ask the rules
// (services/composition/bodies), store through the rules' port (bodies/body_store.h); the draw
// solves and draws as DrawPanel does.
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/base/ids.h"
#include "common/base/page_size.h"
#include "common/base/resource_name.h"
#include "common/server/proto_checks.h"
#include "google/protobuf/util/time_util.h"
#include "services/composition/api/body_mapping.h"
#include "services/composition/api/body_records.h"
#include "services/composition/api/composition_service.h"
#include "services/composition/api/panel_draw.h"
#include "services/composition/api/pool_limit.h"
#include "services/composition/api/resource_names.h"
#include "services/composition/api/solve_runner.h"
#include "services/composition/api/uniform_mapping.h"
#include "services/composition/bodies/body_store.h"
#include "services/composition/bodies/nomination_rules.h"
#include "services/composition/client/registry_client.h"
#include "services/composition/solver/lottery_draw.h"

namespace polylateral::composition {
namespace {

using google::protobuf::util::TimeUtil;

google::protobuf::Timestamp Stamp(absl::Time t) {
  return TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(t));
}

bool IsSha256Hex(const std::string& s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

absl::Status CheckNewBody(const v1::CreateBodyRequest& req) {
  Violations v;
  if (absl::Status s = CheckResourceId(req.body_id(), "body_id"); !s.ok()) {
    v.Add("body_id", ErrorViolations(s).front().description);
  }
  if (!req.has_body()) {
    v.Add("body", "is required");
    return v.ToStatus("INVALID_BODY");
  }
  const v1::Body& b = req.body();
  if (b.display_name().empty() || b.display_name().size() > 200) {
    v.Add("body.display_name", "must be 1..200 characters");
  }
  if (!IsSha256Hex(b.seed_sha256())) {
    v.Add("body.seed_sha256", "must be the seed's SHA-256 in 64 lowercase hex digits");
  }
  if (!b.has_spec()) v.Add("body.spec", "is required");
  return v.ToStatus("INVALID_BODY");
}

// The candidate as nominated, holding exactly the nominating group's value (CompleteNominee
// refused any other; an entry listed without values gets it too).
void WithGroup(const std::string& group, v1::Candidate* c) {
  for (v1::CandidateValues& v : *c->mutable_values()) {
    if (v.feature() != kGroupFeature) continue;
    v.clear_values();
    v.add_values(group);
    return;
  }
  v1::CandidateValues* v = c->add_values();
  v->set_feature(kGroupFeature);
  v->add_values(group);
}

// Solver errors on a body's stored rules and nominations are about the body's state, not
// the draw request: too few nominations for the seats, say.
absl::Status AsBodyState(absl::Status s, const std::string& body_name) {
  if (s.code() != absl::StatusCode::kInvalidArgument) return s;
  std::string why;
  for (const FieldViolation& v : ErrorViolations(s)) {
    absl::StrAppend(&why, why.empty() ? "" : "; ", v.field, ": ", v.description);
  }
  return FailedPrecondition("NOMINATIONS_DO_NOT_FIT", body_name,
                            absl::StrCat("the nominations do not fit the body's rules: ", why));
}

// A publicly drawn number needs the uniform lottery it names a panel of.
absl::Status CheckDrawnNumber(const v1::DrawBodyRequest& req) {
  const int number = req.drawn_panel_number();
  if (number == 0) return absl::OkStatus();
  if (req.uniform_panels() == 0) {
    return InvalidArgument("DRAWN_PANEL_NUMBER_OUT_OF_RANGE", "drawn_panel_number",
                           "only with uniform_panels: it names one of the numbered panels");
  }
  if (number < 1 || number > req.uniform_panels()) {
    return InvalidArgument(
        "DRAWN_PANEL_NUMBER_OUT_OF_RANGE", "drawn_panel_number",
        absl::StrCat("must lie in [1, uniform_panels = ", req.uniform_panels(), "]; got ", number));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CompositionService::DoCreateBody(const Call& call, const v1::CreateBodyRequest& req,
                                              v1::Body* resp) {
  auto process = NameSegments(req.parent(), {"processes"}, "parent");
  if (!process.ok()) return process.status();
  const BodyKey key{(*process)[0], req.body_id()};
  if (absl::Status s = CheckBodyManager(call.principal, key.process_id); !s.ok()) return s;
  if (absl::Status s = CheckNewBody(req); !s.ok()) return s;
  if (absl::Status s = CheckBodySpec(SpecFromProto(req.body().spec())); !s.ok()) {
    return PrefixFields(s, "body.");
  }
  CallRegistryLookup registry(registry_);
  if (absl::Status s = registry.CheckProcess(key.process_id); !s.ok()) return s;

  v1::Body body;
  body.set_name(BodyName(key));
  body.set_display_name(req.body().display_name());
  *body.mutable_spec() = req.body().spec();
  body.set_seed_sha256(req.body().seed_sha256());
  body.set_accredited_only(req.body().accredited_only());
  *body.mutable_create_time() = Stamp(clock_->Now());
  if (absl::Status s = bodies_->Create(key, Record(body)); !s.ok()) return s;
  *resp = std::move(body);
  resp->set_state(v1::NOMINATING);
  return absl::OkStatus();
}

absl::Status CompositionService::DoGetBody(const Call&, const v1::GetBodyRequest& req,
                                           v1::Body* resp) {
  auto key = ParseBodyName(req.name(), "name");
  if (!key.ok()) return key.status();
  auto stored = bodies_->Get(*key);
  if (!stored.ok()) return stored.status();
  auto body = BodyFromStored(*stored);
  if (!body.ok()) return body.status();
  *resp = *std::move(body);
  return absl::OkStatus();
}

absl::Status CompositionService::DoCreateNomination(const Call& call,
                                                    const v1::CreateNominationRequest& req,
                                                    v1::Nomination* resp) {
  auto key = ParseBodyName(req.parent(), "parent");
  if (!key.ok()) return key.status();
  if (absl::Status s = CheckResourceId(req.nomination_id(), "nomination_id", "INVALID_NOMINATION");
      !s.ok()) {
    return s;
  }
  if (!req.has_nomination() || !req.nomination().has_candidate()) {
    return InvalidArgument("INVALID_NOMINATION", "nomination.candidate", "is required");
  }
  if (absl::Status s =
          server::CheckEnum(req.nomination().stakeholder_group(), "nomination.stakeholder_group");
      !s.ok()) {
    return s;
  }
  // Who nominates for which group: a stakeholder's group is the registry's.
  std::string registry_group;
  if (call.principal.kind == Principal::Kind::kStakeholder) {
    CallRegistryLookup registry(registry_);
    auto facts = registry.GetStakeholder(call.principal.id);
    if (!facts.ok()) return facts.status();
    registry_group = facts->stakeholder_group;
  }
  const type::v1::StakeholderGroup requested = req.nomination().stakeholder_group();
  auto group = NominatingGroup(call.principal,
                               requested == type::v1::STAKEHOLDER_GROUP_UNSPECIFIED
                                   ? ""
                                   : type::v1::StakeholderGroup_Name(requested),
                               registry_group);
  if (!group.ok()) return group.status();

  auto stored = bodies_->Get(*key);
  if (!stored.ok()) return stored.status();
  auto body = BodyFromStored(*stored);
  if (!body.ok()) return body.status();
  if (body->state() == v1::DRAWN) {
    return FailedPrecondition("BODY_DRAWN", req.parent(),
                              "the body is drawn; nominations are closed");
  }
  Violations shape;
  Candidate nominee =
      CandidateFromProto(req.nomination().candidate(), "nomination.candidate", shape);
  if (!shape.empty()) return shape.ToStatus("INVALID_NOMINATION");
  if (absl::Status s = CompleteNominee(SpecFromProto(body->spec()), *group, nominee); !s.ok()) {
    return s;
  }

  v1::Nomination n;
  n.set_name(NominationName(*key, req.nomination_id()));
  *n.mutable_candidate() = req.nomination().candidate();
  WithGroup(*group, n.mutable_candidate());
  type::v1::StakeholderGroup group_enum = type::v1::STAKEHOLDER_GROUP_UNSPECIFIED;
  type::v1::StakeholderGroup_Parse(*group, &group_enum);
  n.set_stakeholder_group(group_enum);
  n.set_nominated_by(call.principal.ToString());
  *n.mutable_create_time() = Stamp(clock_->Now());
  if (absl::Status s =
          bodies_->Nominate(*key, ToNominationRecord(req.nomination_id(), n), kMaxNominations);
      !s.ok()) {
    return s;
  }
  *resp = std::move(n);
  return absl::OkStatus();
}

absl::Status CompositionService::DoListNominations(const Call&,
                                                   const v1::ListNominationsRequest& req,
                                                   v1::ListNominationsResponse* resp) {
  auto key = ParseBodyName(req.parent(), "parent");
  if (!key.ok()) return key.status();
  auto page_size = ResolvePageSize(req.page_size());
  if (!page_size.ok()) return page_size.status();
  // The token is the last nomination name returned: harmless to forge, it only moves the start.
  const std::string& token = req.page_token();
  if (!token.empty() && !ParseNominationName(token, "page_token").ok()) {
    return InvalidArgument("INVALID_PAGE_TOKEN", "page_token", "is not one this service gave");
  }
  const int limit = *page_size;
  auto stored = bodies_->Snapshot(*key);
  if (!stored.ok()) return stored.status();
  auto snapshot = FromSnapshot(*stored);
  if (!snapshot.ok()) return snapshot.status();
  for (const v1::Nomination& n : snapshot->nominations) {
    if (!token.empty() && n.name() <= token) continue;
    if (resp->nominations_size() == limit) {
      resp->set_next_page_token(resp->nominations(limit - 1).name());
      break;
    }
    *resp->add_nominations() = n;
  }
  return absl::OkStatus();
}

absl::Status CompositionService::DoDeleteNomination(const Call& call,
                                                    const v1::DeleteNominationRequest& req,
                                                    google::protobuf::Empty*) {
  auto parsed = ParseNominationName(req.name(), "name");
  if (!parsed.ok()) return parsed.status();
  const auto& [key, id] = *parsed;
  auto record = bodies_->GetNomination(key, id);
  if (!record.ok()) return record.status();
  auto n = NominationFromRecord(*record);
  if (!n.ok()) return n.status();
  if (absl::Status s = CheckWithdrawal(call.principal, n->nominated_by()); !s.ok()) return s;
  return bodies_->Withdraw(key, ToNominationRecord(id, *n));
}

absl::Status CompositionService::DoDrawBody(const Call& call, const v1::DrawBodyRequest& req,
                                            v1::Body* resp) {
  auto key = ParseBodyName(req.name(), "name");
  if (!key.ok()) return key.status();
  if (absl::Status s = CheckBodyManager(call.principal, key->process_id); !s.ok()) return s;
  if (absl::Status s = ValidateDrawSeed(req.seed(), "seed"); !s.ok()) return s;
  if (absl::Status s = CheckDrawnNumber(req); !s.ok()) return s;
  auto stored = bodies_->Snapshot(*key);
  if (!stored.ok()) return stored.status();
  auto snapshot = FromSnapshot(*stored);
  if (!snapshot.ok()) return snapshot.status();
  const v1::Body& body = snapshot->body;
  if (body.state() == v1::DRAWN) {
    return FailedPrecondition("BODY_DRAWN", req.name(), "the body was drawn already");
  }
  if (absl::Status s =
          CheckUniformPanels(req.uniform_panels(), body.spec().max_seats(), "uniform_panels");
      !s.ok()) {
    return s;
  }
  // Before the solve: a wrong seed costs nothing.
  if (SeedCommitment(req.seed()) != body.seed_sha256()) {
    return FailedPrecondition("SEED_COMMITMENT_MISMATCH", "seed",
                              "SHA-256 of the revealed seed differs from the body's seed_sha256");
  }

  if (absl::Status s = CheckPoolSize(static_cast<int>(snapshot->nominations.size()), max_pool_size_,
                                     "the body's nominations");
      !s.ok()) {
    return s;
  }
  v1::SolveRequest problem;
  for (const v1::Nomination& n : snapshot->nominations) {
    *problem.mutable_pool()->add_candidates() = n.candidate();
  }
  *problem.mutable_spec() = body.spec();
  problem.set_mode(v1::LEXIMIN);
  problem.set_uniform_panels(req.uniform_panels());
  if (body.accredited_only()) {
    problem.mutable_accredited_only()->set_process(absl::StrCat("processes/", key->process_id));
  }
  v1::SolveRequest restricted;
  v1::SolveResponse solved;
  if (absl::Status s = accreditation_->Restrict(problem, &restricted, &solved); !s.ok()) {
    return s;
  }
  if (absl::Status s = RunSolve(restricted, CallLimits(call), nullptr, metrics_, &solved);
      !s.ok()) {
    return AsBodyState(s, req.name());
  }
  v1::BodyDraw draw;
  draw.set_seed(req.seed());
  if (solved.has_uniform_lottery()) {
    // Over the m numbered panels: the number the seed names, or the one a public draw gave.
    const v1::UniformLottery& lottery = solved.uniform_lottery();
    auto drawn = DrawFromUniform(lottery, req.seed(), body.seed_sha256(), "draw.uniform_lottery.");
    if (!drawn.ok()) return drawn.status();
    const int number = req.drawn_panel_number() != 0 ? req.drawn_panel_number() : drawn->number;
    for (int m : lottery.panels(number - 1).members()) {
      draw.add_member_ids(lottery.probabilities(m).candidate_id());
    }
    draw.set_panel_index(number - 1);
    draw.set_panel_number(number);
    draw.set_public_draw(req.drawn_panel_number() != 0);
    *draw.mutable_uniform_lottery() = lottery;
  } else {
    const IndexedDistribution indexed = IndexDistribution(solved.leximin());
    auto drawn = DrawFromDistribution(indexed.types, indexed.panels, req.seed(), body.seed_sha256(),
                                      "draw.distribution.");
    if (!drawn.ok()) return drawn.status();
    for (int m : drawn->members) draw.add_member_ids(indexed.ids[m]);
    draw.set_panel_index(drawn->panel_index);
  }
  *draw.mutable_distribution() = solved.leximin();
  *draw.mutable_dropped_candidates() = solved.dropped_candidates();
  *draw.mutable_draw_time() = Stamp(clock_->Now());
  draw.set_drawn_by(call.principal.ToString());
  DrawStamp stamp{draw.drawn_by(),
                  absl::ToUnixMillis(clock_->Now()),
                  draw.seed(),
                  body.seed_sha256(),
                  {draw.member_ids().begin(), draw.member_ids().end()},
                  draw.panel_index(),
                  std::nullopt};
  if (draw.has_uniform_lottery()) {
    stamp.uniform =
        UniformDrawStamp{draw.uniform_lottery().panels_size(), draw.panel_number(),
                         draw.public_draw(), UniformPanelsDigest(draw.uniform_lottery())};
  }
  if (absl::Status s = bodies_->RecordDraw(*key, snapshot->version, Record(draw), stamp); !s.ok()) {
    return s;
  }
  *resp = body;
  resp->set_state(v1::DRAWN);
  *resp->mutable_draw() = std::move(draw);
  return absl::OkStatus();
}

}  // namespace polylateral::composition
