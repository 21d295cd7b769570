#include "services/composition/delegation/delegation_book.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/base/errors.h"
#include "common/base/request_ids.h"
#include "services/composition/delegation/delegation_rules.h"
#include "services/composition/delegation/member_snapshot.h"

namespace polylateral::composition {
namespace {

constexpr char kPrefix[] = "delegation.";

absl::Status CheckEtag(const Delegation& current, const std::string& etag, bool required) {
  if (etag.empty()) {
    if (!required) return absl::OkStatus();
    return InvalidArgument("INVALID_DELEGATION", "delegation.etag", "is required");
  }
  if (ParseDelegationEtag(etag) != current.version) {
    return Aborted("ETAG_MISMATCH", "the delegation was changed concurrently; read it again");
  }
  return absl::OkStatus();
}

}  // namespace

std::string DelegationEtag(const Delegation& d) { return absl::StrCat("\"", d.version, "\""); }

int64_t ParseDelegationEtag(const std::string& etag) {
  absl::string_view s = etag;
  if (!absl::ConsumePrefix(&s, "\"") || !absl::ConsumeSuffix(&s, "\"")) return -1;
  int64_t v = 0;
  return absl::SimpleAtoi(s, &v) && v > 0 ? v : -1;
}

absl::StatusOr<Delegation> DelegationBook::Get(RegistryLookup& registry, const DelegationKey& key) {
  auto d = store_->Get(key.process_id, key.session_id, key.state);
  if (d.ok()) MarkDeletedMembers(registry, {&*d});
  return d;
}

absl::StatusOr<DelegationPage> DelegationBook::List(RegistryLookup& registry,
                                                    const std::string& process_id,
                                                    const std::string& session_id,
                                                    const std::string& cursor, int limit) {
  auto page = store_->List(process_id, session_id, cursor, limit);
  if (!page.ok()) return page;
  std::vector<Delegation*> items;
  for (Delegation& d : page->items) items.push_back(&d);
  MarkDeletedMembers(registry, items);
  return page;
}

absl::Status DelegationBook::Resolve(RegistryLookup& registry, const Delegation* before,
                                     Delegation& d) {
  auto session = registry.GetSession(d.process_id, d.session_id);
  if (!session.ok()) return session.status();
  if (absl::Status s = CheckSessionRules(*session, d, clock_->Now(), kPrefix); !s.ok()) return s;
  auto state = registry.GetState(d.state);
  if (absl::IsNotFound(state.status())) {
    return InvalidArgument("INVALID_DELEGATION", "delegation.state",
                           absl::StrCat("'", d.state, "' is no UN member or observer state"));
  }
  if (!state.ok()) return state.status();
  d.region = state->region;
  return SnapshotMembers(registry, before, d, kPrefix);
}

absl::StatusOr<Delegation> DelegationBook::Create(const Principal& caller, RegistryLookup& registry,
                                                  Delegation d, const std::string& request_id,
                                                  const std::string& fingerprint) {
  if (absl::Status s = CheckDelegationWriter(caller, d.state); !s.ok()) return s;
  if (absl::Status s = ValidateDelegationShape(d, kPrefix); !s.ok()) return s;
  if (request_id.size() > 64) {
    return InvalidArgument("INVALID_REQUEST_ID", "request_id", "at most 64 characters");
  }
  if (absl::Status s = Resolve(registry, nullptr, d); !s.ok()) return s;
  d.create_time = d.update_time = clock_->Now();
  d.version = 1;
  return store_->Create(d, ContributionDelta(nullptr, &d), CallerRequestKey(caller, request_id),
                        fingerprint, WriteStamp{caller.ToString(), d.create_time});
}

absl::StatusOr<Delegation> DelegationBook::Update(const Principal& caller, RegistryLookup& registry,
                                                  Delegation d, const std::string& etag) {
  if (absl::Status s = CheckDelegationWriter(caller, d.state); !s.ok()) return s;
  if (absl::Status s = ValidateDelegationShape(d, kPrefix); !s.ok()) return s;
  auto before = store_->Get(d.process_id, d.session_id, d.state);
  if (!before.ok()) return before.status();
  if (absl::Status s = CheckEtag(*before, etag, /*required=*/true); !s.ok()) return s;
  if (absl::Status s = Resolve(registry, &*before, d); !s.ok()) return s;
  d.create_time = before->create_time;
  d.update_time = clock_->Now();
  d.version = before->version + 1;
  return store_->Update(*before, d, ContributionDelta(&*before, &d),
                        WriteStamp{caller.ToString(), d.update_time});
}

absl::Status DelegationBook::Delete(const Principal& caller, RegistryLookup& registry,
                                    const DelegationKey& key, const std::string& etag) {
  if (absl::Status s = CheckDelegationWriter(caller, key.state); !s.ok()) return s;
  auto current = store_->Get(key.process_id, key.session_id, key.state);
  if (!current.ok()) return current.status();
  if (absl::Status s = CheckEtag(*current, etag, /*required=*/false); !s.ok()) return s;
  auto session = registry.GetSession(key.process_id, key.session_id);
  if (!session.ok()) return session.status();
  Delegation empty_check = *current;
  empty_check.members.clear();  // the cap does not apply to a removal
  if (absl::Status s = CheckSessionRules(*session, empty_check, clock_->Now(), kPrefix); !s.ok()) {
    return s;
  }
  return store_->Delete(*current, ContributionDelta(&*current, nullptr),
                        WriteStamp{caller.ToString(), clock_->Now()});
}

absl::StatusOr<OpennessReport> DelegationBook::Report(RegistryLookup& registry,
                                                      const std::string& process_id) {
  auto sessions = registry.ListSessions(process_id);
  if (!sessions.ok()) return sessions.status();
  auto counters = store_->Counters(process_id);
  if (!counters.ok()) return counters.status();
  return BuildOpennessReport(*sessions, counters->sessions, counters->process);
}

}  // namespace polylateral::composition
