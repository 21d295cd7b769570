// WatchEvents over gRPC against the real services and Redis (with the suite's ACL users):
// events arrive in commit order, each caller sees only what it may read, a watcher that
// reconnects with its last token gets every event it missed once and then the live ones,
// and a token whose successors were trimmed is OUT_OF_RANGE naming where to resume.
#include <atomic>
#include <set>
#include <thread>

#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "services/routing/domain/routing_change.h"
#include "tests/routing/harness.h"

namespace polylateral::routing::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;

constexpr char kGm[] = "global-mechanism";
constexpr char kSecretariat[] = "secretariat:global-mechanism";
constexpr char kPlenary[] = "processes/global-mechanism/plenary";

class WatchEventsTest : public RoutingTest {
 protected:
  AppOptions Options() override {
    AppOptions o = RoutingTest::Options();
    o.event_stream_max_len = max_len_;
    return o;
  }

  // An open watch: its context (cancel it to close) and reader.
  struct Watch {
    std::unique_ptr<grpc::ClientContext> ctx;
    std::unique_ptr<grpc::ClientReader<rt::RoutingEvent>> reader;
  };

  Watch Open(const std::string& principal, const std::string& token = "",
             const std::string& parent = "") {
    Watch w;
    w.ctx = std::make_unique<grpc::ClientContext>();
    w.ctx->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    if (!principal.empty()) w.ctx->AddMetadata("x-polylateral-principal", principal);
    rt::WatchEventsRequest req;
    req.set_resume_token(token);
    req.set_parent(parent);
    w.reader = routing_->WatchEvents(w.ctx.get(), req);
    return w;
  }

  // Opens a live watch and waits (bounded) until the feed hands it events: until the replica
  // has `subscribers` watches in all (closed ones leave a moment after their cancellation).
  Watch OpenLive(const std::string& principal, int subscribers, const std::string& parent = "") {
    Watch w = Open(principal, "", parent);
    const absl::Time give_up = absl::Now() + absl::Seconds(5);
    while (routing_app_->change_feed().subscribers() != subscribers && absl::Now() < give_up) {
      absl::SleepFor(absl::Milliseconds(5));  // polling interval
    }
    EXPECT_EQ(routing_app_->change_feed().subscribers(), subscribers);
    return w;
  }

  std::string Submitted(const std::string& author) {
    rt::Input out;
    grpc::Status st = SubmitInput(Written(author, kGm, {"cybersecurity"}), &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out.name();
  }

  // Reads events until one concerns `input` with `type` (or the stream ends); all read.
  static std::vector<rt::RoutingEvent> ReadUntil(Watch& w, const std::string& input,
                                                 rt::RoutingEventType type) {
    std::vector<rt::RoutingEvent> out;
    rt::RoutingEvent e;
    while (w.reader->Read(&e)) {
      out.push_back(e);
      if (e.input() == input && e.type() == type) break;
    }
    return out;
  }

  static std::vector<std::string> SubmittedInputs(const std::vector<rt::RoutingEvent>& events) {
    std::vector<std::string> out;
    for (const auto& e : events) {
      if (e.type() == rt::INPUT_SUBMITTED) out.push_back(e.input());
    }
    return out;
  }

  static bool HasType(const std::vector<rt::RoutingEvent>& events, rt::RoutingEventType t) {
    for (const auto& e : events) {
      if (e.type() == t) return true;
    }
    return false;
  }

  int64_t max_len_ = 100000;
};

TEST_F(WatchEventsTest, LiveEventsInCommitOrderWithIncreasingTokens) {
  GlobalMechanism(kGm);
  const std::string acme = Accredited("Acme Security", kGm);
  Watch w = OpenLive(kSecretariat, 1);
  const std::string a = Submitted(acme), b = Submitted(acme), c = Submitted(acme);
  std::vector<rt::RoutingEvent> events = ReadUntil(w, c, rt::INPUT_SUBMITTED);
  ASSERT_THAT(SubmittedInputs(events), ElementsAre(a, b, c));
  for (size_t i = 1; i < events.size(); ++i) {
    EXPECT_LT(*FeedPosition::Parse(events[i - 1].resume_token()),
              *FeedPosition::Parse(events[i].resume_token()));
  }
  const rt::RoutingEvent& first = events.front();
  EXPECT_EQ(first.author(), "stakeholders/" + acme);
  EXPECT_THAT(first.destinations(), ::testing::Contains(kPlenary));
  EXPECT_THAT(first.processes(), ElementsAre("processes/global-mechanism"));
  EXPECT_GT(first.commit_time().seconds(), 0);
  w.ctx->TryCancel();
}

TEST_F(WatchEventsTest, ResumeAfterReconnectReplaysTheMissedOnceThenGoesLive) {
  GlobalMechanism(kGm);
  const std::string acme = Accredited("Acme Security", kGm);
  Watch w = OpenLive(kSecretariat, 1);
  const std::string a = Submitted(acme), b = Submitted(acme);
  std::vector<rt::RoutingEvent> seen = ReadUntil(w, b, rt::INPUT_SUBMITTED);
  ASSERT_THAT(SubmittedInputs(seen), ElementsAre(a, b));
  const std::string token_a = seen.front().resume_token();
  w.ctx->TryCancel();
  rt::RoutingEvent ignored;
  while (w.reader->Read(&ignored)) {
  }
  (void)w.reader->Finish();

  // Committed while nobody watched, and more while the resumed watch replays: every one
  // arrives once, in order.
  std::vector<std::string> expected = {b};
  for (int i = 0; i < 3; ++i) expected.push_back(Submitted(acme));
  std::vector<std::string> concurrent(12);
  std::thread writer([&] {
    for (auto& id : concurrent) id = Submitted(acme);
  });
  Watch resumed = Open(kSecretariat, token_a);
  writer.join();
  expected.insert(expected.end(), concurrent.begin(), concurrent.end());
  std::vector<rt::RoutingEvent> replayed = ReadUntil(resumed, expected.back(), rt::INPUT_SUBMITTED);
  EXPECT_THAT(SubmittedInputs(replayed), ElementsAreArray(expected));
  std::set<std::string> tokens;
  for (const auto& e : replayed) EXPECT_TRUE(tokens.insert(e.resume_token()).second);

  // And then live.
  const std::string last = Submitted(acme);
  std::vector<rt::RoutingEvent> live = ReadUntil(resumed, last, rt::INPUT_SUBMITTED);
  EXPECT_THAT(SubmittedInputs(live), ElementsAre(last));
  resumed.ctx->TryCancel();
}

TEST_F(WatchEventsTest, EachCallerSeesOnlyWhatItMayRead) {
  GlobalMechanism(kGm);
  GlobalMechanism("other-process");
  const std::string acme = Accredited("Acme Security", kGm);
  const std::string a = Submitted(acme);
  rt::PullInboxResponse pulled = Pull(kPlenary, kSecretariat);
  ASSERT_EQ(pulled.deliveries_size(), 1);
  const std::string delivery = pulled.deliveries(0).delivery_id();
  ASSERT_TRUE(Ack(kPlenary, delivery, kSecretariat));
  const std::string marker = Submitted(acme);

  // From the start of the feed ("0-0": nothing trimmed yet), up to the marker.
  Watch own = Open(kSecretariat, "0-0");
  std::vector<rt::RoutingEvent> by_secretariat = ReadUntil(own, marker, rt::INPUT_SUBMITTED);
  ASSERT_THAT(SubmittedInputs(by_secretariat), ElementsAre(a, marker));
  bool acked = false;
  for (const auto& e : by_secretariat) {
    if (e.type() != rt::DELIVERY_ACKNOWLEDGED) continue;
    acked = true;
    EXPECT_EQ(e.input(), a);
    EXPECT_EQ(e.destination(), kPlenary);
    EXPECT_EQ(e.delivery_id(), delivery);
  }
  EXPECT_TRUE(acked) << "the inbox's reader sees its acknowledgement";

  // The author, another process's secretariat and a state see the inputs (public, as
  // GetInput shows them) but not which deliveries the secretariat took in.
  for (const char* who : {"stakeholder:someone-else", "secretariat:other-process", "state:BR"}) {
    Watch w = Open(who, "0-0");
    std::vector<rt::RoutingEvent> events = ReadUntil(w, marker, rt::INPUT_SUBMITTED);
    EXPECT_THAT(SubmittedInputs(events), ElementsAre(a, marker)) << who;
    EXPECT_FALSE(HasType(events, rt::DELIVERY_ACKNOWLEDGED)) << who;
    w.ctx->TryCancel();
  }
  Watch op = Open("operator:ops", "0-0");
  EXPECT_TRUE(HasType(ReadUntil(op, marker, rt::INPUT_SUBMITTED), rt::DELIVERY_ACKNOWLEDGED));
  op.ctx->TryCancel();

  // A process filter: another process's watcher gets none of these; an input of its own comes.
  Watch other = OpenLive("operator:ops", 2, "processes/other-process");
  const std::string acme_other = Accredited("Acme Other", "other-process");
  rt::Input in;
  ASSERT_TRUE(SubmitInput(Written(acme_other, "other-process", {"cybersecurity"}), &in).ok());
  rt::RoutingEvent e;
  ASSERT_TRUE(other.reader->Read(&e));
  EXPECT_EQ(e.input(), in.name()) << "the first event of the filtered watch is its own process's";
  other.ctx->TryCancel();
  own.ctx->TryCancel();
}

TEST_F(WatchEventsTest, BadRequestsAreRefusedNamingTheField) {
  for (const char* bad : {"abc", "12-x", "-1", "1-2-3"}) {
    Watch w = Open(kSecretariat, bad);
    rt::RoutingEvent e;
    EXPECT_FALSE(w.reader->Read(&e));
    grpc::Status st = w.reader->Finish();
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad;
    EXPECT_EQ(Details(st).reason, "INVALID_RESUME_TOKEN");
    EXPECT_THAT(Details(st).fields, ElementsAre("resume_token"));
  }
  Watch w = Open(kSecretariat, "", "inputs/x");
  rt::RoutingEvent e;
  EXPECT_FALSE(w.reader->Read(&e));
  grpc::Status st = w.reader->Finish();
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Details(st).fields, ElementsAre("parent"));
}

class TrimmedFeedTest : public WatchEventsTest {
 protected:
  void SetUp() override {
    max_len_ = 3;
    WatchEventsTest::SetUp();
    // Small stream nodes, so that the approximate trimming (whole nodes) happens within a few
    // events.
    redis::RedisClient admin(redis_->Options("admin"), nullptr);
    auto r = admin.Command({"CONFIG", "SET", "stream-node-max-entries", "2"});
    ASSERT_TRUE(r.ok() && !r->is_error());
  }
  void TearDown() override {
    redis::RedisClient admin(redis_->Options("admin"), nullptr);
    (void)admin.Command({"CONFIG", "SET", "stream-node-max-entries", "100"});
    WatchEventsTest::TearDown();
  }
};

TEST_F(TrimmedFeedTest, ATokenOlderThanTheFeedIsOutOfRangeNamingWhereToResume) {
  GlobalMechanism(kGm);
  const std::string acme = Accredited("Acme Security", kGm);
  Watch w = OpenLive(kSecretariat, 1);
  const std::string first = Submitted(acme);
  rt::RoutingEvent e;
  ASSERT_TRUE(w.reader->Read(&e));
  const std::string old_token = e.resume_token();
  std::string last;
  for (int i = 0; i < 12; ++i) last = Submitted(acme);
  w.ctx->TryCancel();

  Watch stale = Open(kSecretariat, old_token);
  EXPECT_FALSE(stale.reader->Read(&e));
  grpc::Status st = stale.reader->Finish();
  ASSERT_EQ(st.error_code(), grpc::StatusCode::OUT_OF_RANGE) << st.error_message();
  google::rpc::Status rpc;
  ASSERT_TRUE(rpc.ParseFromString(st.error_details()));
  std::string oldest;
  for (const auto& any : rpc.details()) {
    google::rpc::ErrorInfo info;
    if (!any.UnpackTo(&info)) continue;
    EXPECT_EQ(info.reason(), "RESUME_TOKEN_EXPIRED");
    oldest = info.metadata().at("oldest_token");
  }
  ASSERT_FALSE(oldest.empty());

  // Resuming from the token named replays what the feed still holds, through the newest.
  Watch resumed = Open(kSecretariat, oldest);
  std::vector<rt::RoutingEvent> events = ReadUntil(resumed, last, rt::INPUT_SUBMITTED);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().input(), last);
  EXPECT_LT(events.size(), 13u) << "the oldest were trimmed";
  EXPECT_NE(SubmittedInputs(events).front(), first);
  resumed.ctx->TryCancel();
}

}  // namespace
}  // namespace polylateral::routing::testing
