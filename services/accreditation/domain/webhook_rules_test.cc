#include "services/accreditation/domain/webhook_rules.h"

#include "common/base/errors.h"
#include "gtest/gtest.h"

namespace polylateral::accreditation {
namespace {

TEST(WebhookUrl, HttpsRequiredExceptLoopbackInDevelopment) {
  EXPECT_TRUE(CheckWebhookUrl("https://hooks.example.org/acc", false, "u").ok());
  EXPECT_TRUE(CheckWebhookUrl("http://127.0.0.1:8080/hook", true, "u").ok());
  EXPECT_TRUE(CheckWebhookUrl("http://localhost/hook", true, "u").ok());
  EXPECT_TRUE(CheckWebhookUrl("http://[::1]:9/hook", true, "u").ok());
  for (const char* bad : {"", "ftp://x", "http://example.org/", "https://", "https://user@host/",
                          "https://a b/", "http://127.0.0.1.example.org/", "hooks.example.org"}) {
    absl::Status s = CheckWebhookUrl(bad, true, "subscription.url");
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(ErrorReason(s), "INVALID_URL") << bad;
    ASSERT_EQ(ErrorViolations(s).size(), 1u);
    EXPECT_EQ(ErrorViolations(s)[0].field, "subscription.url");
  }
  EXPECT_FALSE(CheckWebhookUrl("http://127.0.0.1:8080/hook", false, "u").ok());
  EXPECT_FALSE(CheckWebhookUrl("https://x/" + std::string(2048, 'a'), false, "u").ok());
  // Addresses inside the service's own network: never, whatever the development flag says.
  for (const char* internal :
       {"https://127.0.0.1/h", "https://10.1.2.3/h", "https://172.20.0.1:8443/h",
        "https://192.168.1.1/h", "https://169.254.169.254/latest", "https://0.0.0.0/h",
        "https://[::1]/h", "https://[fd00::1]/h", "https://[fe80::1]/h", "https://localhost/h"}) {
    absl::Status s = CheckWebhookUrl(internal, true, "subscription.url");
    EXPECT_EQ(ErrorReason(s), "INVALID_URL") << internal;
  }
  EXPECT_TRUE(CheckWebhookUrl("https://172.32.0.1/h", false, "u").ok());
  EXPECT_TRUE(CheckWebhookUrl("https://203.0.113.7:8443/h", false, "u").ok());
}

TEST(WebhookSecret, Length) {
  EXPECT_TRUE(CheckWebhookSecret("0123456789abcdef", "s").ok());
  EXPECT_EQ(ErrorReason(CheckWebhookSecret("short", "s")), "INVALID_SECRET");
  EXPECT_FALSE(CheckWebhookSecret("0123456789 abcdef", "s").ok());
  EXPECT_FALSE(CheckWebhookSecret(std::string(257, 'x'), "s").ok());
}

TEST(WebhookBackoff, DoublesUpToTheCap) {
  const absl::Duration base = absl::Seconds(1), cap = absl::Seconds(60);
  EXPECT_EQ(WebhookBackoff(1, base, cap), absl::Seconds(1));
  EXPECT_EQ(WebhookBackoff(2, base, cap), absl::Seconds(2));
  EXPECT_EQ(WebhookBackoff(4, base, cap), absl::Seconds(8));
  EXPECT_EQ(WebhookBackoff(9, base, cap), absl::Seconds(60));
  EXPECT_EQ(WebhookBackoff(1000, base, cap), absl::Seconds(60));
}

TEST(WebhookAccess, OwnerAndOperators) {
  WebhookSubscription s;
  s.owner = {Principal::Kind::kState, "FR"};
  EXPECT_TRUE(MaySeeSubscription({Principal::Kind::kState, "FR"}, s));
  EXPECT_TRUE(MaySeeSubscription({Principal::Kind::kOperator, "ops"}, s));
  EXPECT_FALSE(MaySeeSubscription({Principal::Kind::kState, "BR"}, s));
  EXPECT_FALSE(MaySubscribe(Principal::Anonymous()).ok());
  EXPECT_TRUE(MaySubscribe({Principal::Kind::kStakeholder, "ngo"}).ok());
}

}  // namespace
}  // namespace polylateral::accreditation
