// StreamInbox over gRPC against the real services: deliveries arrive on the stream as they
// are queued, unacknowledged ones come back, acknowledged ones never do, and the stream ends
// (and stops taking deliveries) on cancellation and at its deadline.
#include "gmock/gmock.h"
#include "tests/routing/harness.h"

namespace polylateral::routing::testing {
namespace {

using ::testing::Contains;

constexpr char kGm[] = "global-mechanism";
constexpr char kSecretariat[] = "secretariat:global-mechanism";
constexpr char kPlenary[] = "processes/global-mechanism/plenary";

class StreamInboxTest : public RoutingTest {
 protected:
  AppOptions Options() override {
    AppOptions o = RoutingTest::Options();
    o.inbox.stream.poll_interval = absl::Milliseconds(20);
    o.inbox.stream.max_streams = 2;
    return o;
  }

  static std::unique_ptr<grpc::ClientContext> StreamCtx(const std::string& principal,
                                                        absl::Duration deadline) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(absl::ToChronoTime(absl::Now() + deadline));
    if (!principal.empty()) ctx->AddMetadata("x-polylateral-principal", principal);
    return ctx;
  }

  std::unique_ptr<grpc::ClientReader<rt::Delivery>> Open(grpc::ClientContext* ctx,
                                                         const std::string& dest = kPlenary) {
    rt::StreamInboxRequest req;
    req.set_destination(dest);
    return routing_->StreamInbox(ctx, req);
  }

  std::string Submitted(const std::string& author) {
    rt::Input out;
    grpc::Status st = SubmitInput(Written(author, kGm, {"cybersecurity"}), &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out.name();
  }

  // Whether the service's open-stream count reaches `n` within 5 s (its threads ended).
  bool OpenStreamsReach(int n) {
    const absl::Time give_up = absl::Now() + absl::Seconds(5);
    while (routing_app_->routing_service().open_streams() != n) {
      if (absl::Now() > give_up) return false;
      absl::SleepFor(absl::Milliseconds(10));  // polling interval
    }
    return true;
  }
};

TEST_F(StreamInboxTest, DeliversAsTheyArriveRedeliversUnacknowledgedAndStopsOnCancel) {
  GlobalMechanism(kGm);
  const std::string acme = Accredited("Acme Security", kGm);
  auto ctx = StreamCtx(kSecretariat, absl::Seconds(20));
  auto stream = Open(ctx.get());
  ASSERT_TRUE(OpenStreamsReach(1));

  // Queued after the stream opened: it arrives on the stream.
  const std::string a = Submitted(acme);
  rt::Delivery d;
  ASSERT_TRUE(stream->Read(&d));
  EXPECT_EQ(d.input().name(), a);
  EXPECT_EQ(d.destination(), kPlenary);
  EXPECT_EQ(d.delivery_count(), 1);
  EXPECT_TRUE(Ack(kPlenary, d.delivery_id(), kSecretariat));

  // Not acknowledged: back on the stream after the visibility timeout (100 ms).
  const std::string b = Submitted(acme);
  ASSERT_TRUE(stream->Read(&d));
  EXPECT_EQ(d.input().name(), b);
  EXPECT_EQ(d.delivery_count(), 1);
  ASSERT_TRUE(stream->Read(&d));
  EXPECT_EQ(d.input().name(), b);
  EXPECT_EQ(d.delivery_count(), 2);
  EXPECT_TRUE(Ack(kPlenary, d.delivery_id(), kSecretariat));

  // Acknowledged ones never come back. A marker handed out after the acknowledgements and
  // left unacknowledged comes back after its visibility timeout, by which time a and b would
  // have been due back too (and a redelivery due earlier is handed out first): the marker's
  // return is the next thing on the stream.
  const std::string c = Submitted(acme);
  ASSERT_TRUE(stream->Read(&d));
  EXPECT_EQ(d.input().name(), c);
  EXPECT_EQ(d.delivery_count(), 1);
  ASSERT_TRUE(stream->Read(&d));
  EXPECT_EQ(d.input().name(), c);
  EXPECT_EQ(d.delivery_count(), 2);
  EXPECT_TRUE(Ack(kPlenary, d.delivery_id(), kSecretariat));

  ctx->TryCancel();
  EXPECT_FALSE(stream->Read(&d));
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::CANCELLED);
  ASSERT_TRUE(OpenStreamsReach(0));
  // The cancelled stream takes nothing more: a new input goes, handed out for the first time,
  // to the next reader, a stream that polls as often as the cancelled one did.
  auto next_ctx = StreamCtx(kSecretariat, absl::Seconds(20));
  auto next = Open(next_ctx.get());
  ASSERT_TRUE(OpenStreamsReach(1));
  const std::string e = Submitted(acme);
  ASSERT_TRUE(next->Read(&d));
  EXPECT_EQ(d.input().name(), e);
  EXPECT_EQ(d.delivery_count(), 1);
  next_ctx->TryCancel();
  EXPECT_FALSE(next->Read(&d));
  EXPECT_EQ(next->Finish().error_code(), grpc::StatusCode::CANCELLED);
}

TEST_F(StreamInboxTest, EndsAtItsDeadline) {
  GlobalMechanism(kGm);
  auto ctx = StreamCtx(kSecretariat, absl::Milliseconds(300));
  auto stream = Open(ctx.get());
  rt::Delivery d;
  const absl::Time start = absl::Now();
  EXPECT_FALSE(stream->Read(&d));
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_LT(absl::Now() - start, absl::Seconds(3));
  EXPECT_TRUE(OpenStreamsReach(0));
}

TEST_F(StreamInboxTest, RefusesOthersBadRequestsAndStreamsBeyondTheLimit) {
  GlobalMechanism(kGm);
  rt::Delivery d;
  struct Case {
    std::string principal, destination, consumer;
    int max_batch;
    grpc::StatusCode code;
    std::string reason_or_field;
  };
  const Case cases[] = {
      {"state:BR", kPlenary, "", 0, grpc::StatusCode::PERMISSION_DENIED, "NOT_DESTINATION"},
      {"", kPlenary, "", 0, grpc::StatusCode::PERMISSION_DENIED, "ACCESS_DENIED"},
      {kSecretariat, "nowhere", "", 0, grpc::StatusCode::INVALID_ARGUMENT, "destination"},
      {kSecretariat, kPlenary, "no spaces", 0, grpc::StatusCode::INVALID_ARGUMENT, "consumer"},
      {kSecretariat, kPlenary, "", 101, grpc::StatusCode::INVALID_ARGUMENT, "max_batch"},
  };
  for (const Case& c : cases) {
    auto ctx = StreamCtx(c.principal, absl::Seconds(5));
    rt::StreamInboxRequest req;
    req.set_destination(c.destination);
    req.set_consumer(c.consumer);
    req.set_max_batch(c.max_batch);
    auto stream = routing_->StreamInbox(ctx.get(), req);
    EXPECT_FALSE(stream->Read(&d));
    grpc::Status st = stream->Finish();
    EXPECT_EQ(st.error_code(), c.code) << c.reason_or_field;
    if (c.code == grpc::StatusCode::INVALID_ARGUMENT) {
      EXPECT_THAT(Details(st).fields, Contains(c.reason_or_field));
    } else {
      EXPECT_EQ(Details(st).reason, c.reason_or_field);
    }
  }
  EXPECT_EQ(routing_app_->routing_service().open_streams(), 0);

  // Two streams may be open (the test's limit); a third is refused, and a slot frees up
  // when one ends.
  auto c1 = StreamCtx(kSecretariat, absl::Seconds(10));
  auto c2 = StreamCtx("state:CL", absl::Seconds(10));
  auto s1 = Open(c1.get());
  auto s2 = Open(c2.get(), "states/CL/inbox");
  ASSERT_TRUE(OpenStreamsReach(2));
  auto c3 = StreamCtx(kSecretariat, absl::Seconds(10));
  auto s3 = Open(c3.get());
  EXPECT_FALSE(s3->Read(&d));
  grpc::Status st = s3->Finish();
  EXPECT_EQ(st.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(Details(st).reason, "TOO_MANY_STREAMS");
  c1->TryCancel();
  EXPECT_EQ(s1->Finish().error_code(), grpc::StatusCode::CANCELLED);
  ASSERT_TRUE(OpenStreamsReach(1));
  auto c4 = StreamCtx(kSecretariat, absl::Seconds(10));
  auto s4 = Open(c4.get());
  EXPECT_TRUE(OpenStreamsReach(2));
  c2->TryCancel();
  c4->TryCancel();
  s2->Finish();
  s4->Finish();
  EXPECT_TRUE(OpenStreamsReach(0));
}

// One caller may hold at most max_streams_per_principal streams, whatever room the service
// has; others still get theirs, and a stream that ends frees its caller's slot.
class PerPrincipalStreamTest : public StreamInboxTest {
 protected:
  AppOptions Options() override {
    AppOptions o = StreamInboxTest::Options();
    o.inbox.stream.max_streams = 4;
    o.inbox.stream.max_streams_per_principal = 1;
    return o;
  }
};

TEST_F(PerPrincipalStreamTest, OneCallerHoldsAtMostItsCapAndAnEndedStreamFreesIt) {
  GlobalMechanism(kGm);
  rt::Delivery d;
  auto c1 = StreamCtx(kSecretariat, absl::Seconds(20));
  auto s1 = Open(c1.get());
  ASSERT_TRUE(OpenStreamsReach(1));

  // The same secretariat again, even on another of its destinations: refused.
  auto c2 = StreamCtx(kSecretariat, absl::Seconds(20));
  auto s2 = Open(c2.get(), "processes/global-mechanism/groups/cip");
  EXPECT_FALSE(s2->Read(&d));
  grpc::Status st = s2->Finish();
  EXPECT_EQ(st.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(Details(st).reason, "TOO_MANY_STREAMS");
  EXPECT_NE(st.error_message().find("max_streams_per_principal"), std::string::npos)
      << st.error_message();

  // Other callers are not held back by it.
  auto c3 = StreamCtx("state:CL", absl::Seconds(20));
  auto s3 = Open(c3.get(), "states/CL/inbox");
  auto c4 = StreamCtx("operator:ops", absl::Seconds(20));
  auto s4 = Open(c4.get());
  ASSERT_TRUE(OpenStreamsReach(3));

  // Its stream ended: the secretariat may open one again.
  c1->TryCancel();
  EXPECT_EQ(s1->Finish().error_code(), grpc::StatusCode::CANCELLED);
  ASSERT_TRUE(OpenStreamsReach(2));
  auto c5 = StreamCtx(kSecretariat, absl::Seconds(20));
  auto s5 = Open(c5.get());
  EXPECT_TRUE(OpenStreamsReach(3));
  for (auto* c : {c3.get(), c4.get(), c5.get()}) c->TryCancel();
  s3->Finish();
  s4->Finish();
  s5->Finish();
  EXPECT_TRUE(OpenStreamsReach(0));
}

}  // namespace
}  // namespace polylateral::routing::testing
