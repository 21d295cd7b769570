#ifndef POLYLATERAL_COMMON_TESTING_SENTINEL_TOPOLOGY_H_
#define POLYLATERAL_COMMON_TESTING_SENTINEL_TOPOLOGY_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/redis/redis_client.h"
#include "common/testing/redis_server.h"

namespace polylateral::testing {

// The deployed Redis shape on loopback, all real processes: a primary with the suite's ACL
// users, two replicas and three sentinels (quorum 2, down after 2 s), as in Kubernetes.
class SentinelTopology final {
 public:
  static constexpr char kMasterName[] = "polylateral";

  SentinelTopology();
  // Starts every process and waits (bounded) until both replicas are in sync and every
  // sentinel knows both of them (a sentinel promotes only replicas it has heard of).
  // Aborts the test binary when the shape cannot be reached.
  void Start();

  std::vector<std::string> SentinelAddresses() const;
  // `user`'s options in Sentinel mode: the services' way to reach the current primary.
  redis::RedisOptions ServiceOptions(const std::string& user, int min_replicas_ack) const;
  // The data nodes: 0 started as the primary (after a failover it is not the primary any
  // more), 1 and 2 as its replicas.
  RedisServer& node(int i) { return *nodes_[i]; }
  // The current primary's address as the sentinels give it.
  absl::StatusOr<std::string> CurrentPrimary() const;
  // The admin user's options on the current primary.
  absl::StatusOr<redis::RedisOptions> AdminOnCurrentPrimary() const;

  // Replicas done with their initial sync on `node` (only those acknowledge writes); -1 when
  // the node does not answer.
  static int ConnectedReplicas(const RedisServer& node);
  // Replicas `sentinel` is connected to and has seen linked to the primary.
  static int KnownReplicas(const std::string& sentinel);

 private:
  std::vector<std::unique_ptr<RedisServer>> nodes_;
  std::vector<std::unique_ptr<RedisSentinel>> sentinels_;
};

}  // namespace polylateral::testing

#endif  // POLYLATERAL_COMMON_TESTING_SENTINEL_TOPOLOGY_H_
