#include "tests/edge/test_pki.h"

#include <stdlib.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "common/edge/identity.h"
#include "common/edge/tls.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"

namespace polylateral::testing {
namespace {

std::string SourceDir() {
  const char* dir = std::getenv("POLYLATERAL_SOURCE_DIR");
  return dir != nullptr ? dir : ".";
}

std::string Quote(const std::string& s) {
  return absl::StrCat("'", absl::StrReplaceAll(s, {{"'", "'\\''"}}), "'");
}

}  // namespace

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Reason(const grpc::Status& status) {
  google::rpc::Status rpc;
  if (!rpc.ParseFromString(status.error_details())) return "";
  for (const auto& any : rpc.details()) {
    google::rpc::ErrorInfo info;
    if (any.UnpackTo(&info)) return info.reason();
  }
  return "";
}

TestPki::TestPki(const std::string& ca_name, const std::vector<std::string>& principals,
                 const std::string& trust_domain)
    : ca_name_(ca_name) {
  char tmpl[] = "/tmp/polylateral-pki-XXXXXX";
  const char* made = mkdtemp(tmpl);
  EXPECT_NE(made, nullptr);
  dir_ = made != nullptr ? made : "/tmp";
  Issue(principals, false, trust_domain);
}

TestPki::~TestPki() {
  const std::string cmd = absl::StrCat("rm -rf ", Quote(dir_));
  if (std::system(cmd.c_str()) != 0) ADD_FAILURE() << "cannot remove " << dir_;
}

void TestPki::Issue(const std::vector<std::string>& principals, bool reissue,
                    const std::string& trust_domain) {
  std::vector<std::string> quoted;
  quoted.reserve(principals.size());
  for (const auto& p : principals) quoted.push_back(Quote(p));
  const std::string cmd = absl::StrCat(Quote(SourceDir() + "/scripts/dev-ca"), " -d ", Quote(dir_),
                                       " -n ", Quote(ca_name_), " -t ", Quote(trust_domain),
                                       reissue ? " -r " : " ", absl::StrJoin(quoted, " "));
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

std::string TestPki::cert(const std::string& principal) const {
  return absl::StrCat(dir_, "/", absl::StrReplaceAll(principal, {{":", "-"}}), ".crt");
}

std::string TestPki::key(const std::string& principal) const {
  return absl::StrCat(dir_, "/", absl::StrReplaceAll(principal, {{":", "-"}}), ".key");
}

std::shared_ptr<grpc::ChannelCredentials> TestPki::Client(const std::string& principal,
                                                          const std::string& server,
                                                          const std::string& server_ca) const {
  edge::TlsOptions tls;
  tls.cert = cert(principal);
  tls.key = key(principal);
  tls.ca = server_ca.empty() ? ca() : server_ca;
  return edge::ChannelCredentials(
      tls, edge::SpiffeIdOf(Principal{Principal::Kind::kService, server}, "polylateral"));
}

}  // namespace polylateral::testing
