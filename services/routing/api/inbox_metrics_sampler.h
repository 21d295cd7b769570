#ifndef POLYLATERAL_SERVICES_ROUTING_API_INBOX_METRICS_SAMPLER_H_
#define POLYLATERAL_SERVICES_ROUTING_API_INBOX_METRICS_SAMPLER_H_

#include <array>
#include <thread>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/base/clock.h"
#include "prometheus/gauge.h"
#include "prometheus/registry.h"
#include "services/routing/domain/inbox_destination.h"
#include "services/routing/store/inbox_figures_store.h"

namespace polylateral::routing {

struct InboxMetricsOptions {
  // How often the gauges are refreshed (--inbox_metrics_interval).
  absl::Duration interval = absl::Seconds(15);
  // Inboxes read per script call: each costs Redis five O(1) commands, so one call holds
  // Redis well under a millisecond.
  int page = 200;
  // The most inboxes one sample reads (pages × page): a deployment with more gets the figures
  // of the first ones in lexical order, and a warning in the log, rather than a sample that
  // grows without bound.
  int max_inboxes = 20000;
};

// The operators' delivery gauges on /metrics, per kind of inbox (InboxKind: the label `kind`
// is process_channel, state, network or clearing_house, never an id), every series created at
// start-up:
//   polylateral_routing_inbox_depth{kind}               entries not yet handed out to a reader
//   polylateral_routing_inbox_pending{kind}             handed out, not acknowledged
//   polylateral_routing_inbox_oldest_age_seconds{kind}  of the oldest entry undelivered or
//                                                       pending (0: none)
//   polylateral_routing_dead_letters{kind}              entries on the dead-letter lists
// One sampler per replica reads the index of inboxes every `interval` and sets them; replicas
// agree (they read the same Redis), so dashboards take max() over instances.
class InboxMetricsSampler final {
 public:
  InboxMetricsSampler(prometheus::Registry& registry, RedisInboxFiguresStore* store,
                      const Clock* clock, InboxMetricsOptions options);
  ~InboxMetricsSampler();
  InboxMetricsSampler(const InboxMetricsSampler&) = delete;
  InboxMetricsSampler& operator=(const InboxMetricsSampler&) = delete;

  void Start();
  // Stops the thread after its current sample. Idempotent.
  void Stop();
  // Reads every inbox (up to max_inboxes) and sets the gauges; on a Redis error the gauges
  // keep the last sample's values.
  absl::Status SampleOnce();

 private:
  struct KindGauges {
    prometheus::Gauge* depth = nullptr;
    prometheus::Gauge* pending = nullptr;
    prometheus::Gauge* oldest_age = nullptr;
    prometheus::Gauge* dead_letters = nullptr;
  };
  void Loop();

  RedisInboxFiguresStore* const store_;
  const Clock* const clock_;
  const InboxMetricsOptions options_;
  std::array<KindGauges, kInboxKinds.size()> gauges_{};
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_API_INBOX_METRICS_SAMPLER_H_
