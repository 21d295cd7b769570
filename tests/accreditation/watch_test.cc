// WatchEvents over gRPC against a real registry, accreditation and Redis (with the deployed
// ACL): commit order, the disclosure rules per caller, resuming after a reconnect without loss
// or duplicates, an expired token, the per-principal cap.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "tests/accreditation/harness.h"

namespace polylateral::accreditation::testing {
namespace {

// One open WatchEvents stream. Its starting point is fixed once its headers arrive.
struct Watch {
  std::unique_ptr<grpc::ClientContext> ctx;
  std::unique_ptr<grpc::ClientReader<acc::Event>> reader;

  // The next `n` events (fewer if the stream ends first).
  std::vector<acc::Event> Read(size_t n) {
    std::vector<acc::Event> out;
    acc::Event e;
    while (out.size() < n && reader->Read(&e)) out.push_back(e);
    return out;
  }
  grpc::Status Close() {
    ctx->TryCancel();
    acc::Event e;
    while (reader->Read(&e)) {
    }
    return reader->Finish();
  }
};

class WatchTest : public AccreditationTest {
 protected:
  Watch Open(const std::string& principal, const std::string& token = "",
             const std::string& parent = "") {
    Watch w;
    w.ctx = Ctx(principal);
    // Bounds every read: a missing event fails the test instead of hanging it.
    w.ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    acc::WatchEventsRequest req;
    req.set_resume_token(token);
    req.set_parent(parent);
    w.reader = stub_->WatchEvents(w.ctx.get(), req);
    return w;
  }
  // Opens and waits until the stream's starting point is fixed.
  Watch OpenReady(const std::string& principal, const std::string& token = "",
                  const std::string& parent = "") {
    Watch w = Open(principal, token, parent);
    w.reader->WaitForInitialMetadata();
    return w;
  }
  // An application of a new stakeholder to `process` in its notice period: one event.
  acc::Application InNotice(const std::string& process, const std::string& name) {
    const std::string ngo = Stakeholder(name, reg::Stakeholder::NO_STATUS);
    return Submit(Apply(process, ngo, "non-objection").name(), "stakeholder:" + ngo);
  }
  static std::vector<std::string> Types(const std::vector<acc::Event>& events) {
    std::vector<std::string> out;
    for (const auto& e : events) out.push_back(e.type() + " " + e.application());
    return out;
  }
};

std::map<std::string, std::string> Metadata(const grpc::Status& status) {
  google::rpc::Status rpc;
  std::map<std::string, std::string> out;
  if (!rpc.ParseFromString(status.error_details())) return out;
  for (const auto& any : rpc.details()) {
    google::rpc::ErrorInfo info;
    if (any.UnpackTo(&info)) out.insert(info.metadata().begin(), info.metadata().end());
  }
  return out;
}

TEST_F(WatchTest, AWatcherSeesEventsInCommitOrderForItsProcessOnly) {
  Process("oewg", reg::ParticipationModalities::PUBLIC);
  Process("igf", reg::ParticipationModalities::PUBLIC);
  Watch all = OpenReady("secretariat:oewg");
  Watch oewg_only = OpenReady("stakeholder:someone", "", "processes/oewg");
  const acc::Application a = InNotice("oewg", "First NGO");
  const acc::Application b = InNotice("igf", "Second NGO");
  ASSERT_TRUE(Object(a.name(), "RU").ok());
  ASSERT_TRUE(Object(a.name(), "CN").ok());

  const std::vector<acc::Event> events = all.Read(4);
  EXPECT_EQ(Types(events),
            (std::vector<std::string>{
                "application.submitted " + a.name(), "application.submitted " + b.name(),
                "objection.lodged " + a.name(), "objection.lodged " + a.name()}));
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[2].objecting_state(), "states/RU");
  EXPECT_EQ(events[3].objecting_state(), "states/CN");
  EXPECT_EQ(events[0].process(), "processes/oewg");
  EXPECT_TRUE(events[0].has_commit_time());
  for (const auto& e : events) EXPECT_FALSE(e.token().empty());

  const std::vector<acc::Event> filtered = oewg_only.Read(3);
  EXPECT_EQ(Types(filtered), (std::vector<std::string>{"application.submitted " + a.name(),
                                                       "objection.lodged " + a.name(),
                                                       "objection.lodged " + a.name()}));
  // The same events carry the same tokens for every watcher.
  ASSERT_EQ(filtered.size(), 3u);
  EXPECT_EQ(filtered[1].token(), events[2].token());
  EXPECT_TRUE(all.Close().error_code() == grpc::StatusCode::CANCELLED);
  oewg_only.Close();
}

TEST_F(WatchTest, UnderCountOnlyOnlyTheObjectorAndTheSecretariatSeeWhoObjected) {
  Process("oewg", reg::ParticipationModalities::COUNT_ONLY);
  Watch other = OpenReady("state:FR");
  Watch objector = OpenReady("state:RU");
  Watch secretariat = OpenReady("secretariat:oewg");
  const acc::Application a = InNotice("oewg", "Quiet NGO");
  ASSERT_TRUE(Object(a.name(), "RU").ok());

  const std::vector<acc::Event> fr = other.Read(2);
  ASSERT_EQ(fr.size(), 2u);
  EXPECT_EQ(fr[1].type(), "objection.lodged");
  EXPECT_EQ(fr[1].application(), a.name());
  EXPECT_TRUE(fr[1].withheld());
  EXPECT_EQ(fr[1].objecting_state(), "");
  EXPECT_EQ(fr[1].actor(), "");
  EXPECT_EQ(fr[1].grounds(), "");

  for (Watch* w : {&objector, &secretariat}) {
    const std::vector<acc::Event> seen = w->Read(2);
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_FALSE(seen[1].withheld());
    EXPECT_EQ(seen[1].objecting_state(), "states/RU");
    EXPECT_EQ(seen[1].actor(), "state:RU");
    EXPECT_EQ(seen[1].grounds(), "Concerns about the applicant's independence.");
    EXPECT_EQ(seen[1].token(), fr[1].token());
  }
  // Decisions are not redacted: the submission shows who submitted.
  EXPECT_FALSE(fr[0].withheld());
  EXPECT_FALSE(fr[0].actor().empty());
  other.Close();
  objector.Close();
  secretariat.Close();
}

TEST_F(WatchTest, AReconnectWithTheLastTokenGetsExactlyTheMissedEvents) {
  Process("oewg", reg::ParticipationModalities::PUBLIC);
  Watch continuous = OpenReady("operator:test");
  Watch client = OpenReady("state:FR");
  const acc::Application a = InNotice("oewg", "Resumed NGO");
  const std::vector<acc::Event> first = client.Read(1);
  ASSERT_EQ(first.size(), 1u);
  client.Close();
  // Committed while the client is away.
  ASSERT_TRUE(Object(a.name(), "RU").ok());
  ASSERT_TRUE(Object(a.name(), "CN").ok());
  const acc::Application b = InNotice("oewg", "Later NGO");
  const std::vector<acc::Event> truth = continuous.Read(4);
  ASSERT_EQ(truth.size(), 4u);
  ASSERT_EQ(truth[0].token(), first[0].token());

  Watch resumed = Open("state:FR", first[0].token());
  const std::vector<acc::Event> missed = resumed.Read(3);
  ASSERT_EQ(missed.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(missed[i].token(), truth[i + 1].token()) << i;
    EXPECT_EQ(missed[i].type(), truth[i + 1].type()) << i;
  }
  // Then the live feed, with nothing repeated: the next event is the next commit.
  ASSERT_TRUE(Object(b.name(), "US").ok());
  const std::vector<acc::Event> next = resumed.Read(1);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].type(), "objection.lodged");
  EXPECT_EQ(next[0].application(), b.name());
  EXPECT_EQ(continuous.Read(1).at(0).token(), next[0].token());
  resumed.Close();
  continuous.Close();
}

TEST_F(WatchTest, ATokenOlderThanTheStreamIsOutOfRangeNamingTheOldest) {
  Process("oewg", reg::ParticipationModalities::PUBLIC);
  Watch w = OpenReady("state:FR");
  const acc::Application a = InNotice("oewg", "Trimmed NGO");
  ASSERT_TRUE(Object(a.name(), "RU").ok());
  ASSERT_TRUE(Object(a.name(), "CN").ok());
  const std::vector<acc::Event> events = w.Read(3);
  ASSERT_EQ(events.size(), 3u);
  w.Close();
  // The cap trims the oldest entries; here, all but the newest.
  redis::RedisClient admin(redis_->Options(), nullptr);
  ASSERT_TRUE(admin.Command({"XTRIM", "{acc}:events", "MAXLEN", "1"}).ok());

  Watch old = Open("state:FR", events[0].token());
  acc::Event e;
  EXPECT_FALSE(old.reader->Read(&e));
  const grpc::Status status = old.reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::OUT_OF_RANGE);
  EXPECT_EQ(Details(status).reason, "RESUME_TOKEN_EXPIRED");
  EXPECT_EQ(Metadata(status)["oldest_token"], events[2].token());

  // The newest held token still resumes.
  Watch fine = OpenReady("state:FR", events[2].token());
  ASSERT_TRUE(Object(a.name(), "US").ok());
  EXPECT_EQ(fine.Read(1).at(0).objecting_state(), "states/US");
  fine.Close();

  Watch bad = Open("state:FR", "not-a-token");
  EXPECT_FALSE(bad.reader->Read(&e));
  const grpc::Status invalid = bad.reader->Finish();
  EXPECT_EQ(invalid.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(invalid).reason, "INVALID_RESUME_TOKEN");
  EXPECT_EQ(Details(invalid).fields, std::vector<std::string>{"resume_token"});
}

TEST_F(WatchTest, OpenStreamsAreCappedPerPrincipal) {
  std::vector<Watch> open;
  for (int i = 0; i < watch_options_.max_streams_per_principal; ++i) {
    open.push_back(OpenReady("state:FR"));
  }
  Watch refused = Open("state:FR");
  acc::Event e;
  EXPECT_FALSE(refused.reader->Read(&e));
  const grpc::Status status = refused.reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(Details(status).reason, "TOO_MANY_STREAMS");
  // Another principal is not affected.
  Watch other = OpenReady("state:BR");
  for (Watch& w : open) w.Close();
  other.Close();
}

}  // namespace
}  // namespace polylateral::accreditation::testing
