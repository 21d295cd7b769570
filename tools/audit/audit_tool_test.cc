// polylateral-audit as operators run it: generate a signed export, then verify it as written
// and after each kind of tampering; the exit code and the first bad sequence are the contract.
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/audit/signed_head.h"
#include "common/audit_store/audit_json.h"
#include "gtest/gtest.h"

namespace polylateral::audit {
namespace {

struct ToolRun {
  int code = -1;
  std::string output;
};

ToolRun Tool(const std::string& args) {
  const std::string bin =
      absl::StrCat(std::getenv("POLYLATERAL_BINARY_DIR"), "/tools/audit/polylateral-audit");
  FILE* p = popen(absl::StrCat(bin, " ", args, " 2>&1").c_str(), "r");
  ToolRun r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

class AuditToolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "/audit_tool_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    ASSERT_EQ(std::system(("rm -rf " + dir_ + " && mkdir -p " + dir_).c_str()), 0);
    const std::string pem = *GenerateEd25519Pem();
    HeadSigner signer = *HeadSigner::FromPem(pem);
    std::ofstream(dir_ + "/key.pem") << pem;
    std::ofstream(dir_ + "/key.pub.pem") << signer.public_pem();
    ToolRun g =
        Tool(absl::StrCat("generate --entries=200 --signing_key=", dir_, "/key.pem --out=", dir_,
                          "/log.jsonl --head_out=", dir_, "/head.json"));
    ASSERT_EQ(g.code, 0) << g.output;
    std::ifstream in(dir_ + "/log.jsonl");
    for (std::string line; std::getline(in, line);) lines_.push_back(line);
    ASSERT_EQ(lines_.size(), 200u);
  }

  ToolRun VerifyLines(const std::vector<std::string>& lines) {
    std::ofstream out(dir_ + "/edited.jsonl");
    for (const std::string& l : lines) out << l << "\n";
    out.close();
    return Tool(absl::StrCat("verify --export=", dir_, "/edited.jsonl --head=", dir_,
                             "/head.json --public_key=", dir_, "/key.pub.pem"));
  }

  std::string dir_;
  std::vector<std::string> lines_;
};

TEST_F(AuditToolTest, AnIntactExportVerifies) {
  ToolRun r = VerifyLines(lines_);
  EXPECT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("verified: 200 entries"), std::string::npos) << r.output;
}

TEST_F(AuditToolTest, AnEditIsNamed) {
  std::vector<std::string> lines = lines_;
  const size_t at = lines[41].find("inputs/in-42");
  ASSERT_NE(at, std::string::npos);
  lines[41].replace(at, 12, "inputs/in-99");
  ToolRun r = VerifyLines(lines);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.output.find("bad sequence 42"), std::string::npos) << r.output;
}

TEST_F(AuditToolTest, ReorderingIsNamed) {
  std::vector<std::string> lines = lines_;
  std::swap(lines[9], lines[10]);
  ToolRun r = VerifyLines(lines);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.output.find("bad sequence 10"), std::string::npos) << r.output;
}

TEST_F(AuditToolTest, ADroppedEntryIsNamed) {
  std::vector<std::string> lines = lines_;
  lines.erase(lines.begin() + 99);
  ToolRun r = VerifyLines(lines);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.output.find("bad sequence 100"), std::string::npos) << r.output;
}

TEST_F(AuditToolTest, TruncationIsNamed) {
  std::vector<std::string> lines(lines_.begin(), lines_.begin() + 150);
  ToolRun r = VerifyLines(lines);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.output.find("bad sequence 151"), std::string::npos) << r.output;
}

TEST_F(AuditToolTest, RedactedEntriesVerifyAndAForgedDigestDoesNot) {
  // The generator redacts every twentieth entry's grounds; entry 10's are in clear.
  ASSERT_NE(lines_[19].find("\"digest\""), std::string::npos);
  ASSERT_NE(lines_[9].find("grounds 10"), std::string::npos);
  std::vector<std::string> lines = lines_;
  const size_t at = lines[19].find("\"digest\":\"");
  lines[19][at + 10] = lines[19][at + 10] == 'a' ? 'b' : 'a';
  ToolRun r = VerifyLines(lines);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.output.find("bad sequence 20"), std::string::npos) << r.output;
}

// The generator writes entries 1..100 in chain version 1 and 101..200 in version 2, where every
// tenth has a salted principal and grounds (entry 110 disclosed, 120 redacted).
TEST_F(AuditToolTest, AV2ExportVerifiesAndAWrongSaltIsNamed) {
  ASSERT_EQ(lines_[99].find("\"version\""), std::string::npos);
  ASSERT_NE(lines_[100].find("\"version\":2"), std::string::npos);
  ASSERT_NE(lines_[109].find("\"principal_salt\""), std::string::npos) << lines_[109];
  ASSERT_NE(lines_[109].find("\"salt\""), std::string::npos);
  ASSERT_NE(lines_[119].find("\"principal_digest\""), std::string::npos) << lines_[119];
  std::vector<std::string> lines = lines_;
  size_t at = lines[109].find("\"salt\":\"");
  lines[109][at + 8] = lines[109][at + 8] == 'a' ? 'b' : 'a';
  ToolRun r = VerifyLines(lines);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.output.find("bad sequence 110"), std::string::npos) << r.output;
  // Another principal behind the redacted one's digest.
  lines = lines_;
  at = lines[119].find("\"principal_digest\":\"");
  lines[119][at + 20] = lines[119][at + 20] == 'a' ? 'b' : 'a';
  r = VerifyLines(lines);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.output.find("bad sequence 120"), std::string::npos) << r.output;
}

TEST_F(AuditToolTest, AWithheldV1EntryVerifiesByItsSeal) {
  std::vector<std::string> lines = lines_;
  absl::StatusOr<ExportLine> tenth = DecodeExportLine(lines[9]);
  ASSERT_TRUE(tenth.ok());
  Withhold(tenth->entry);
  lines[9] = EncodeExportLine(tenth->entry, tenth->hash);
  ASSERT_EQ(lines[9].find("grounds"), std::string::npos) << lines[9];
  ToolRun r = VerifyLines(lines);
  EXPECT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("1 withheld"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("from seq 11 on"), std::string::npos) << r.output;
  // A v2 entry is never withheld.
  absl::StatusOr<ExportLine> v2 = DecodeExportLine(lines[109]);
  ASSERT_TRUE(v2.ok());
  Withhold(v2->entry);
  lines[109] = EncodeExportLine(v2->entry, v2->hash);
  r = VerifyLines(lines);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.output.find("bad sequence 110"), std::string::npos) << r.output;
}

TEST_F(AuditToolTest, AnotherKeyOrAnEditedHeadIsRefused) {
  std::ofstream(dir_ + "/other.pub.pem")
      << HeadSigner::FromPem(*GenerateEd25519Pem())->public_pem();
  ToolRun r = Tool(absl::StrCat("verify --export=", dir_, "/log.jsonl --head=", dir_,
                                "/head.json --public_key=", dir_, "/other.pub.pem"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.output.find("bad sequence 0: head"), std::string::npos) << r.output;
  std::ifstream in(dir_ + "/head.json");
  std::string head((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t at = head.find("\"seq\":200");
  ASSERT_NE(at, std::string::npos);
  head.replace(at, 9, "\"seq\":150");
  std::ofstream(dir_ + "/head.json") << head;
  r = VerifyLines(std::vector<std::string>(lines_.begin(), lines_.begin() + 150));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.output.find("signature"), std::string::npos) << r.output;
}

TEST_F(AuditToolTest, UsageErrorsExitTwo) {
  EXPECT_EQ(Tool("verify --export=/nonexistent --head=/nonexistent").code, 2);
  EXPECT_EQ(Tool("frobnicate").code, 2);
}

}  // namespace
}  // namespace polylateral::audit
