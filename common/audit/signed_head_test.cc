#include "common/audit/signed_head.h"

#include "common/audit/canonical.h"
#include "gtest/gtest.h"

namespace polylateral::audit {
namespace {

SignedHead Head() { return SignedHead{"{rt}", 42, Sha256("chain"), 1700000000000, "", ""}; }

TEST(SignedHead, SignsAndVerifies) {
  absl::StatusOr<HeadSigner> signer = HeadSigner::FromPem(*GenerateEd25519Pem());
  ASSERT_TRUE(signer.ok()) << signer.status();
  SignedHead head = Head();
  ASSERT_TRUE(signer->Sign(head).ok());
  EXPECT_EQ(head.signature.size(), 64u);
  EXPECT_EQ(head.key_id.size(), 16u);
  absl::StatusOr<HeadVerifier> verifier = HeadVerifier::FromPem(signer->public_pem());
  ASSERT_TRUE(verifier.ok()) << verifier.status();
  EXPECT_EQ(verifier->key_id(), signer->key_id());
  EXPECT_TRUE(verifier->Verify(head).ok());
}

TEST(SignedHead, AnyChangeFailsTheSignature) {
  HeadSigner signer = *HeadSigner::FromPem(*GenerateEd25519Pem());
  HeadVerifier verifier = *HeadVerifier::FromPem(signer.public_pem());
  SignedHead head = Head();
  ASSERT_TRUE(signer.Sign(head).ok());
  SignedHead h = head;
  h.seq = 43;
  EXPECT_FALSE(verifier.Verify(h).ok());
  h = head;
  h.hash = Sha256("other");
  EXPECT_FALSE(verifier.Verify(h).ok());
  h = head;
  h.log = "{acc}";
  EXPECT_FALSE(verifier.Verify(h).ok());
  h = head;
  h.time_ms += 1;
  EXPECT_FALSE(verifier.Verify(h).ok());
}

TEST(SignedHead, AnotherKeyIsRefused) {
  HeadSigner signer = *HeadSigner::FromPem(*GenerateEd25519Pem());
  HeadSigner other = *HeadSigner::FromPem(*GenerateEd25519Pem());
  HeadVerifier verifier = *HeadVerifier::FromPem(signer.public_pem());
  SignedHead head = Head();
  ASSERT_TRUE(other.Sign(head).ok());
  EXPECT_FALSE(verifier.Verify(head).ok());
  head.key_id = signer.key_id();  // a forged key id does not help
  EXPECT_FALSE(verifier.Verify(head).ok());
}

TEST(SignedHead, RefusesWhatIsNotAnEd25519Key) {
  EXPECT_FALSE(HeadSigner::FromPem("not a key").ok());
  EXPECT_FALSE(HeadVerifier::FromPem("not a key").ok());
  EXPECT_FALSE(HeadSigner::FromPemFile("/nonexistent/key.pem").ok());
}

}  // namespace
}  // namespace polylateral::audit
