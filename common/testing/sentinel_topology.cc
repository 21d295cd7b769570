#include "common/testing/sentinel_topology.h"

#include <cstdio>
#include <cstdlib>

#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "common/testing/wait_for.h"

namespace polylateral::testing {
namespace {

[[noreturn]] void Abort(const char* what) {
  std::fprintf(stderr, "SentinelTopology: %s\n", what);
  std::abort();
}

}  // namespace

SentinelTopology::SentinelTopology() {
  nodes_.push_back(std::make_unique<RedisServer>(RedisAcl::kServiceUsers));
  // Replicas sync at once rather than after Redis's default 5 s wait for more of them.
  nodes_[0]->AddArguments({"--repl-diskless-sync-delay", "0"});
  for (int i = 0; i < 2; ++i) {
    nodes_.push_back(std::make_unique<RedisServer>());
    nodes_.back()->ReplicateFrom(*nodes_[0]);
  }
}

void SentinelTopology::Start() {
  for (auto& n : nodes_) n->Start();
  if (!WaitFor(absl::Seconds(20), [&] { return ConnectedReplicas(*nodes_[0]) == 2; })) {
    Abort("the replicas never finished their initial sync");
  }
  for (int i = 0; i < 3; ++i) {
    sentinels_.push_back(std::make_unique<RedisSentinel>(*nodes_[0], kMasterName, 2, 2000));
  }
  for (const auto& s : sentinels_) {
    if (!WaitFor(absl::Seconds(30), [&] { return KnownReplicas(s->address()) == 2; })) {
      Abort("a sentinel never saw both replicas");
    }
  }
}

std::vector<std::string> SentinelTopology::SentinelAddresses() const {
  std::vector<std::string> out;
  for (const auto& s : sentinels_) out.push_back(s->address());
  return out;
}

redis::RedisOptions SentinelTopology::ServiceOptions(const std::string& user,
                                                     int min_replicas_ack) const {
  redis::RedisOptions o = nodes_[0]->Options(user);
  o.address = "127.0.0.1:1";  // never used in Sentinel mode
  o.sentinels = SentinelAddresses();
  o.master_name = kMasterName;
  o.min_replicas_ack = min_replicas_ack;
  o.connect_timeout = absl::Milliseconds(500);
  return o;
}

absl::StatusOr<std::string> SentinelTopology::CurrentPrimary() const {
  return redis::RedisClient(ServiceOptions("admin", 0), nullptr).PrimaryAddress();
}

absl::StatusOr<redis::RedisOptions> SentinelTopology::AdminOnCurrentPrimary() const {
  auto primary = CurrentPrimary();
  if (!primary.ok()) return primary.status();
  redis::RedisOptions o = nodes_[1]->Options("admin");
  o.address = *primary;
  return o;
}

int SentinelTopology::ConnectedReplicas(const RedisServer& node) {
  auto info = redis::RedisClient(node.Options(), nullptr).Command({"INFO", "replication"});
  if (!info.ok() || !info->is_string()) return -1;
  int online = 0;
  for (size_t at = 0; (at = info->str().find("state=online", at)) != absl::string_view::npos;
       ++at) {
    ++online;
  }
  return online;
}

int SentinelTopology::KnownReplicas(const std::string& sentinel) {
  redis::RedisOptions o;
  o.address = sentinel;
  auto r = redis::RedisClient(o, nullptr).Command({"SENTINEL", "replicas", kMasterName});
  if (!r.ok() || !r->is_array()) return -1;
  int ready = 0;
  for (size_t i = 0; i < r->size(); ++i) {
    redis::ReplyView replica = (*r)[i];
    bool flags_ok = false, link_ok = false;
    for (size_t k = 0; k + 1 < replica.size(); k += 2) {
      if (replica[k].str() == "flags") flags_ok = replica[k + 1].str() == "slave";
      if (replica[k].str() == "master-link-status") link_ok = replica[k + 1].str() == "ok";
    }
    ready += flags_ok && link_ok;
  }
  return ready;
}

}  // namespace polylateral::testing
