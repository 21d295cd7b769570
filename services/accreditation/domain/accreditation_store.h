#ifndef POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_ACCREDITATION_STORE_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_ACCREDITATION_STORE_H_

// What the accreditation rules need from storage. The rules compute a transition (the new
// record and everything that goes with it); the store applies it atomically after checking
// its guards, or applies nothing. The Redis implementation lives in store/.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/accreditation/domain/application_query.h"
#include "services/accreditation/domain/notice_list.h"
#include "services/accreditation/domain/types.h"

namespace polylateral::accreditation {

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_cursor;  // empty at the end
};

// One entry of the event stream (schema in store/accreditation_keys.h).
struct Event {
  std::string type;
  std::vector<std::pair<std::string, std::string>> fields;
};

// A transparency counter: `process_field` in the process's figures, `global_field` (when
// not empty) in the figures across processes.
struct CounterDelta {
  std::string process_field;
  std::string global_field;
  int64_t delta = 1;
};

enum class DueKind { kNotice, kReminder, kExpiry };

// One change of an application, applied all or nothing.
struct Transition {
  // The stored version must equal this (0: the application must not exist yet).
  int64_t expected_version = 0;
  // Non-empty: a replay within 24 h applies nothing and returns the stored application
  // (INVALID_ARGUMENT REQUEST_ID_REUSED when its request_fingerprint differs).
  std::string request_id;
  std::string request_fingerprint;  // opaque; empty: not compared
  Application application;          // the new record; its version is expected_version + 1
  // Create: fails with APPLICATION_PENDING / ALREADY_ACCREDITED when the stakeholder has an
  // open application or an active accreditation in the process; records this one as open.
  bool claim_open = false;
  // The application reached a terminal state: the stakeholder may apply again.
  bool release_open = false;
  // Approval: the accreditation written with it (and its expiry scheduled).
  std::optional<Accreditation> grant;
  // Schedule entries of this application: removed ones, then added ones.
  std::vector<DueKind> due_remove;
  std::vector<std::pair<DueKind, absl::Time>> due_add;
  std::vector<CounterDelta> counters;
  // A decision: its time from submission, for the percentiles.
  std::optional<absl::Duration> decision_duration;
  std::vector<Event> events;
};

// Lodging or withdrawing an objection, guarded by the application being in its notice period
// at `now`.
struct ObjectionChange {
  std::string process;
  std::string application;
  Objection objection;
  absl::Time now;
  std::string request_id;
  std::string request_fingerprint;  // as Transition's
  std::vector<CounterDelta> counters;
  Event event;
};

// A change of an accreditation's status.
struct AccreditationChange {
  int64_t expected_version = 0;
  Accreditation accreditation;  // the new record
  bool remove_expiry = false;
  Event event;
};

// Raw transparency counters and decision-time percentiles of one scope.
struct ReportCounters {
  std::vector<std::pair<std::string, int64_t>> fields;
  int64_t decisions = 0;
  double p50_seconds = 0;
  double p90_seconds = 0;
};

// Creating (expected_version 0) or extending a notice list, all or nothing. Creating puts
// each application on the list: it must be in its notice period at `now` on a non-objection
// route and on no list. Both move the notice end of the list's applications still in notice
// (their schedule entry, due_time and notice_end) to the list's deadline; extending also
// requires the stored deadline not to have passed at `now`. Each write is an audit entry
// (docs/audit.md) by the list's creator, or by the extension it adds, with that reason.
struct NoticeListWrite {
  int64_t expected_version = 0;
  NoticeList list;  // the new record; its version is expected_version + 1
  absl::Time now;
  std::string request_id;           // scoped token; a replay returns the stored list
  std::string request_fingerprint;  // as Transition's
};

class AccreditationStore {
 public:
  virtual ~AccreditationStore() = default;

  // NOT_FOUND APPLICATION_NOT_FOUND. Carries the objection count.
  virtual absl::StatusOr<Application> GetApplication(const std::string& process,
                                                     const std::string& id) = 0;
  // The applications of `process` matching `query`, in its order, after `cursor` (empty:
  // from the start). A page may be short, or empty with a cursor, when the store stopped
  // after examining its bound of candidates; next_cursor is empty only at the end.
  virtual absl::StatusOr<Page<Application>> ListApplications(const std::string& process,
                                                             const ApplicationQuery& query,
                                                             const std::string& cursor,
                                                             int limit) = 0;
  // ABORTED ETAG_MISMATCH when the version moved on; ALREADY_EXISTS as described above.
  // Returns the stored application (the first one on a replay).
  virtual absl::StatusOr<Application> Commit(const Transition& t) = 0;

  virtual absl::StatusOr<std::vector<Objection>> ListObjections(const std::string& process,
                                                                const std::string& app) = 0;
  // The objections in force that state `iso2` lodged, across applications and processes, in
  // lodging order after `cursor`.
  virtual absl::StatusOr<Page<StateObjection>> ListStateObjections(const std::string& iso2,
                                                                   const std::string& cursor,
                                                                   int limit) = 0;
  // FAILED_PRECONDITION NOT_IN_NOTICE_PERIOD; ALREADY_EXISTS OBJECTION_EXISTS (lodge);
  // NOT_FOUND OBJECTION_NOT_FOUND (withdraw). A lodge replayed by request_id is OK.
  virtual absl::Status LodgeObjection(const ObjectionChange& c) = 0;
  virtual absl::Status WithdrawObjection(const ObjectionChange& c) = 0;

  // NOT_FOUND ACCREDITATION_NOT_FOUND.
  virtual absl::StatusOr<Accreditation> GetAccreditation(const std::string& process,
                                                         const std::string& stakeholder) = 0;
  virtual absl::StatusOr<Page<Accreditation>> ListAccreditations(const std::string& process,
                                                                 const std::string& cursor,
                                                                 int limit) = 0;
  virtual absl::StatusOr<Accreditation> CommitAccreditation(const AccreditationChange& c) = 0;

  // Whether an idempotency token (Transition::request_id) was applied in the last 24 h;
  // INVALID_ARGUMENT REQUEST_ID_REUSED when it was, for a request with another fingerprint.
  virtual absl::StatusOr<bool> RequestSeen(const std::string& token,
                                           const std::string& fingerprint) = 0;

  // `process` empty: across processes.
  virtual absl::StatusOr<ReportCounters> ReadCounters(const std::string& process) = 0;

  // NOT_FOUND NOTICE_LIST_NOT_FOUND.
  virtual absl::StatusOr<NoticeList> GetNoticeList(const std::string& process,
                                                   const std::string& id) = 0;
  // In creation order.
  virtual absl::StatusOr<Page<NoticeList>> ListNoticeLists(const std::string& process,
                                                           const std::string& cursor,
                                                           int limit) = 0;
  // ALREADY_EXISTS NOTICE_LIST_EXISTS; NOT_FOUND NOTICE_LIST_NOT_FOUND (extend) or
  // APPLICATION_NOT_FOUND; FAILED_PRECONDITION WRONG_STATE (an application not in its notice
  // period on a non-objection route), APPLICATION_ON_LIST, DEADLINE_PASSED; ABORTED
  // ETAG_MISMATCH. Returns the stored list (the first one on a replay).
  virtual absl::StatusOr<NoticeList> WriteNoticeList(const NoticeListWrite& w) = 0;
};

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_ACCREDITATION_STORE_H_
