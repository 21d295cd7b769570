#ifndef POLYLATERAL_SERVICES_ACCREDITATION_STORE_REDIS_ACCREDITATION_STORE_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_STORE_REDIS_ACCREDITATION_STORE_H_

#include "common/redis/redis_client.h"
#include "services/accreditation/domain/accreditation_store.h"

namespace polylateral::accreditation {

// AccreditationStore on Redis (keys in accreditation_keys.h): every write one Lua script that
// checks its guards before its first write; CheckAccess's read is one HGETALL.
class RedisAccreditationStore final : public AccreditationStore {
 public:
  explicit RedisAccreditationStore(redis::RedisClient* redis);

  absl::StatusOr<Application> GetApplication(const std::string& process,
                                             const std::string& id) override;
  absl::StatusOr<Page<Application>> ListApplications(const std::string& process,
                                                     const std::string& cursor, int limit) override;
  absl::StatusOr<Application> Commit(const Transition& t) override;
  absl::StatusOr<std::vector<Objection>> ListObjections(const std::string& process,
                                                        const std::string& app) override;
  absl::Status LodgeObjection(const ObjectionChange& c) override;
  absl::Status WithdrawObjection(const ObjectionChange& c) override;
  absl::StatusOr<Accreditation> GetAccreditation(const std::string& process,
                                                 const std::string& stakeholder) override;
  absl::StatusOr<Page<Accreditation>> ListAccreditations(const std::string& process,
                                                         const std::string& cursor,
                                                         int limit) override;
  absl::StatusOr<Accreditation> CommitAccreditation(const AccreditationChange& c) override;
  absl::StatusOr<bool> RequestSeen(const std::string& token) override;
  absl::StatusOr<ReportCounters> ReadCounters(const std::string& process) override;

  // The schedule member of an entry ("notice|<p>|<a>", "expire|<p>|<sh>").
  static std::string DueMember(DueKind kind, const std::string& process, const std::string& id);

 private:
  absl::Status ChangeObjection(const ObjectionChange& c, const char* mode);

  redis::RedisClient* const redis_;
  redis::RedisScript commit_;
  redis::RedisScript objection_;
  redis::RedisScript acc_commit_;
  redis::RedisScript report_;
};

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_STORE_REDIS_ACCREDITATION_STORE_H_
