// Operators handle dead letters over gRPC against the real services: list them with their
// reason, requeue one (handed out again from count 1), drop one for good; each action is in
// the audit log, and nobody else may do it.
#include "absl/strings/match.h"
#include "tests/routing/harness.h"

namespace polylateral::routing::testing {
namespace {

constexpr char kGm[] = "global-mechanism";
constexpr char kSecretariat[] = "secretariat:global-mechanism";
constexpr char kPlenary[] = "processes/global-mechanism/plenary";
constexpr char kOperator[] = "operator:ops";

class DeadLetterTest : public RoutingTest {
 protected:
  // Pulls without acknowledging until the destination's dead-letter list holds `n`.
  void DeadLetter(int n) {
    const absl::Time give_up = absl::Now() + absl::Seconds(15);
    while (absl::Now() < give_up) {
      Pull(kPlenary, kSecretariat);
      auto dead = routing_app_->store().DeadLetters(kPlenary);
      ASSERT_TRUE(dead.ok());
      if (static_cast<int>(dead->size()) >= n) return;
      absl::SleepFor(absl::Milliseconds(20));  // polling interval, not a wait for an outcome
    }
    FAIL() << "no dead letter after 15 s";
  }

  rt::ListDeadLettersResponse List(const std::string& principal, grpc::Status* st = nullptr) {
    rt::ListDeadLettersRequest req;
    req.set_destination(kPlenary);
    rt::ListDeadLettersResponse out;
    auto ctx = Ctx(principal);
    grpc::Status s = routing_->ListDeadLetters(ctx.get(), req, &out);
    if (st != nullptr) *st = s;
    return out;
  }
};

std::vector<std::string> AuditActions(const redis::RedisOptions& admin) {
  auto r = redis::RedisClient(admin, nullptr).Command({"LRANGE", "{rt}:audit:log", "0", "-1"});
  std::vector<std::string> out;
  for (size_t i = 0; r.ok() && i < r->size(); ++i) {
    const std::string entry((*r)[i].str());
    if (absl::StrContains(entry, "routing.dead_letter.")) out.push_back(entry);
  }
  return out;
}

TEST_F(DeadLetterTest, OperatorsListRequeueAndDropWhatNobodyAcknowledged) {
  GlobalMechanism(kGm);
  const std::string acme = Accredited("Acme Security", kGm);
  rt::Input first, second;
  ASSERT_TRUE(SubmitInput(Written(acme, kGm, {"cybersecurity"}), &first).ok());
  ASSERT_TRUE(SubmitInput(Written(acme, kGm, {"cybersecurity"}), &second).ok());
  DeadLetter(2);

  // Only operators: the destination's own reader is refused.
  grpc::Status st;
  List(kSecretariat, &st);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  const rt::ListDeadLettersResponse listed = List(kOperator, &st);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_EQ(listed.dead_letters_size(), 2);
  EXPECT_EQ(listed.total_count(), 2);
  std::map<std::string, rt::DeadLetter> by_input;
  for (const auto& d : listed.dead_letters()) {
    EXPECT_EQ(d.destination(), kPlenary);
    EXPECT_EQ(d.delivery_count(), 3);  // the harness's max_deliveries
    EXPECT_TRUE(absl::StrContains(d.reason(), "without acknowledgement")) << d.reason();
    EXPECT_TRUE(d.has_dead_letter_time());
    by_input[d.input()] = d;
  }
  ASSERT_EQ(by_input.count(first.name()), 1u);
  ASSERT_EQ(by_input.count(second.name()), 1u);

  // Requeued: handed out again as a new delivery, counted from 1.
  rt::RequeueDeadLetterRequest requeue;
  requeue.set_destination(kPlenary);
  requeue.set_delivery_id(by_input[first.name()].delivery_id());
  rt::DeadLetter requeued;
  {
    auto ctx = Ctx(kOperator);
    st = routing_->RequeueDeadLetter(ctx.get(), requeue, &requeued);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }
  EXPECT_NE(requeued.delivery_id(), requeue.delivery_id());
  EXPECT_EQ(requeued.input(), first.name());
  const rt::PullInboxResponse again = Pull(kPlenary, kSecretariat);
  ASSERT_EQ(again.deliveries_size(), 1);
  EXPECT_EQ(again.deliveries(0).input().name(), first.name());
  EXPECT_EQ(again.deliveries(0).delivery_id(), requeued.delivery_id());
  EXPECT_EQ(again.deliveries(0).delivery_count(), 1);
  EXPECT_EQ(again.deliveries(0).route().destination(), kPlenary);
  EXPECT_TRUE(Ack(kPlenary, requeued.delivery_id(), kSecretariat));
  {
    auto ctx = Ctx(kOperator);
    st = routing_->RequeueDeadLetter(ctx.get(), requeue, &requeued);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
    EXPECT_EQ(Details(st).reason, "DEAD_LETTER_NOT_FOUND");
  }

  // Dropped: gone from the list, never handed out.
  rt::DropDeadLetterRequest drop;
  drop.set_destination(kPlenary);
  drop.set_delivery_id(by_input[second.name()].delivery_id());
  google::protobuf::Empty empty;
  {
    auto ctx = Ctx(kSecretariat);
    EXPECT_EQ(routing_->DropDeadLetter(ctx.get(), drop, &empty).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }
  {
    auto ctx = Ctx(kOperator);
    st = routing_->DropDeadLetter(ctx.get(), drop, &empty);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }
  EXPECT_EQ(List(kOperator).total_count(), 0);
  EXPECT_EQ(Pull(kPlenary, kSecretariat).deliveries_size(), 0);

  // Bad input names the field.
  drop.clear_delivery_id();
  {
    auto ctx = Ctx(kOperator);
    st = routing_->DropDeadLetter(ctx.get(), drop, &empty);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(Details(st).fields, std::vector<std::string>{"delivery_id"});
  }

  const std::vector<std::string> audited = AuditActions(redis_->Options());
  ASSERT_EQ(audited.size(), 2u);
  EXPECT_TRUE(absl::StrContains(audited[0], "routing.dead_letter.requeued"));
  EXPECT_TRUE(absl::StrContains(audited[0], kOperator));
  EXPECT_TRUE(absl::StrContains(audited[1], "routing.dead_letter.dropped"));
}

}  // namespace
}  // namespace polylateral::routing::testing
