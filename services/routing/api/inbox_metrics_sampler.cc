#include "services/routing/api/inbox_metrics_sampler.h"

#include <algorithm>
#include <string>

#include "common/log/log.h"
#include "services/routing/domain/inbox_figures.h"

namespace polylateral::routing {
namespace {

prometheus::Family<prometheus::Gauge>& Family(prometheus::Registry& registry, const char* name,
                                              const char* help) {
  return prometheus::BuildGauge().Name(name).Help(help).Register(registry);
}

}  // namespace

InboxMetricsSampler::InboxMetricsSampler(prometheus::Registry& registry,
                                         RedisInboxFiguresStore* store, const Clock* clock,
                                         InboxMetricsOptions options)
    : store_(store), clock_(clock), options_(options) {
  auto& depth = Family(registry, "polylateral_routing_inbox_depth",
                       "Inbox entries not yet handed out to a reader, by kind of inbox");
  auto& pending = Family(registry, "polylateral_routing_inbox_pending",
                         "Inbox entries handed out and not acknowledged, by kind of inbox");
  auto& oldest = Family(registry, "polylateral_routing_inbox_oldest_age_seconds",
                        "Age of the oldest inbox entry undelivered or pending, by kind of inbox");
  auto& dead = Family(registry, "polylateral_routing_dead_letters",
                      "Entries on the dead-letter lists, by kind of inbox");
  for (InboxKind kind : kInboxKinds) {
    const prometheus::Labels labels = {{"kind", std::string(InboxKindName(kind))}};
    KindGauges& g = gauges_[static_cast<size_t>(kind)];
    g.depth = &depth.Add(labels);
    g.pending = &pending.Add(labels);
    g.oldest_age = &oldest.Add(labels);
    g.dead_letters = &dead.Add(labels);
  }
}

InboxMetricsSampler::~InboxMetricsSampler() { Stop(); }

void InboxMetricsSampler::Start() {
  absl::MutexLock lock(&mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void InboxMetricsSampler::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

absl::Status InboxMetricsSampler::SampleOnce() {
  InboxTotals totals(clock_->Now());
  std::string after;
  int read = 0;
  // Bounded: at most max_inboxes inboxes, in script calls of `page` inboxes each.
  while (read < options_.max_inboxes) {
    auto page = store_->Page(after, std::min(options_.page, options_.max_inboxes - read));
    if (!page.ok()) return page.status();
    for (const InboxFigures& inbox : page->inboxes) totals.Add(inbox);
    read += static_cast<int>(page->inboxes.size());
    if (page->next.empty()) break;
    after = page->next;
  }
  if (read >= options_.max_inboxes) {
    log::Warning("inbox metrics cover the first inboxes only", {{"inboxes", read}});
  }
  for (InboxKind kind : kInboxKinds) {
    const InboxKindTotals& t = totals.of(kind);
    KindGauges& g = gauges_[static_cast<size_t>(kind)];
    g.depth->Set(static_cast<double>(t.depth));
    g.pending->Set(static_cast<double>(t.pending));
    g.oldest_age->Set(t.oldest_age_seconds);
    g.dead_letters->Set(static_cast<double>(t.dead_letters));
  }
  return absl::OkStatus();
}

void InboxMetricsSampler::Loop() {
  // Inboxes of inputs stored before the index existed: indexed once, before the first sample.
  absl::Status built = store_->BuildIndex(options_.page, [this] {
    absl::MutexLock lock(&mu_);
    return stopping_;
  });
  if (!built.ok()) {
    // Sampled anyway; the next replica start tries again.
    log::Warning("inbox index not built", {{"error", built.ToString()}});
  }
  for (;;) {
    if (absl::Status st = SampleOnce(); !st.ok()) {
      // Redis away: the gauges keep their last values; Redis's own alerts say why.
      log::Warning("inbox metrics sample failed", {{"error", st.ToString()}});
    }
    absl::MutexLock lock(&mu_);
    mu_.AwaitWithTimeout(absl::Condition(&stopping_), options_.interval);
    if (stopping_) return;
  }
}

}  // namespace polylateral::routing
