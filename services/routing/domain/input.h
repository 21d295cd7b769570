#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_INPUT_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_INPUT_H_

// What a stakeholder submits: the input record the routing service keeps, its size limits,
// and the joint-statement signatory rules. Ids are bare ("acme", "oewg"); the API adds and
// strips resource-name prefixes.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace polylateral::routing {

// Limits every input is checked against; the API documents the same numbers. Each is a
// named constant so that an INVALID_ARGUMENT can quote the limit a caller exceeded.
inline constexpr size_t kMaxTextBytes = 200'000;  // about 30,000 English words
inline constexpr size_t kMaxTitleBytes = 500;
inline constexpr size_t kMaxAttachments = 20;
inline constexpr int64_t kMaxAttachmentBytes = 50LL * 1024 * 1024;
inline constexpr size_t kMaxAttachmentUriBytes = 2048;
inline constexpr size_t kMaxMediaTypeBytes = 255;  // RFC 6838: type and subtype 127 each
inline constexpr size_t kMaxSignatories = 300;
inline constexpr size_t kMaxThemes = 10;
inline constexpr size_t kMaxLanguageTagBytes = 35;  // BCP 47's practical maximum
inline constexpr size_t kMaxJointStatementVersions = 100;

enum class InputKind {
  kUnspecified = 0,
  kWrittenSubmission = 1,
  kStatementRequest = 2,      // a request for the floor: needs the oral-statements right
  kConsultationResponse = 3,  // an answer to one state's consultation
  kJointStatement = 4,        // a lead plus confirmed signatories
};

// Where the author wants the input to go. kWhereverItBelongs lets the policy find the
// processes and groups that own the input's themes.
enum class TargetKind {
  kUnspecified = 0,
  kProcess = 1,
  kSession = 2,
  kThematicGroup = 3,
  kWhereverItBelongs = 4,
};

struct Target {
  TargetKind kind = TargetKind::kUnspecified;
  std::string process_id;  // kProcess, kSession, kThematicGroup
  std::string session_id;  // kSession only
  std::string group_id;    // kThematicGroup only
};

// A reference to a file held elsewhere (the routing service stores no blobs).
struct AttachmentRef {
  std::string uri;  // https:// or a storage URI
  std::string media_type;
  int64_t size_bytes = 0;
};

// A signatory's life: invited by the lead, then confirmed or declined by the signatory;
// a confirmed signatory may withdraw. Only kConfirmed signatories are ever listed.
enum class SignatoryState {
  kUnspecified = 0,
  kInvited = 1,
  kConfirmed = 2,
  kDeclined = 3,
  kWithdrawn = 4,
};

struct Signatory {
  std::string stakeholder_id;
  SignatoryState state = SignatoryState::kUnspecified;
  absl::Time invite_time = absl::InfinitePast();
  absl::Time confirm_time = absl::InfinitePast();  // set when confirmed
  // The published version current when the signatory confirmed; 0 before publication, so
  // a reader can tell who joined after publication.
  int64_t joined_at_version = 0;
};

// One published text of a joint statement with the signatories listed at that moment.
// Versions are kept so that a later edit never rewrites what signatories put their names to.
struct JointStatementVersion {
  int64_t version = 0;  // 1, 2, ...
  std::string text;
  absl::Time publish_time = absl::InfinitePast();
  std::vector<std::string> listed_signatories;  // confirmed at publication, in confirm order
};

struct JointStatement {
  // The lead organisation or network; it is also the input's author and the one whose
  // standing routes the statement (signatories never multiply routes).
  std::string lead_id;
  std::vector<Signatory> signatories;
  std::vector<JointStatementVersion> versions;  // empty until first publication
};

struct Input {
  std::string id;
  InputKind kind = InputKind::kUnspecified;
  std::string author_id;  // the lead for a joint statement
  std::string title;
  std::vector<std::string> themes;  // theme ids from the registry taxonomy
  std::string language;             // BCP 47 tag, e.g. "en", "fr", "pt-BR"
  Target target;
  std::string consultation_id;  // required for kConsultationResponse, empty otherwise
  std::string text;             // UTF-8
  std::vector<AttachmentRef> attachments;
  std::optional<JointStatement> joint;  // present exactly for kJointStatement
  absl::Time create_time = absl::InfinitePast();
  int64_t version = 0;
};

absl::string_view InputKindName(InputKind k);
absl::string_view SignatoryStateName(SignatoryState s);

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_INPUT_H_
