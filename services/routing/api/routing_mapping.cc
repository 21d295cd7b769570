#include "services/routing/api/routing_mapping.h"

#include <memory>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/base/errors.h"
#include "common/base/ids.h"
#include "common/base/resource_name.h"
#include "google/protobuf/util/json_util.h"

namespace polylateral::routing {
namespace {

std::string Name(absl::string_view collection, absl::string_view id) {
  return id.empty() ? "" : absl::StrCat(collection, "/", id);
}

std::string IdOf(const std::string& name) {
  auto slash = name.find('/');
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ParseName(const std::string& name,
                                                   const std::vector<std::string>& collections,
                                                   const std::string& field) {
  return ParseResourceName(name, {collections.begin(), collections.end()}, field);
}

std::string BareTheme(const std::string& theme) {
  return absl::StartsWith(theme, "themes/") ? theme.substr(7) : theme;
}

void TimeToProto(absl::Time t, google::protobuf::Timestamp* out) {
  if (t == absl::InfinitePast() || t == absl::InfiniteFuture()) return;
  const int64_t s = absl::ToUnixSeconds(t);
  out->set_seconds(s);
  out->set_nanos(static_cast<int32_t>((t - absl::FromUnixSeconds(s)) / absl::Nanoseconds(1)));
}

absl::Time TimeFromProto(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

absl::StatusOr<Input> InputFromProto(const v1::Input& in) {
  Violations v;
  Input out;
  out.id = IdOf(in.name());
  out.kind = static_cast<InputKind>(in.kind());
  if (auto a = ParseName(in.author(), {"stakeholders"}, "input.author"); a.ok()) {
    out.author_id = (*a)[0];
  } else {
    v.Add("input.author", "must be stakeholders/{id}");
  }
  out.title = in.title();
  for (const auto& t : in.themes()) out.themes.push_back(BareTheme(t));
  out.language = in.language();
  const auto& t = in.target();
  out.target.kind = static_cast<TargetKind>(t.kind());
  if (!t.process().empty()) {
    if (auto p = ParseName(t.process(), {"processes"}, "input.target.process"); p.ok()) {
      out.target.process_id = (*p)[0];
    } else {
      v.Add("input.target.process", "must be processes/{id}");
    }
  }
  out.target.session_id = t.session();
  out.target.group_id = t.thematic_group();
  if (!in.consultation().empty()) {
    if (auto c = ParseName(in.consultation(), {"consultations"}, "input.consultation"); c.ok()) {
      out.consultation_id = (*c)[0];
    } else {
      v.Add("input.consultation", "must be consultations/{id}");
    }
  }
  out.text = in.text();
  for (const auto& a : in.attachments()) {
    out.attachments.push_back({a.uri(), a.media_type(), a.size_bytes()});
  }
  if (out.kind == InputKind::kJointStatement) {
    out.joint = JointFromProto(out.author_id, in.joint_statement());
  }
  out.create_time = TimeFromProto(in.create_time());
  if (!v.empty()) return v.ToStatus("INVALID_INPUT");
  return out;
}

void JointToProto(const JointStatement& js, v1::JointStatement* out) {
  out->clear_signatories();
  out->clear_versions();
  for (const auto& s : js.signatories) {
    auto* p = out->add_signatories();
    p->set_stakeholder(Name("stakeholders", s.stakeholder_id));
    p->set_state(static_cast<v1::Signatory::State>(s.state));
    TimeToProto(s.invite_time, p->mutable_invite_time());
    TimeToProto(s.confirm_time, p->mutable_confirm_time());
    p->set_joined_at_version(s.joined_at_version);
  }
  for (const auto& ver : js.versions) {
    auto* p = out->add_versions();
    p->set_version(ver.version);
    p->set_text(ver.text);
    TimeToProto(ver.publish_time, p->mutable_publish_time());
    for (const auto& s : ver.listed_signatories) p->add_listed_signatories(Name("stakeholders", s));
  }
}

JointStatement JointFromProto(const std::string& lead, const v1::JointStatement& in) {
  JointStatement js;
  js.lead_id = lead;
  for (const auto& p : in.signatories()) {
    Signatory s;
    s.stakeholder_id = IdOf(p.stakeholder());
    s.state = static_cast<SignatoryState>(p.state());
    if (p.has_invite_time()) s.invite_time = TimeFromProto(p.invite_time());
    if (p.has_confirm_time()) s.confirm_time = TimeFromProto(p.confirm_time());
    s.joined_at_version = p.joined_at_version();
    js.signatories.push_back(std::move(s));
  }
  for (const auto& p : in.versions()) {
    JointStatementVersion ver;
    ver.version = p.version();
    ver.text = p.text();
    ver.publish_time = TimeFromProto(p.publish_time());
    for (const auto& s : p.listed_signatories()) ver.listed_signatories.push_back(IdOf(s));
    js.versions.push_back(std::move(ver));
  }
  return js;
}

void RouteToProto(const Route& r, v1::Route* out) {
  out->set_kind(static_cast<v1::RouteKind>(r.kind));
  out->set_destination(r.destination);
  out->set_reason(r.reason);
  out->set_process(Name("processes", r.process_id));
  if (!r.via.empty()) {
    out->set_via(r.kind == RouteKind::kVertical ? Name("states", r.via)
                                                : Name("stakeholders", r.via));
  }
  out->set_consultation(Name("consultations", r.consultation_id));
}

Route RouteFromProto(const v1::Route& r) {
  return Route{static_cast<RouteKind>(r.kind()),
               r.destination(),
               r.reason(),
               IdOf(r.process()),
               IdOf(r.via()),
               IdOf(r.consultation())};
}

void ExclusionToProto(const Exclusion& e, v1::Exclusion* out) {
  out->set_destination(e.destination);
  out->set_process(Name("processes", e.process_id));
  out->set_code(e.code);
  out->set_reason(e.reason);
}

Exclusion ExclusionFromProto(const v1::Exclusion& e) {
  return Exclusion{e.destination(), IdOf(e.process()), e.code(), e.reason()};
}

void DecisionToProto(const RoutingDecision& d, v1::Input* out) {
  out->clear_routes();
  out->clear_exclusions();
  for (const auto& r : d.routes) RouteToProto(r, out->add_routes());
  for (const auto& e : d.exclusions) ExclusionToProto(e, out->add_exclusions());
}

void ForReaders(v1::Input* in) {
  if (!in->has_joint_statement()) return;
  auto* js = in->mutable_joint_statement();
  google::protobuf::RepeatedPtrField<v1::Signatory> listed;
  int pending = 0;
  for (const auto& s : js->signatories()) {
    if (s.state() == v1::Signatory::CONFIRMED) {
      *listed.Add() = s;
    } else if (s.state() == v1::Signatory::INVITED) {
      ++pending;
    }
  }
  js->mutable_signatories()->Swap(&listed);
  js->set_pending_invitations(pending);
}

std::string ToJson(const google::protobuf::Message& m) {
  std::string out;
  (void)google::protobuf::util::MessageToJsonString(m, &out);
  return out;
}

std::string EncodeRecord(const google::protobuf::Message& m) {
  // Fields this build does not know would be kept verbatim (a caller could store megabytes
  // past every size check): drop them, at every depth, from a copy.
  std::unique_ptr<google::protobuf::Message> known(m.New());
  known->CopyFrom(m);
  known->DiscardUnknownFields();
  return known->SerializeAsString();
}

absl::Status FromJson(const std::string& json, google::protobuf::Message* m) {
  // MessageToJsonString's output starts with '{' (0x7b), which no proto3 binary encoding does
  // (it would be field 15 as a group start).
  if (!json.empty() && json.front() != '{') {
    if (!m->ParseFromString(json)) {
      return absl::InternalError("a stored routing record does not parse");
    }
    return absl::OkStatus();
  }
  auto st = google::protobuf::util::JsonStringToMessage(json, m);
  if (!st.ok()) return absl::InternalError("a stored routing record does not parse");
  return absl::OkStatus();
}

absl::StatusOr<Consultation> ConsultationFromProto(const v1::Consultation& c) {
  Consultation out;
  out.consultation_id = IdOf(c.name());
  out.state = IdOf(c.state());
  out.process_id = IdOf(c.process());
  for (const auto& t : c.themes()) out.themes.push_back(BareTheme(t));
  if (c.has_open_time()) out.opens = TimeFromProto(c.open_time());
  if (c.has_close_time()) out.closes = TimeFromProto(c.close_time());
  return out;
}

absl::StatusOr<RelayDeclaration> RelayFromProto(const v1::RelayDeclaration& r) {
  RelayDeclaration out;
  out.state = IdOf(r.state());
  out.process_id = IdOf(r.process());
  for (const auto& t : r.themes()) out.themes.push_back(BareTheme(t));
  if (r.has_since()) out.since = TimeFromProto(r.since());
  if (r.has_until()) out.until = TimeFromProto(r.until());
  return out;
}

}  // namespace polylateral::routing
