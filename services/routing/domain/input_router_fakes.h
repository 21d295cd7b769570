#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_INPUT_ROUTER_FAKES_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_INPUT_ROUTER_FAKES_H_

// In-memory implementations of the ports the input use cases depend on, for domain tests
// (the real ones are exercised against Redis and real servers in tests/routing).

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "services/routing/domain/access_lookup.h"
#include "services/routing/domain/input_record.h"
#include "services/routing/domain/input_store.h"
#include "services/routing/domain/own_facts_source.h"
#include "services/routing/domain/registry_lookup.h"

namespace polylateral::routing::testing {

class TableRegistry final : public RegistryLookup {
 public:
  std::map<std::string, StakeholderInfo> stakeholders;
  std::vector<ProcessInfo> processes;

  absl::StatusOr<StakeholderInfo> Stakeholder(const std::string& id, absl::Time) override {
    auto it = stakeholders.find(id);
    if (it == stakeholders.end()) return NotFound("STAKEHOLDER_NOT_FOUND", id);
    return it->second;
  }
  absl::StatusOr<ProcessInfo> Process(const std::string& id, absl::Time) override {
    for (const auto& p : processes) {
      if (p.id == id) return p;
    }
    return NotFound("PROCESS_NOT_FOUND", id);
  }
  absl::StatusOr<std::vector<ProcessInfo>> AllProcesses(absl::Time) override { return processes; }
  absl::StatusOr<std::vector<NetworkFacts>> NetworksOf(const std::string&, absl::Time) override {
    return std::vector<NetworkFacts>{};
  }
};

// Answers from a list; a missing answer is NOT_ACCREDITED (as FindAccess says).
class TableAccess final : public AccessLookup {
 public:
  std::vector<AccessAnswer> answers;

  absl::StatusOr<AccessAnswer> Check(const std::string& stakeholder, const std::string& process,
                                     vocabulary::ParticipationRight right, absl::Time, absl::Time,
                                     bool) override {
    RoutingFacts f;
    f.access = answers;
    return FindAccess(f, stakeholder, process, right);
  }
};

class TableOwnFacts final : public OwnFactsSource {
 public:
  std::string version = "1";
  std::vector<Consultation> consultations;
  std::vector<RelayDeclaration> relays;
  int reads = 0;

  absl::StatusOr<OwnFactsSnapshot> Read(const std::string& state) override {
    ++reads;
    OwnFactsSnapshot out;
    out.version = version;
    for (const auto& c : consultations) {
      if (c.state == state) out.consultations.push_back(c);
    }
    out.relays = relays;
    return out;
  }
  absl::StatusOr<StoredConsultation> GetConsultation(const std::string& id) override {
    for (const auto& c : consultations) {
      if (c.consultation_id == id) return StoredConsultation{c.state, c};
    }
    return NotFound("CONSULTATION_NOT_FOUND", id);
  }
};

// A record as plain fields.
class PlainRecord final : public InputRecord {
 public:
  std::string name;
  Input input;
  std::vector<Route> routes;
  std::vector<Exclusion> exclusions;
  std::vector<std::string> changes;  // causes of route changes, oldest first
  vocabulary::StakeholderGroup author_group = vocabulary::StakeholderGroup::kUnspecified;
};

// Encodes a record as a key into a table of copies it keeps.
class PlainCodec final : public InputRecordCodec {
 public:
  static const PlainRecord& Of(const InputRecord& r) { return static_cast<const PlainRecord&>(r); }
  static PlainRecord& Of(InputRecord& r) { return static_cast<PlainRecord&>(r); }

  absl::StatusOr<std::unique_ptr<InputRecord>> Decode(const std::string& stored) const override {
    auto it = blobs_.find(stored);
    if (it == blobs_.end()) return absl::InternalError("no such record");
    return std::unique_ptr<InputRecord>(std::make_unique<PlainRecord>(it->second));
  }
  std::string Encode(const InputRecord& record) const override {
    std::string key = absl::StrCat("record-", blobs_.size());
    blobs_.emplace(key, Of(record));
    return key;
  }
  std::string EncodeRoute(const Route& route) const override { return route.destination; }
  absl::StatusOr<Input> Read(const InputRecord& record) const override { return Of(record).input; }
  std::string Name(const InputRecord& record) const override { return Of(record).name; }
  InputKind Kind(const InputRecord& record) const override { return Of(record).input.kind; }
  JointStatement Joint(const InputRecord& record) const override {
    return Of(record).input.joint.value_or(JointStatement{});
  }
  std::vector<Route> Routes(const InputRecord& record) const override { return Of(record).routes; }
  std::vector<Exclusion> Exclusions(const InputRecord& record) const override {
    return Of(record).exclusions;
  }
  std::unique_ptr<InputRecord> Stamped(const InputRecord& submitted,
                                       const SubmissionStamp& stamp) const override {
    auto out = std::make_unique<PlainRecord>(Of(submitted));
    out->name = absl::StrCat("inputs/", stamp.id);
    out->input.id = stamp.id;
    out->input.create_time = stamp.create_time;
    out->input.joint = stamp.joint;
    out->routes = stamp.decision.routes;
    out->exclusions = stamp.decision.exclusions;
    out->author_group = stamp.author_group;
    return out;
  }
  void SetJoint(InputRecord& record, const JointStatement& joint) const override {
    Of(record).input.joint = joint;
  }
  void Rerouted(InputRecord& record, const RouteChange& change, absl::Time) const override {
    Of(record).routes = change.decision.routes;
    Of(record).exclusions = change.decision.exclusions;
    Of(record).changes.push_back(change.cause);
  }

 private:
  mutable std::map<std::string, PlainRecord> blobs_;
};

// Inputs in a map, with the failures a Redis script reports injected on demand.
class MapInputStore final : public InputStore {
 public:
  std::map<std::string, StoredInput> inputs;
  std::vector<NewInput> submitted;                          // every accepted submission, in order
  std::map<std::string, std::vector<std::string>> inboxes;  // destination -> route records
  int refuse_facts = 0;      // the next submissions refused with FACTS_CHANGED
  int concurrent_races = 0;  // the next replacements that lose to another writer

  absl::StatusOr<std::string> Submit(const NewInput& in) override {
    if (refuse_facts > 0) {
      --refuse_facts;
      return Aborted("FACTS_CHANGED", "the routing facts changed");
    }
    submitted.push_back(in);
    inputs[in.id] = {in.record, 1, static_cast<int64_t>(in.routes.size()), 0};
    for (const auto& r : in.routes) inboxes[r.destination].push_back(r.record);
    return in.id;
  }
  absl::StatusOr<StoredInput> Get(const std::string& id) override {
    auto it = inputs.find(id);
    if (it == inputs.end()) return NotFound("INPUT_NOT_FOUND", id);
    return it->second;
  }
  absl::Status Replace(const std::string& id, int64_t version, const std::string& record) override {
    auto it = inputs.find(id);
    if (it == inputs.end()) return NotFound("INPUT_NOT_FOUND", id);
    if (concurrent_races > 0) {
      --concurrent_races;
      ++it->second.version;  // someone else wrote first
    }
    if (it->second.version != version) return Aborted("CONCURRENT_CHANGE", id);
    it->second.record = record;
    ++it->second.version;
    return absl::OkStatus();
  }
  absl::Status Reroute(const std::string& id, int64_t version, const std::string& record,
                       const std::vector<std::string>& withdrawn,
                       const std::vector<QueuedRoute>& added, int64_t route_count, absl::Time,
                       const std::string&) override {
    if (auto st = Replace(id, version, record); !st.ok()) return st;
    for (const auto& d : withdrawn) inboxes.erase(d);
    for (const auto& r : added) inboxes[r.destination].push_back(r.record);
    inputs[id].routes = route_count;
    return absl::OkStatus();
  }
  absl::StatusOr<std::vector<std::string>> ListIds(const std::string& author, int64_t,
                                                   int64_t) override {
    std::vector<std::string> out;
    for (const auto& n : submitted) {
      if (author.empty() || n.author_id == author) out.push_back(n.id);
    }
    return out;
  }
};

}  // namespace polylateral::routing::testing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_INPUT_ROUTER_FAKES_H_
