#include "common/log/log.h"

#include <sstream>

#include "gtest/gtest.h"

namespace polylateral::log {
namespace {

TEST(LogTest, WritesOneJsonObjectPerLineWithEscaping) {
  std::stringstream out;
  SetSink(&out);
  SetProcessFields({{"service", "registry"}});
  Info("created", {{"name", "a \"quoted\"\nname"}});
  Write(Level::kDebug, "dropped below min level");
  Error("bad bytes", {{"raw", std::string("\xff\xfe")}});
  SetSink(&std::cerr);

  std::string first, second, third;
  ASSERT_TRUE(std::getline(out, first));
  ASSERT_TRUE(std::getline(out, second));
  EXPECT_FALSE(std::getline(out, third));
  auto a = nlohmann::json::parse(first);
  EXPECT_EQ(a["msg"], "created");
  EXPECT_EQ(a["name"], "a \"quoted\"\nname");
  EXPECT_EQ(a["service"], "registry");
  EXPECT_EQ(a["level"], "info");
  auto b = nlohmann::json::parse(second);
  EXPECT_EQ(b["level"], "error");
}

}  // namespace
}  // namespace polylateral::log
