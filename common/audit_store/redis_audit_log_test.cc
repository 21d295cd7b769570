// The audit log against a real redis-server: entries appended by a script that includes
// audit_append.lua, sealed by two sealers at once, carried on after a restart, and checked
// against a signed head.
#include "common/audit_store/redis_audit_log.h"

#include <atomic>
#include <thread>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/audit/canonical.h"
#include "common/audit/chain_verifier.h"
#include "common/audit/salt.h"
#include "common/audit_store/audit_json.h"
#include "common/audit_store/audit_keys.h"
#include "common/audit_store/audit_worker.h"
#include "common/testing/redis_server.h"
#include "gtest/gtest.h"

namespace polylateral::audit {
namespace lua {
extern const char kAuditAppendLua[];
extern const char kSealLua[];
extern const char kPublishHeadLua[];
}  // namespace lua
namespace {

constexpr absl::string_view kTag = "{rt}";

class RedisAuditLogTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new testing::RedisServer(testing::RedisAcl::kServiceUsers);
    server_->Start();
  }
  static void TearDownTestSuite() { delete server_; }
  void SetUp() override {
    admin_ = std::make_unique<redis::RedisClient>(server_->Options("admin"), nullptr);
    ASSERT_TRUE(admin_->Command({"FLUSHALL"}).ok());
    // The routing user: the ACL rules must allow everything the sealer and the append do.
    service_ = std::make_unique<redis::RedisClient>(server_->Options("routing"), nullptr);
  }

  // A write script in the shape of the services': a change and its entry in one script.
  void Append(int i, redis::RedisClient* client = nullptr) {
    static redis::RedisScript* script =
        new redis::RedisScript("t_change", absl::StrCat(lua::kAuditAppendLua, R"(
redis.call('SET', KEYS[2], ARGV[1])
return audit_append(KEYS[1], ARGV[2], 'stakeholder:s', 'routing.route', 'inputs/' .. ARGV[1],
                    {'destination', 'd' .. ARGV[1], 'grounds', 'why ' .. ARGV[1]}, {grounds = true},
                    ARGV[3])
)"));
    auto r = (client ? client : service_.get())
                 ->Eval(*script, {keys::Log(kTag), "{rt}:thing"},
                        {std::to_string(i), std::to_string(1000 + i),
                         absl::BytesToHexString(EntrySalt(i))});
    ASSERT_TRUE(r.ok()) << r.status();
    ASSERT_FALSE(r->is_error()) << r->DebugString();
  }

  // Entry i's salt: fixed here (a service draws it at random) so that the chain can be
  // computed independently of the sealer.
  static std::string EntrySalt(int i) { return Sha256(absl::StrCat("salt ", i)); }

  // The chain computed here from what was appended, independently of the sealer: v2 entries,
  // the grounds (field 2) salted from the entry's salt.
  static std::vector<std::string> ExpectedChain(int n) {
    std::vector<std::string> out;
    std::string prev = GenesisHash();
    for (int i = 1; i <= n; ++i) {
      AuditEntry e{static_cast<uint64_t>(i),
                   1000 + i,
                   "stakeholder:s",
                   "routing.route",
                   absl::StrCat("inputs/", i),
                   {PlainField("destination", absl::StrCat("d", i)),
                    SensitiveField("grounds", absl::StrCat("why ", i),
                                   FieldSalt(EntrySalt(i), "grounds", 2))}};
      e.version = kChainV2;
      prev = *ChainHash(e, prev);
      out.push_back(prev);
    }
    return out;
  }

  static testing::RedisServer* server_;
  std::unique_ptr<redis::RedisClient> admin_;
  std::unique_ptr<redis::RedisClient> service_;
};
testing::RedisServer* RedisAuditLogTest::server_ = nullptr;

TEST_F(RedisAuditLogTest, TheChangeAndItsEntryAreOneScript) {
  for (int i = 1; i <= 3; ++i) Append(i);
  RedisAuditLog log(service_.get(), std::string(kTag));
  auto entries = log.Read(1, 10);
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ((*entries)[i].entry.seq, static_cast<uint64_t>(i + 1));
    EXPECT_TRUE((*entries)[i].hash.empty());  // not sealed yet
  }
  EXPECT_EQ((*entries)[2].entry.resource, "inputs/3");
  EXPECT_TRUE((*entries)[2].entry.fields[1].sensitive);
  EXPECT_EQ((*entries)[2].entry.fields[1].value, "why 3");
  // A script that fails after its append leaves neither the change nor the entry.
  redis::RedisScript failing("t_fail", absl::StrCat(lua::kAuditAppendLua, R"(
audit_append(KEYS[1], '1', 'p', 'a', 'r', {})
redis.call('SET', KEYS[2], 'x')
return redis.call('INCR', KEYS[2])
)"));
  auto r = service_->Eval(failing, {keys::Log(kTag), "{rt}:other"}, {});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->is_error());
  // Redis 7 does not roll back a script's writes before a runtime error, which is why every
  // script refuses before its first write and appends after its last check.
  EXPECT_EQ(*log.Length(), 4u);
}

TEST_F(RedisAuditLogTest, TwoSealersAtOnceStoreOneChain) {
  std::atomic<bool> done{false};
  auto second = std::make_unique<redis::RedisClient>(server_->Options("routing"), nullptr);
  auto seal = [&](redis::RedisClient* client) {
    RedisAuditLog log(client, std::string(kTag));
    while (true) {
      const bool last = done.load();
      auto n = log.SealPending(1000);
      ASSERT_TRUE(n.ok() || absl::IsAborted(n.status())) << n.status();
      if (last) return;
    }
  };
  std::thread a(seal, service_.get());
  std::thread b(seal, second.get());
  for (int i = 1; i <= 600; ++i) Append(i);
  done = true;
  a.join();
  b.join();
  RedisAuditLog log(service_.get(), std::string(kTag));
  ASSERT_TRUE(log.SealPending(1000).ok());
  const std::vector<std::string> expected = ExpectedChain(600);
  auto entries = log.Read(1, 1000);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 600u);
  for (size_t i = 0; i < entries->size(); ++i) {
    ASSERT_EQ((*entries)[i].hash, expected[i]) << "seq " << i + 1;
  }
  auto state = log.Sealed();
  EXPECT_EQ(state->count, 600u);
  EXPECT_EQ(state->hash, expected.back());
}

TEST_F(RedisAuditLogTest, AStoredSealIsComparedNeverReplaced) {
  for (int i = 1; i <= 3; ++i) Append(i);
  RedisAuditLog log(service_.get(), std::string(kTag));
  ASSERT_EQ(*log.SealPending(10), 3u);
  redis::RedisScript seal("t_seal", lua::kSealLua);
  const std::vector<std::string> chain = ExpectedChain(3);
  // The same seals again: accepted, nothing added.
  auto same =
      service_->Eval(seal, {keys::Log(kTag), keys::Seals(kTag)},
                     {"2", absl::BytesToHexString(chain[1]), absl::BytesToHexString(chain[2])});
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->integer(), 3);
  // A replica that computed another hash is refused and changes nothing.
  auto other =
      service_->Eval(seal, {keys::Log(kTag), keys::Seals(kTag)}, {"2", std::string(64, 'a')});
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->DebugString().find("SEAL_CONFLICT 2") != std::string::npos, true)
      << other->DebugString();
  // Seals past the entries, or with a gap, are refused.
  auto ahead =
      service_->Eval(seal, {keys::Log(kTag), keys::Seals(kTag)}, {"4", std::string(64, 'a')});
  EXPECT_NE(ahead->DebugString().find("SEAL_AHEAD"), std::string::npos);
  Append(4);
  Append(5);
  auto gap =
      service_->Eval(seal, {keys::Log(kTag), keys::Seals(kTag)}, {"5", std::string(64, 'a')});
  EXPECT_NE(gap->DebugString().find("SEAL_GAP"), std::string::npos);
  EXPECT_EQ(log.Sealed()->count, 3u);
  EXPECT_EQ(log.Read(2, 1)->front().hash, chain[1]);
}

TEST_F(RedisAuditLogTest, SealingCarriesOnAfterRestarts) {
  for (int i = 1; i <= 5; ++i) Append(i);
  {
    RedisAuditLog log(service_.get(), std::string(kTag));
    ASSERT_EQ(*log.SealPending(3), 3u);
  }
  server_->Stop();
  server_->Start();
  auto fresh = std::make_unique<redis::RedisClient>(server_->Options("routing"), nullptr);
  for (int i = 6; i <= 8; ++i) Append(i, fresh.get());
  RedisAuditLog log(fresh.get(), std::string(kTag));
  ASSERT_EQ(*log.SealPending(100), 5u);
  EXPECT_EQ(log.Sealed()->hash, ExpectedChain(8).back());
  service_ = std::move(fresh);
}

TEST_F(RedisAuditLogTest, WorkersSealAndPublishAVerifiableHead) {
  FakeClock clock(absl::FromUnixMillis(1700000000000));
  auto signer = std::make_shared<const HeadSigner>(*HeadSigner::FromPem(*GenerateEd25519Pem()));
  AuditWorkerOptions options;
  options.seal_interval = absl::Milliseconds(5);
  options.head_interval = absl::Hours(1);
  options.signer = signer;
  options.clock = &clock;
  auto second = std::make_unique<redis::RedisClient>(server_->Options("routing"), nullptr);
  AuditWorker one(
      service_.get(), [] { return std::vector<std::string>{std::string(kTag)}; }, options);
  AuditWorker two(
      second.get(), [] { return std::vector<std::string>{std::string(kTag)}; }, options);
  one.Start();
  two.Start();
  for (int i = 1; i <= 50; ++i) Append(i);
  RedisAuditLog log(service_.get(), std::string(kTag));
  const absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (log.Sealed()->count < 50 && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(5));
  one.Stop();
  two.Stop();
  ASSERT_EQ(log.Sealed()->count, 50u);

  auto head = log.PublishHead(*signer, clock.Now());
  ASSERT_TRUE(head.ok()) << head.status();
  auto latest = log.LatestHead();
  ASSERT_TRUE(latest.ok()) << latest.status();
  EXPECT_EQ(latest->seq, 50u);
  HeadVerifier verifier = *HeadVerifier::FromPem(signer->public_pem());
  ASSERT_TRUE(verifier.Verify(*latest).ok());
  ChainVerifier chain(*latest);
  const std::vector<SealedEntry> sealed = *log.Read(1, 100);
  for (const SealedEntry& e : sealed) ASSERT_TRUE(chain.Add(Redacted(e.entry), e.hash));
  EXPECT_TRUE(chain.Finish());

  // An entry edited in Redis after its seal no longer matches its seal.
  ASSERT_TRUE(admin_
                  ->Command({"LSET", keys::Log(kTag), "9",
                             R"({"seq":10,"t":"1010","p":"stakeholder:s","a":"routing.route",)"
                             R"("r":"inputs/elsewhere","f":[]})"})
                  .ok());
  ChainVerifier tampered(*latest);
  const std::vector<SealedEntry> edited = *log.Read(1, 100);
  for (const SealedEntry& e : edited) {
    if (!tampered.Add(e.entry, e.hash)) break;
  }
  EXPECT_EQ(tampered.failure().seq, 10u);

  // An older head never replaces a newer one.
  SignedHead old{std::string(kTag), 3, ExpectedChain(3).back(), 1, "", ""};
  ASSERT_TRUE(signer->Sign(old).ok());
  redis::RedisScript publish("t_publish", lua::kPublishHeadLua);
  auto r = service_->Eval(publish, {keys::Head(kTag), keys::Heads(kTag)}, {"3", EncodeHead(old)});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->integer(), 0);
  EXPECT_EQ(log.LatestHead()->seq, 50u);
  EXPECT_GE(service_->ReadCommand({"LLEN", keys::Heads(kTag)}).value().integer(), 1);
}

TEST_F(RedisAuditLogTest, NoHeadBeforeTheFirstIsPublished) {
  RedisAuditLog log(service_.get(), std::string(kTag));
  EXPECT_EQ(log.LatestHead().status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace polylateral::audit
