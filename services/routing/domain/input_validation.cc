#include "services/routing/domain/input_validation.h"

#include <set>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/base/errors.h"
#include "common/base/ids.h"
#include "common/base/text.h"
#include "common/vocabulary/themes.h"

namespace polylateral::routing {
namespace {

// Ids of the registry (processes, stakeholders) and of sub-resources (sessions "s1") share
// one shape; sub-resource ids may be short.
bool IsId(const std::string& id) { return IsReadableResourceId(id); }

std::string TooLarge(size_t got, size_t limit, absl::string_view unit) {
  return absl::StrCat("is ", got, " ", unit, "; the limit is ", limit, " ", unit);
}

void CheckTarget(const Input& in, Violations& v) {
  const Target& t = in.target;
  const bool needs_process = t.kind == TargetKind::kProcess || t.kind == TargetKind::kSession ||
                             t.kind == TargetKind::kThematicGroup;
  switch (t.kind) {
    case TargetKind::kProcess:
    case TargetKind::kSession:
    case TargetKind::kThematicGroup:
    case TargetKind::kWhereverItBelongs:
      break;
    default:
      v.Add("input.target.kind", "is required");
      return;
  }
  if (needs_process && !IsId(t.process_id)) {
    v.Add("input.target.process", "must be a process id");
  } else if (!needs_process && !t.process_id.empty()) {
    v.Add("input.target.process", "must be empty when the target is wherever it belongs");
  }
  if (t.kind == TargetKind::kSession) {
    if (!IsId(t.session_id)) v.Add("input.target.session", "must be a session id");
  } else if (!t.session_id.empty()) {
    v.Add("input.target.session", "is set only for a session target");
  }
  if (t.kind == TargetKind::kThematicGroup) {
    if (!IsId(t.group_id)) v.Add("input.target.thematic_group", "must be a thematic group id");
  } else if (!t.group_id.empty()) {
    v.Add("input.target.thematic_group", "is set only for a thematic group target");
  }
}

void CheckThemes(const Input& in, Violations& v) {
  if (in.themes.empty()) v.Add("input.themes", "at least one theme is required");
  if (in.themes.size() > kMaxThemes) {
    v.Add("input.themes", TooLarge(in.themes.size(), kMaxThemes, "themes"));
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < in.themes.size(); ++i) {
    const std::string field = absl::StrCat("input.themes[", i, "]");
    if (vocabulary::FindTheme(in.themes[i]) == nullptr) {
      v.Add(field, absl::StrCat("unknown theme \"", in.themes[i], "\""));
    } else if (!seen.insert(in.themes[i]).second) {
      v.Add(field, "is listed twice");
    }
  }
}

void CheckContent(const Input& in, Violations& v) {
  if (in.text.size() > kMaxTextBytes) {
    v.Add("input.text", TooLarge(in.text.size(), kMaxTextBytes, "bytes"));
  } else if (Utf8PrintableLength(in.text, /*allow_newlines=*/true) < 0) {
    v.Add("input.text", "must be UTF-8 without control characters other than newlines and tabs");
  }
  if (in.text.empty() && in.attachments.empty()) {
    v.Add("input.text", "is required unless the input has attachments");
  }
  if (in.title.size() > kMaxTitleBytes) {
    v.Add("input.title", TooLarge(in.title.size(), kMaxTitleBytes, "bytes"));
  } else if (Utf8PrintableLength(in.title) < 0) {
    v.Add("input.title", "must be UTF-8 without control characters");
  }
  if (!IsLanguageTag(in.language)) {
    v.Add("input.language", "must be a BCP 47 language tag such as \"en\" or \"pt-BR\"");
  }
  if (in.attachments.size() > kMaxAttachments) {
    v.Add("input.attachments", TooLarge(in.attachments.size(), kMaxAttachments, "attachments"));
  }
  for (size_t i = 0; i < in.attachments.size() && i < kMaxAttachments; ++i) {
    const AttachmentRef& a = in.attachments[i];
    const std::string field = absl::StrCat("input.attachments[", i, "]");
    if (a.uri.size() > kMaxAttachmentUriBytes) {
      v.Add(field + ".uri", TooLarge(a.uri.size(), kMaxAttachmentUriBytes, "bytes"));
    } else if (!LooksLikeHttpUrl(a.uri)) {
      v.Add(field + ".uri", "must be an absolute http(s) URL");
    }
    if (a.media_type.size() > kMaxMediaTypeBytes) {
      v.Add(field + ".media_type", TooLarge(a.media_type.size(), kMaxMediaTypeBytes, "bytes"));
    }
    if (a.size_bytes < 0 || a.size_bytes > kMaxAttachmentBytes) {
      v.Add(field + ".size_bytes", absl::StrCat("is ", a.size_bytes, " bytes; the limit is 0..",
                                                kMaxAttachmentBytes, " bytes"));
    }
  }
}

void CheckJoint(const Input& in, Violations& v) {
  if (in.kind != InputKind::kJointStatement) {
    if (in.joint.has_value()) v.Add("input.joint_statement", "is set only for a joint statement");
    return;
  }
  if (!in.joint.has_value()) {
    v.Add("input.joint_statement", "is required for a joint statement");
    return;
  }
  const JointStatement& js = *in.joint;
  if (js.lead_id != in.author_id) {
    v.Add("input.joint_statement.lead", "must be the input's author");
  }
  if (js.signatories.size() > kMaxSignatories) {
    v.Add("input.joint_statement.signatories",
          TooLarge(js.signatories.size(), kMaxSignatories, "signatories"));
    return;  // one message instead of hundreds
  }
  if (js.versions.size() > kMaxJointStatementVersions) {
    v.Add("input.joint_statement.versions",
          TooLarge(js.versions.size(), kMaxJointStatementVersions, "versions"));
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < js.signatories.size(); ++i) {
    const std::string& id = js.signatories[i].stakeholder_id;
    const std::string field = absl::StrCat("input.joint_statement.signatories[", i, "]");
    if (!IsId(id)) {
      v.Add(field, "must be a stakeholder id");
    } else if (id == js.lead_id) {
      v.Add(field, "the lead does not sign its own statement");
    } else if (!seen.insert(id).second) {
      v.Add(field, "is listed twice");
    }
  }
}

}  // namespace

bool IsLanguageTag(absl::string_view tag) {
  if (tag.empty() || tag.size() > kMaxLanguageTagBytes) return false;
  bool first = true;
  for (absl::string_view part : absl::StrSplit(tag, '-')) {
    if (first) {
      if (part.size() < 2 || part.size() > 3) return false;
      for (char c : part) {
        if (!absl::ascii_isalpha(static_cast<unsigned char>(c))) return false;
      }
      first = false;
      continue;
    }
    if (part.empty() || part.size() > 8) return false;
    for (char c : part) {
      if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) return false;
    }
  }
  return true;
}

absl::Status ValidateInput(const Input& in) {
  Violations v;
  switch (in.kind) {
    case InputKind::kWrittenSubmission:
    case InputKind::kStatementRequest:
    case InputKind::kConsultationResponse:
    case InputKind::kJointStatement:
      break;
    default:
      v.Add("input.kind", "is required");
  }
  if (!IsId(in.author_id)) v.Add("input.author", "must be a stakeholder id");
  if (in.kind == InputKind::kConsultationResponse) {
    if (!IsId(in.consultation_id)) {
      v.Add("input.consultation", "a consultation response names its consultation");
    }
  } else if (!in.consultation_id.empty()) {
    v.Add("input.consultation", "is set only for a consultation response");
  }
  CheckTarget(in, v);
  CheckThemes(in, v);
  CheckContent(in, v);
  CheckJoint(in, v);
  return v.ToStatus(kInvalidInputReason);
}

}  // namespace polylateral::routing
