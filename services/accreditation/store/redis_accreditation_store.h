#ifndef POLYLATERAL_SERVICES_ACCREDITATION_STORE_REDIS_ACCREDITATION_STORE_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_STORE_REDIS_ACCREDITATION_STORE_H_

#include <optional>

#include "common/redis/redis_client.h"
#include "common/redis/tracked_cache.h"
#include "services/accreditation/domain/accreditation_store.h"

namespace polylateral::accreditation {

// AccreditationStore on Redis (keys in accreditation_keys.h): every write one Lua script that
// checks its guards before its first write; CheckAccess's read is one HMGET.
//
// GetAccreditation (CheckAccess's hot path, asked by routing for every input) reads through an
// optional TrackedCache of accreditations and of their absence, kept coherent by Redis's
// client-side caching on the "{acc}:acc:" prefix (common/redis/invalidation_listener.h):
// writes by any replica, script or scheduler reach it as soon as Redis's invalidation does,
// and this replica's own writes drop their key at once.
class RedisAccreditationStore final : public AccreditationStore {
 public:
  // nullopt: no accreditation (a cached NOT_FOUND).
  using Cache = redis::TrackedCache<std::optional<Accreditation>>;
  // `cache` may be null (no caching); it must outlive the store.
  explicit RedisAccreditationStore(redis::RedisClient* redis, Cache* cache = nullptr);

  absl::StatusOr<Application> GetApplication(const std::string& process,
                                             const std::string& id) override;
  // A filtered or deadline-ordered query reads the smallest index of its filters (or the
  // deadline index) and checks the other filters per record, examining at most
  // kMaxExaminedPerPage records per call.
  absl::StatusOr<Page<Application>> ListApplications(const std::string& process,
                                                     const ApplicationQuery& query,
                                                     const std::string& cursor, int limit) override;
  absl::StatusOr<Application> Commit(const Transition& t) override;
  absl::StatusOr<std::vector<Objection>> ListObjections(const std::string& process,
                                                        const std::string& app) override;
  absl::StatusOr<Page<StateObjection>> ListStateObjections(const std::string& iso2,
                                                           const std::string& cursor,
                                                           int limit) override;
  absl::Status LodgeObjection(const ObjectionChange& c) override;
  absl::Status WithdrawObjection(const ObjectionChange& c) override;
  absl::StatusOr<Accreditation> GetAccreditation(const std::string& process,
                                                 const std::string& stakeholder) override;
  absl::StatusOr<Page<Accreditation>> ListAccreditations(const std::string& process,
                                                         const std::string& cursor,
                                                         int limit) override;
  absl::StatusOr<Accreditation> CommitAccreditation(const AccreditationChange& c) override;
  absl::StatusOr<bool> RequestSeen(const std::string& token,
                                   const std::string& fingerprint) override;
  absl::StatusOr<ReportCounters> ReadCounters(const std::string& process) override;
  // Notice lists: redis_notice_lists.cc.
  absl::StatusOr<NoticeList> GetNoticeList(const std::string& process,
                                           const std::string& id) override;
  absl::StatusOr<Page<NoticeList>> ListNoticeLists(const std::string& process,
                                                   const std::string& cursor, int limit) override;
  absl::StatusOr<NoticeList> WriteNoticeList(const NoticeListWrite& w) override;

  // The most records one filtered ListApplications call reads before it answers (a short
  // page with a token when it stopped there).
  static constexpr int kMaxExaminedPerPage = 1000;

  // The schedule member of an entry ("notice|<p>|<a>", "expire|<p>|<sh>").
  static std::string DueMember(DueKind kind, const std::string& process, const std::string& id);

 private:
  absl::Status ChangeObjection(const ObjectionChange& c, const char* mode);
  // The applications of index `key` in lex range (cursor, max], read and decoded in order,
  // at most `n`: {member, application}; a member whose record is gone has no application.
  absl::StatusOr<std::vector<std::pair<std::string, std::optional<Application>>>> ReadRange(
      const std::string& process, const std::string& key, const std::string& cursor,
      const std::string& max, int n);
  // The index a filtered query reads: the smallest of its filters' indexes (built once for
  // applications stored before them), or the deadline index for the deadline order.
  absl::StatusOr<std::string> DrivingIndex(const std::string& process, const ApplicationQuery& q);
  // Drops the cached accreditation of (process, stakeholder) after a write to it.
  void Forget(const std::string& process, const std::string& stakeholder);

  redis::RedisClient* const redis_;
  Cache* const cache_;
  redis::RedisMetrics::CacheCounters cache_counters_;
  redis::RedisScript commit_;
  redis::RedisScript objection_;
  redis::RedisScript acc_commit_;
  redis::RedisScript report_;
  redis::RedisScript notice_list_;
  redis::RedisScript index_build_;
};

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_STORE_REDIS_ACCREDITATION_STORE_H_
