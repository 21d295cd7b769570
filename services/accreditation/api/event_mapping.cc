#include "services/accreditation/api/event_mapping.h"

#include <cstdint>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/base/errors.h"

namespace polylateral::accreditation {
namespace {

constexpr absl::string_view kTokenPrefix = "acc.events.v1:";

void MsToProto(const std::string& ms_text, google::protobuf::Timestamp* out) {
  int64_t ms = 0;
  if (!absl::SimpleAtoi(ms_text, &ms)) return;
  out->set_seconds(ms / 1000);
  out->set_nanos(static_cast<int32_t>((ms % 1000) * 1000000));
}

}  // namespace

std::string EncodeResumeToken(const StreamId& id) {
  return absl::WebSafeBase64Escape(absl::StrCat(kTokenPrefix, id.ToString()));
}

absl::StatusOr<StreamId> DecodeResumeToken(const std::string& token, const std::string& field) {
  std::string raw;
  if (token.size() <= 128 && absl::WebSafeBase64Unescape(token, &raw) &&
      absl::StartsWith(raw, kTokenPrefix)) {
    if (auto id = StreamId::Parse(absl::string_view(raw).substr(kTokenPrefix.size()))) return *id;
  }
  return InvalidArgument("INVALID_RESUME_TOKEN", field,
                         "not a token of an event of this feed; omit it to start from now");
}

void ToProto(const StreamId& id, const DisclosedEvent& e, v1::Event* out) {
  out->set_token(EncodeResumeToken(id));
  out->set_type(e.event.type);
  out->set_withheld(e.withheld);
  std::string process;
  for (const auto& [k, v] : e.event.fields) {
    if (k == "process") process = v;
  }
  for (const auto& [k, v] : e.event.fields) {
    if (k == "process") {
      out->set_process(absl::StrCat("processes/", v));
    } else if (k == "application") {
      if (!v.empty())
        out->set_application(absl::StrCat("processes/", process, "/applications/", v));
    } else if (k == "stakeholder") {
      out->set_stakeholder(absl::StrCat("stakeholders/", v));
    } else if (k == "route") {
      out->set_route_id(v);
    } else if (k == "state") {
      out->set_state(v);
    } else if (k == "rights") {
      for (absl::string_view n : absl::StrSplit(v, ',', absl::SkipEmpty())) {
        int right = 0;
        if (absl::SimpleAtoi(n, &right) && type::v1::ParticipationRight_IsValid(right)) {
          out->add_rights(static_cast<type::v1::ParticipationRight>(right));
        }
      }
    } else if (k == "at") {
      MsToProto(v, out->mutable_commit_time());
    } else if (k == "reason") {
      out->set_reason(v);
    } else if (k == "by") {
      out->set_actor(v);
    } else if (k == "objecting_state") {
      out->set_objecting_state(absl::StrCat("states/", v));
    } else if (k == "grounds") {
      out->set_grounds(v);
    } else if (k == "valid_until") {
      if (!v.empty()) MsToProto(v, out->mutable_valid_until());
    }
  }
}

}  // namespace polylateral::accreditation
