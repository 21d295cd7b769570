// Webhooks against a real HTTP receiver in the test process (cpp-httplib on loopback) that
// checks each request's HMAC-SHA256 signature and fails on purpose: retried deliveries
// arrive once, an always-failing receiver ends in the dead letters after 10 attempts, and the
// owner's disclosure rules apply to what it is sent.
#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/synchronization/mutex.h"
#include "google/protobuf/util/json_util.h"
#include "tests/accreditation/harness.h"

namespace polylateral::accreditation::testing {
namespace {

constexpr char kSecret[] = "a-test-secret-of-some-length";

std::string Hmac(const std::string& secret, const std::string& body) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(body.data()), body.size(), mac, &len);
  return "sha256=" + absl::BytesToHexString(absl::string_view(reinterpret_cast<char*>(mac), len));
}

// Answers POST /<path>: 500 for the first `fail_first` requests of each event id (all of
// them for /fail), then 200. Records every request; one with a bad signature is answered 401
// and counted.
class Receiver {
 public:
  explicit Receiver(std::map<std::string, int> fail_first) : fail_first_(std::move(fail_first)) {
    server_.Post(R"(/(\w+))", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string path = req.matches[1];
      absl::MutexLock lock(&mu_);
      if (req.get_header_value("X-Polylateral-Signature") != Hmac(kSecret, req.body) ||
          req.get_header_value("X-Polylateral-Timestamp").empty()) {
        ++bad_signatures_;
        res.status = 401;
        return;
      }
      const std::string id = req.get_header_value("X-Polylateral-Event-Id");
      const int n = ++attempts_[path + " " + id];
      auto limit = fail_first_.find(path);
      if (limit != fail_first_.end() && n <= limit->second) {
        res.status = 500;
        return;
      }
      acc::Event e;
      EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(req.body, &e).ok()) << req.body;
      EXPECT_EQ(e.token(), id);
      delivered_[path].push_back(e);
      res.status = 204;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    // Bound and listening already: connections queue until the thread accepts them.
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/" + path;
  }
  // Waits up to 20 s until `done` holds of the receiver's state.
  bool WaitFor(const std::function<bool(const Receiver&)>& done) {
    const absl::Time until = absl::Now() + absl::Seconds(20);
    while (absl::Now() < until) {
      {
        absl::MutexLock lock(&mu_);
        if (done(*this)) return true;
      }
      absl::SleepFor(absl::Milliseconds(10));
    }
    return false;
  }
  std::vector<acc::Event> Delivered(const std::string& path) {
    absl::MutexLock lock(&mu_);
    return delivered_[path];
  }
  int Attempts(const std::string& path, const std::string& id) {
    absl::MutexLock lock(&mu_);
    return attempts_[path + " " + id];
  }
  int BadSignatures() {
    absl::MutexLock lock(&mu_);
    return bad_signatures_;
  }

  // Read under the lock by WaitFor's predicates.
  std::map<std::string, std::vector<acc::Event>> delivered_;
  std::map<std::string, int> attempts_;

 private:
  const std::map<std::string, int> fail_first_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  absl::Mutex mu_;
  int bad_signatures_ = 0;
};

class WebhookTest : public AccreditationTest {
 protected:
  acc::Subscription Subscribe(const std::string& principal, const std::string& url,
                              const std::string& process = "") {
    acc::CreateSubscriptionRequest req;
    req.mutable_subscription()->set_url(url);
    req.mutable_subscription()->set_secret(kSecret);
    req.mutable_subscription()->set_process(process);
    acc::Subscription out;
    auto ctx = Ctx(principal);
    grpc::Status st = stub_->CreateSubscription(ctx.get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  }
  acc::Application InNotice(const std::string& process, const std::string& name) {
    const std::string ngo = Stakeholder(name, reg::Stakeholder::NO_STATUS);
    return Submit(Apply(process, ngo, "non-objection").name(), "stakeholder:" + ngo);
  }
};

TEST_F(WebhookTest, AFailingReceiverGetsEachEventOnceAfterRetriesInCommitOrder) {
  Receiver receiver({{"flaky", 3}});
  Process("oewg", reg::ParticipationModalities::PUBLIC);
  const acc::Subscription sub = Subscribe("state:FR", receiver.Url("flaky"), "processes/oewg");
  EXPECT_EQ(sub.secret(), kSecret);
  EXPECT_EQ(sub.owner(), "state:FR");
  const acc::Application a = InNotice("oewg", "Hooked NGO");
  ASSERT_TRUE(Object(a.name(), "RU").ok());

  ASSERT_TRUE(receiver.WaitFor([](const Receiver& r) {
    auto it = r.delivered_.find("flaky");
    return it != r.delivered_.end() && it->second.size() >= 2;
  }));
  const std::vector<acc::Event> got = receiver.Delivered("flaky");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].type(), "application.submitted");
  EXPECT_EQ(got[1].type(), "objection.lodged");
  EXPECT_EQ(got[1].objecting_state(), "states/RU");
  for (const auto& e : got) EXPECT_EQ(receiver.Attempts("flaky", e.token()), 4) << e.type();
  EXPECT_EQ(receiver.BadSignatures(), 0);
  // Nothing more comes: each event was delivered once.
  const acc::Application b = InNotice("oewg", "Next NGO");
  ASSERT_TRUE(
      receiver.WaitFor([](const Receiver& r) { return r.delivered_.at("flaky").size() >= 3; }));
  EXPECT_EQ(receiver.Delivered("flaky").size(), 3u);
  EXPECT_EQ(receiver.Delivered("flaky")[2].application(), b.name());

  acc::ListDeadLettersRequest req;
  req.set_parent(sub.name());
  acc::ListDeadLettersResponse letters;
  auto ctx = Ctx("state:FR");
  ASSERT_TRUE(stub_->ListDeadLetters(ctx.get(), req, &letters).ok());
  EXPECT_EQ(letters.dead_letters_size(), 0);
}

TEST_F(WebhookTest, AfterTenFailedAttemptsTheEventGoesToTheDeadLetters) {
  Receiver receiver({{"fail", 1000000}});
  Process("oewg", reg::ParticipationModalities::PUBLIC);
  const acc::Subscription sub = Subscribe("secretariat:oewg", receiver.Url("fail"));
  const acc::Application a = InNotice("oewg", "Unreachable NGO");

  acc::ListDeadLettersRequest req;
  req.set_parent(sub.name());
  acc::ListDeadLettersResponse letters;
  const absl::Time until = absl::Now() + absl::Seconds(20);
  while (letters.dead_letters_size() == 0 && absl::Now() < until) {
    auto ctx = Ctx("secretariat:oewg");
    ASSERT_TRUE(stub_->ListDeadLetters(ctx.get(), req, &letters).ok());
    if (letters.dead_letters_size() == 0) absl::SleepFor(absl::Milliseconds(20));
  }
  ASSERT_EQ(letters.dead_letters_size(), 1);
  const acc::DeadLetter& d = letters.dead_letters(0);
  EXPECT_EQ(d.attempts(), 10);
  EXPECT_EQ(d.last_error(), "HTTP 500");
  EXPECT_EQ(d.event().type(), "application.submitted");
  EXPECT_EQ(d.event().application(), a.name());
  EXPECT_TRUE(d.has_fail_time());
  EXPECT_EQ(receiver.Attempts("fail", d.event().token()), 10);

  // Another principal sees neither the subscription nor its dead letters.
  auto other = Ctx("state:FR");
  EXPECT_EQ(stub_->ListDeadLetters(other.get(), req, &letters).error_code(),
            grpc::StatusCode::NOT_FOUND);
  acc::GetSubscriptionRequest get;
  get.set_name(sub.name());
  acc::Subscription got;
  auto mine = Ctx("secretariat:oewg");
  ASSERT_TRUE(stub_->GetSubscription(mine.get(), get, &got).ok());
  EXPECT_EQ(got.secret(), "");  // shown once, at creation
  EXPECT_EQ(got.url(), receiver.Url("fail"));
  // Deleting it stops deliveries and forgets its dead letters.
  acc::DeleteSubscriptionRequest del;
  del.set_name(sub.name());
  acc::DeleteSubscriptionResponse deleted;
  auto ctx = Ctx("secretariat:oewg");
  ASSERT_TRUE(stub_->DeleteSubscription(ctx.get(), del, &deleted).ok());
  auto again = Ctx("secretariat:oewg");
  EXPECT_EQ(stub_->GetSubscription(again.get(), get, &got).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(WebhookTest, TheOwnersDisclosureRulesApply) {
  Receiver receiver({});
  Process("oewg", reg::ParticipationModalities::COUNT_ONLY);
  Subscribe("state:FR", receiver.Url("other"));
  Subscribe("state:RU", receiver.Url("objector"));
  const acc::Application a = InNotice("oewg", "Discreet NGO");
  ASSERT_TRUE(Object(a.name(), "RU").ok());
  ASSERT_TRUE(receiver.WaitFor([](const Receiver& r) {
    return r.delivered_.count("other") && r.delivered_.at("other").size() >= 2 &&
           r.delivered_.count("objector") && r.delivered_.at("objector").size() >= 2;
  }));
  const acc::Event hidden = receiver.Delivered("other")[1];
  EXPECT_TRUE(hidden.withheld());
  EXPECT_EQ(hidden.objecting_state(), "");
  EXPECT_EQ(hidden.grounds(), "");
  const acc::Event shown = receiver.Delivered("objector")[1];
  EXPECT_FALSE(shown.withheld());
  EXPECT_EQ(shown.objecting_state(), "states/RU");
  EXPECT_EQ(shown.grounds(), "Concerns about the applicant's independence.");
}

TEST_F(WebhookTest, BadSubscriptionsAreRefusedNamingTheField) {
  struct Case {
    std::string url, secret, process, reason, field;
  };
  for (const Case& c : std::vector<Case>{
           {"http://example.org/hook", "", "", "INVALID_URL", "subscription.url"},
           {"ftp://127.0.0.1/x", "", "", "INVALID_URL", "subscription.url"},
           {"", "", "", "INVALID_URL", "subscription.url"},
           {"https://example.org/hook", "short", "", "INVALID_SECRET", "subscription.secret"},
           {"https://example.org/hook", "", "igf", "INVALID_NAME", "subscription.process"}}) {
    acc::CreateSubscriptionRequest req;
    req.mutable_subscription()->set_url(c.url);
    req.mutable_subscription()->set_secret(c.secret);
    req.mutable_subscription()->set_process(c.process);
    acc::Subscription out;
    auto ctx = Ctx("state:FR");
    const grpc::Status st = stub_->CreateSubscription(ctx.get(), req, &out);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.url;
    EXPECT_EQ(Details(st).reason, c.reason) << c.url;
    EXPECT_EQ(Details(st).fields, std::vector<std::string>{c.field}) << c.url;
  }
  // Nothing was written; a generated secret is long and returned once.
  acc::ListSubscriptionsResponse list;
  auto ctx = Ctx("state:FR");
  ASSERT_TRUE(stub_->ListSubscriptions(ctx.get(), {}, &list).ok());
  EXPECT_EQ(list.subscriptions_size(), 0);
  acc::CreateSubscriptionRequest req;
  req.mutable_subscription()->set_url("https://hooks.example.org/acc");
  acc::Subscription out;
  auto create = Ctx("state:FR");
  ASSERT_TRUE(stub_->CreateSubscription(create.get(), req, &out).ok());
  EXPECT_EQ(out.secret().size(), 64u);
  auto anon = Ctx();
  EXPECT_EQ(stub_->CreateSubscription(anon.get(), req, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace polylateral::accreditation::testing
