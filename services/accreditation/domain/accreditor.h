#ifndef POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_ACCREDITOR_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_ACCREDITOR_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/base/clock.h"
#include "common/base/principal.h"
#include "services/accreditation/domain/access_rules.h"
#include "services/accreditation/domain/accreditation_store.h"
#include "services/accreditation/domain/application_query.h"
#include "services/accreditation/domain/application_rules.h"
#include "services/accreditation/domain/notice_list_rules.h"
#include "services/accreditation/domain/registry_lookup.h"
#include "services/accreditation/domain/report.h"

namespace polylateral::accreditation {

inline constexpr size_t kMaxTextLength = 2000;
inline constexpr size_t kMaxQuestions = 20;

struct ApplicationListing {
  std::vector<Application> applications;
  std::string next_page_token;
};
struct AccreditationListing {
  std::vector<Accreditation> accreditations;
  std::string next_page_token;
};
struct StateObjectionListing {
  std::vector<StateObjection> objections;
  std::string next_page_token;
};
struct ObjectionListing {
  std::vector<Objection> visible;
  int total = 0;
};
struct NoticeListListing {
  std::vector<NoticeList> lists;
  std::string next_page_token;
};
struct AccessCheck {
  AccessDecision decision;
  std::optional<Accreditation> accreditation;
};

// "\"<version>\"": the etag of a record at `version`.
std::string EtagOf(int64_t version);

// The accreditation use cases: who may do what, the registry's word at creation and
// submission, the state machine, idempotent retries. Every method that writes does it through
// one atomic store transition. `deadline` bounds the registry calls.
class Accreditor final {
 public:
  Accreditor(AccreditationStore* store, RegistryLookup* registry, const Clock* clock)
      : store_(store), registry_(registry), clock_(clock) {}

  absl::StatusOr<Application> CreateApplication(const Principal& caller, const std::string& process,
                                                const std::string& stakeholder,
                                                const std::string& route_id,
                                                const std::string& request_id,
                                                const std::string& fingerprint,
                                                absl::Time deadline);
  absl::StatusOr<Application> Submit(const Principal& caller, const std::string& process,
                                     const std::string& id, const std::string& request_id,
                                     const std::string& fingerprint, absl::Time deadline);
  absl::StatusOr<Application> Get(const Principal& caller, const std::string& process,
                                  const std::string& id);
  // `query` as the caller gave it (CheckApplicationQuery runs here).
  absl::StatusOr<ApplicationListing> List(const Principal& caller, const std::string& process,
                                          const ApplicationQuery& query, int page_size,
                                          const std::string& page_token);
  absl::StatusOr<Application> Withdraw(const Principal& caller, const std::string& process,
                                       const std::string& id, const std::string& etag,
                                       const std::string& request_id,
                                       const std::string& fingerprint);
  absl::StatusOr<Application> Review(const Principal& caller, const std::string& process,
                                     const std::string& id, ReviewDecision decision,
                                     const std::vector<std::string>& questions,
                                     const std::string& reason, const std::string& etag,
                                     const std::string& request_id, const std::string& fingerprint,
                                     absl::Time deadline);
  absl::StatusOr<Application> Answer(const Principal& caller, const std::string& process,
                                     const std::string& id, const std::vector<std::string>& answers,
                                     const std::string& request_id, const std::string& fingerprint);

  // The process secretariat (or an operator): PERMISSION_DENIED NOT_SECRETARIAT; then
  // CorrectStatesPresentTransition's errors.
  absl::StatusOr<Application> CorrectStatesPresent(const Principal& caller,
                                                   const std::string& process,
                                                   const std::string& id, int states_present,
                                                   const std::string& etag,
                                                   const std::string& request_id,
                                                   const std::string& fingerprint);

  // Notice lists (accreditor_notice_lists.cc). Create and extend: the process secretariat or
  // an operator (PERMISSION_DENIED NOT_SECRETARIAT); `list_id` empty: a generated one;
  // `application_names`: `processes/{process}/applications/{a}` (INVALID_ARGUMENT
  // INVALID_NOTICE_LIST on notice_list.applications[i] otherwise).
  absl::StatusOr<NoticeList> CreateNoticeList(const Principal& caller, const std::string& process,
                                              const std::string& list_id,
                                              const std::vector<std::string>& application_names,
                                              absl::Time deadline, const std::string& request_id,
                                              const std::string& fingerprint);
  absl::StatusOr<NoticeList> GetNoticeList(const std::string& process, const std::string& id);
  absl::StatusOr<NoticeListListing> ListNoticeLists(const std::string& process, int page_size,
                                                    const std::string& page_token);
  absl::StatusOr<NoticeList> ExtendNoticeList(const Principal& caller, const std::string& process,
                                              const std::string& id, absl::Time deadline,
                                              const std::string& reason, const std::string& etag,
                                              const std::string& request_id,
                                              const std::string& fingerprint);

  absl::StatusOr<Objection> Lodge(const Principal& caller, const std::string& process,
                                  const std::string& id, const std::string& state,
                                  const std::string& grounds, const std::string& request_id,
                                  const std::string& fingerprint, absl::Time deadline);
  absl::StatusOr<Objection> WithdrawObjection(const Principal& caller, const std::string& process,
                                              const std::string& id, const std::string& state);
  absl::StatusOr<ObjectionListing> ListObjections(const Principal& caller,
                                                  const std::string& process,
                                                  const std::string& id);
  // A state's own objections across processes (MayListObjectionsOf); INVALID_ARGUMENT
  // UNKNOWN_STATE on `parent` for a code that is no UN member or observer state.
  absl::StatusOr<StateObjectionListing> ListStateObjections(const Principal& caller,
                                                            const std::string& iso2, int page_size,
                                                            const std::string& page_token);

  absl::StatusOr<Accreditation> GetAccreditation(const std::string& process,
                                                 const std::string& stakeholder);
  absl::StatusOr<AccreditationListing> ListAccreditations(const std::string& process, int page_size,
                                                          const std::string& page_token);
  absl::StatusOr<Accreditation> ChangeAccreditation(
      const Principal& caller, const std::string& process, const std::string& stakeholder,
      AccreditationAction action, const std::string& reason, const std::string& etag);

  // One store read; never asks the registry. `at` InfinitePast: now.
  absl::StatusOr<AccessCheck> CheckAccess(const std::string& stakeholder,
                                          const std::string& process,
                                          vocabulary::ParticipationRight right, absl::Time at);
  // `process` empty: across processes.
  absl::StatusOr<Report> GetReport(const Principal& caller, const std::string& process);

 private:
  // Reads the application, checks `allowed`, builds the transition and commits it; retries
  // on a concurrent change when the caller gave no etag; a replayed request_id (the caller's,
  // with the same fingerprint) returns the application as it is.
  template <typename Allowed, typename Build>
  absl::StatusOr<Application> Change(const Principal& caller, const std::string& process,
                                     const std::string& id, const std::string& etag,
                                     const std::string& op, const std::string& request_id,
                                     const std::string& fingerprint, Allowed allowed, Build build);
  absl::Time Now() const { return ToStoredPrecision(clock_->Now()); }

  AccreditationStore* const store_;
  RegistryLookup* const registry_;
  const Clock* const clock_;
};

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_ACCREDITOR_H_
