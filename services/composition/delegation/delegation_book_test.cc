#include "services/composition/delegation/delegation_book.h"

#include <map>

#include "common/base/errors.h"
#include "gtest/gtest.h"

namespace polylateral::composition {
namespace {

class FakeRegistry final : public RegistryLookup {
 public:
  absl::StatusOr<SessionFacts> GetSession(const std::string&, const std::string& s) override {
    if (s == "started") return SessionFacts{absl::CivilDay(2030, 1, 1), 3};
    if (s == "later") return SessionFacts{absl::CivilDay(2030, 6, 1), 3};
    return NotFound("SESSION_NOT_FOUND", s);
  }
  absl::StatusOr<std::vector<std::string>> ListSessions(const std::string& p) override {
    if (p != "p") return NotFound("PROCESS_NOT_FOUND", p);
    return std::vector<std::string>{"started", "later"};
  }
  absl::StatusOr<StakeholderFacts> GetStakeholder(const std::string& id) override {
    auto it = stakeholders.find(id);
    if (it == stakeholders.end()) return NotFound("STAKEHOLDER_NOT_FOUND", id);
    return it->second;
  }
  absl::StatusOr<StateFacts> GetState(const std::string&) override { return StateFacts{"AFRICAN"}; }

  std::map<std::string, StakeholderFacts> stakeholders = {
      {"org", {"org", "Org", true, {}, "CIVIL_SOCIETY"}},
      {"expert", {"expert", "E", false, {"org"}, "ACADEMIA"}},
      {"ministry", {"ministry", "Ministry", true, {}, "GOVERNMENT"}},
      {"igo", {"igo", "IGO", true, {}, "INTERGOVERNMENTAL_ORGANISATION"}},
      {"official", {"official", "O", false, {"ministry"}, "ACADEMIA"}},
      {"unsorted", {"unsorted", "U", true, {}, "STAKEHOLDER_GROUP_UNSPECIFIED"}},
  };
};

// Records what the book hands the store.
class FakeStore final : public DelegationStore {
 public:
  absl::StatusOr<Delegation> Get(const std::string&, const std::string&,
                                 const std::string&) override {
    if (!stored) return NotFound("DELEGATION_NOT_FOUND", "");
    return *stored;
  }
  absl::StatusOr<DelegationPage> List(const std::string&, const std::string&, const std::string&,
                                      int) override {
    return DelegationPage{};
  }
  absl::StatusOr<Delegation> Create(const Delegation& d, const OpennessDelta& delta,
                                    const std::string&, const std::string&,
                                    const WriteStamp&) override {
    stored = d;
    last_delta = delta;
    return d;
  }
  absl::StatusOr<Delegation> Update(const Delegation&, const Delegation& after,
                                    const OpennessDelta& delta, const WriteStamp&) override {
    stored = after;
    last_delta = delta;
    return after;
  }
  absl::Status Delete(const Delegation&, const OpennessDelta&, const WriteStamp&) override {
    stored.reset();
    return absl::OkStatus();
  }
  absl::StatusOr<OpennessCounters> Counters(const std::string&) override {
    return OpennessCounters{};
  }
  std::optional<Delegation> stored;
  OpennessDelta last_delta;
};

std::vector<std::string> ErrorFields(const absl::Status& s) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : ErrorViolations(s)) fields.push_back(v.field);
  return fields;
}

class DelegationBookTest : public ::testing::Test {
 protected:
  Delegation Team(const std::string& session, const std::vector<std::string>& ngos) {
    Delegation d{"p", session, "KE", "", {{MemberRole::kHead, "Head", "", "", "", "", ""}}};
    for (const auto& s : ngos) {
      DelegationMember member;
      member.role = MemberRole::kNonGovernmental;
      member.stakeholder_id = s;
      d.members.push_back(member);
    }
    return d;
  }
  FakeClock clock_{absl::FromCivil(absl::CivilDay(2030, 3, 1), absl::UTCTimeZone())};
  FakeStore store_;
  FakeRegistry registry_;
  DelegationBook book_{&store_, &clock_};
  Principal kenya_{Principal::Kind::kState, "KE"};
};

TEST_F(DelegationBookTest, ResolvesAffiliationsAndCountsTheOpening) {
  auto d = book_.Create(kenya_, registry_, Team("later", {"expert", "org"}), "", "");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->region, "AFRICAN");
  EXPECT_EQ(d->members[1].affiliation_id, "org");
  EXPECT_EQ(d->members[1].affiliation_name, "Org");
  EXPECT_EQ(d->members[2].affiliation_id, "org");
  EXPECT_EQ(store_.last_delta.session.at("ng"), 2);
  EXPECT_EQ(store_.last_delta.process.at("open:KE"), 1);
}

TEST_F(DelegationBookTest, RefusesOtherStatesStartedSessionsAndCaps) {
  auto other = book_.Create({Principal::Kind::kState, "BR"}, registry_, Team("later", {}), "", "");
  EXPECT_EQ(ErrorReason(other.status()), "ACCESS_DENIED");
  auto started = book_.Create(kenya_, registry_, Team("started", {}), "", "");
  EXPECT_EQ(ErrorReason(started.status()), "SESSION_STARTED");
  auto big = book_.Create(kenya_, registry_, Team("later", {"org", "expert", "x"}), "", "");
  EXPECT_EQ(ErrorReason(big.status()), "DELEGATION_CAP_EXCEEDED");
  EXPECT_FALSE(store_.stored.has_value());
  // Once the session starts, even the state's own changes are refused.
  ASSERT_TRUE(book_.Create(kenya_, registry_, Team("later", {}), "", "").ok());
  clock_.Set(absl::FromCivil(absl::CivilDay(2030, 6, 1), absl::UTCTimeZone()));
  auto late = book_.Update(kenya_, registry_, Team("later", {"org"}), "\"1\"");
  EXPECT_EQ(ErrorReason(late.status()), "SESSION_STARTED");
}

TEST_F(DelegationBookTest, UpdateNeedsTheCurrentEtag) {
  ASSERT_TRUE(book_.Create(kenya_, registry_, Team("later", {}), "", "").ok());
  auto stale = book_.Update(kenya_, registry_, Team("later", {"org"}), "\"7\"");
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kAborted);
  auto ok = book_.Update(kenya_, registry_, Team("later", {"org"}), "\"1\"");
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->version, 2);
  EXPECT_EQ(store_.last_delta.session.at("open"), 1);
  EXPECT_EQ(store_.last_delta.session.count("delegations"), 0u);
}

TEST_F(DelegationBookTest, NonGovernmentalMembersComeFromNonGovernmentalGroups) {
  for (const char* id : {"ministry", "igo", "unsorted"}) {
    auto d = book_.Create(kenya_, registry_, Team("later", {"org", id}), "", "");
    EXPECT_EQ(d.status().code(), absl::StatusCode::kFailedPrecondition) << id;
    EXPECT_EQ(ErrorReason(d.status()), "GOVERNMENTAL_STAKEHOLDER") << id;
    EXPECT_EQ(ErrorFields(d.status()),
              std::vector<std::string>{"delegation.members[2].stakeholder"});
  }
  // An expert sitting for a ministry is a government member, whatever their own group.
  auto d = book_.Create(kenya_, registry_, Team("later", {"official"}), "", "");
  EXPECT_EQ(ErrorReason(d.status()), "GOVERNMENTAL_AFFILIATION");
  EXPECT_EQ(ErrorFields(d.status()), std::vector<std::string>{"delegation.members[1].stakeholder"});
  EXPECT_FALSE(store_.stored.has_value());
}

TEST_F(DelegationBookTest, AMemberWhoseRecordIsDeletedKeepsTheSnapshot) {
  ASSERT_TRUE(book_.Create(kenya_, registry_, Team("later", {"expert"}), "", "").ok());
  registry_.stakeholders.erase("expert");
  Delegation next = Team("later", {"expert"});
  next.members[1].function = "adviser";
  auto kept = book_.Update(kenya_, registry_, next, "\"1\"");
  ASSERT_TRUE(kept.ok()) << kept.status();
  const DelegationMember& m = kept->members[1];
  EXPECT_TRUE(m.stakeholder_deleted);
  EXPECT_EQ(m.display_name, "E");
  EXPECT_EQ(m.stakeholder_group, "ACADEMIA");
  EXPECT_EQ(m.affiliation_id, "org");
  EXPECT_EQ(m.affiliation_name, "Org");
  EXPECT_EQ(m.function, "adviser");
  EXPECT_EQ(store_.last_delta.session.at("gone"), 1);
  EXPECT_EQ(store_.last_delta.session.count("ng"), 0u);  // still counted as it was

  // A deleted stakeholder cannot join a delegation that never held it.
  auto added = book_.Create(
      {Principal::Kind::kState, "BR"}, registry_,
      [&] {
        Delegation d = Team("later", {"expert"});
        d.state = "BR";
        return d;
      }(),
      "", "");
  EXPECT_EQ(ErrorReason(added.status()), "UNKNOWN_STAKEHOLDER");
}

TEST_F(DelegationBookTest, ReadsMarkMembersWhoseRecordIsGoneWithoutWriting) {
  ASSERT_TRUE(book_.Create(kenya_, registry_, Team("later", {"expert", "org"}), "", "").ok());
  registry_.stakeholders.erase("expert");
  auto read = book_.Get(registry_, {"p", "later", "KE"});
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_TRUE(read->members[1].stakeholder_deleted);
  EXPECT_EQ(read->members[1].affiliation_name, "Org");
  EXPECT_FALSE(read->members[2].stakeholder_deleted);
  EXPECT_EQ(read->version, 1);
  EXPECT_FALSE(store_.stored->members[1].stakeholder_deleted);
}

TEST_F(DelegationBookTest, AnExpertWhoLostTheirAffiliationKeepsTheSnapshotOne) {
  ASSERT_TRUE(book_.Create(kenya_, registry_, Team("later", {"expert"}), "", "").ok());
  registry_.stakeholders.at("expert").affiliations.clear();
  auto kept = book_.Update(kenya_, registry_, Team("later", {"expert"}), "\"1\"");
  ASSERT_TRUE(kept.ok()) << kept.status();
  EXPECT_EQ(kept->members[1].affiliation_id, "org");
  EXPECT_FALSE(kept->members[1].stakeholder_deleted);
}

TEST_F(DelegationBookTest, ReportOfAnUnknownProcessIsNotFound) {
  auto r = book_.Report(registry_, "nope");
  EXPECT_EQ(ErrorReason(r.status()), "PROCESS_NOT_FOUND");
  auto known = book_.Report(registry_, "p");
  ASSERT_TRUE(known.ok()) << known.status();
  EXPECT_EQ(known->sessions.size(), 2u);  // both sessions, without any delegation
}

}  // namespace
}  // namespace polylateral::composition
