// rpc_json against a real gRPC server on loopback: unary and streaming calls by descriptor,
// JSON both ways, metadata, and a failed call's details decoded.

#include <memory>
#include <string>

#include "common/rpc_json/error_details.h"
#include "common/rpc_json/generic_call.h"
#include "common/rpc_json/json_call.h"
#include "common/rpc_json/method_lookup.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "rpc_json_test.grpc.pb.h"

namespace polylateral::rpc_json {
namespace {

namespace t = polylateral::rpc_json::test;

class TestServiceImpl final : public t::TestService::Service {
  grpc::Status Echo(grpc::ServerContext* context, const t::EchoRequest* request,
                    t::EchoReply* reply) override {
    if (request->fail_code() != 0) {
      google::rpc::Status status;
      status.set_code(request->fail_code());
      status.set_message("text is bad");
      google::rpc::ErrorInfo info;
      info.set_reason("BAD_TEXT");
      info.set_domain("polylateral.test");
      (*info.mutable_metadata())["limit"] = "3";
      status.add_details()->PackFrom(info);
      google::rpc::BadRequest bad;
      auto* violation = bad.add_field_violations();
      violation->set_field("text");
      violation->set_description("too long");
      status.add_details()->PackFrom(bad);
      return grpc::Status(static_cast<grpc::StatusCode>(request->fail_code()), "text is bad",
                          status.SerializeAsString());
    }
    reply->set_text(request->text());
    reply->set_big(request->big());
    *reply->mutable_at() = request->at();
    auto it = context->client_metadata().find("x-test");
    if (it != context->client_metadata().end()) {
      reply->set_metadata(std::string(it->second.data(), it->second.size()));
    }
    return grpc::Status::OK;
  }

  grpc::Status Count(grpc::ServerContext* context, const t::CountRequest* request,
                     grpc::ServerWriter<t::CountReply>* writer) override {
    for (int i = 1; i <= request->up_to(); ++i) {
      if (context->IsCancelled()) return grpc::Status::CANCELLED;
      t::CountReply reply;
      reply.set_n(i);
      if (!writer->Write(reply)) break;
    }
    return grpc::Status::OK;
  }
};

class RpcJsonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(port, 0);
    caller_ = std::make_unique<GenericCaller>(grpc::CreateChannel(
        "127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials()));
  }
  void TearDown() override { server_->Shutdown(); }

  TestServiceImpl service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<GenericCaller> caller_;
};

TEST(MethodLookupTest, FindsMethodsByEveryNameForm) {
  const auto* method = FindMethod("polylateral.rpc_json.test.TestService/Echo");
  ASSERT_NE(method, nullptr);
  EXPECT_EQ(FindMethod("/polylateral.rpc_json.test.TestService/Echo"), method);
  EXPECT_EQ(FindMethod("polylateral.rpc_json.test.TestService.Echo"), method);
  EXPECT_EQ(FindMethod("polylateral.rpc_json.test.TestService/Nope"), nullptr);
  EXPECT_EQ(GrpcPath(*method), "/polylateral.rpc_json.test.TestService/Echo");
}

TEST_F(RpcJsonTest, UnaryCallWithMessages) {
  const auto* method = FindMethod("polylateral.rpc_json.test.TestService/Echo");
  ASSERT_NE(method, nullptr);
  auto request = NewMessage(*method->input_type());
  ASSERT_TRUE(request->ParseFromString([] {
    t::EchoRequest r;
    r.set_text("hello");
    return r.SerializeAsString();
  }()));
  auto response = NewMessage(*method->output_type());
  grpc::ClientContext context;
  ASSERT_TRUE(caller_->Unary(&context, *method, *request, response.get()).ok());
  t::EchoReply reply;
  ASSERT_TRUE(reply.ParseFromString(response->SerializeAsString()));
  EXPECT_EQ(reply.text(), "hello");
}

TEST_F(RpcJsonTest, UnaryCallFromJsonToJsonWithMetadata) {
  const auto* method = FindMethod("polylateral.rpc_json.test.TestService/Echo");
  auto result = CallJson(*caller_, *method,
                         R"({"text":"hi","big":"9007199254740993","at":"2026-01-02T03:04:05Z"})",
                         {{"x-test", "meta"}}, absl::Seconds(5));
  ASSERT_TRUE(result.status.ok()) << result.status.error_message();
  ASSERT_EQ(result.responses.size(), 1u);
  EXPECT_EQ(result.responses[0], R"({"text":"hi","metadata":"meta","big":"9007199254740993",)"
                                 R"("at":"2026-01-02T03:04:05Z"})");
}

TEST_F(RpcJsonTest, BadJsonIsInvalidArgumentWithoutACall) {
  const auto* method = FindMethod("polylateral.rpc_json.test.TestService/Echo");
  auto result = CallJson(*caller_, *method, R"({"txet":"hi"})", {}, absl::Seconds(5));
  EXPECT_EQ(result.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(result.status.error_message().find("txet"), std::string::npos);
  EXPECT_TRUE(result.responses.empty());
}

TEST_F(RpcJsonTest, FailedCallDecodesErrorInfoAndFieldViolations) {
  const auto* method = FindMethod("polylateral.rpc_json.test.TestService/Echo");
  auto result = CallJson(*caller_, *method, R"({"failCode":3})", {}, absl::Seconds(5));
  ASSERT_EQ(result.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(result.error.code, grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(result.error.message, "text is bad");
  EXPECT_EQ(result.error.reason, "BAD_TEXT");
  EXPECT_EQ(result.error.domain, "polylateral.test");
  EXPECT_EQ(result.error.metadata.at("limit"), "3");
  ASSERT_EQ(result.error.field_violations.size(), 1u);
  EXPECT_EQ(result.error.field_violations[0].field, "text");
  EXPECT_EQ(result.error.field_violations[0].description, "too long");
  EXPECT_EQ(StatusCodeName(result.error.code), "INVALID_ARGUMENT");
  const std::string json = ErrorToJson(result.error);
  EXPECT_NE(json.find(R"("@type":"type.googleapis.com/google.rpc.ErrorInfo")"), std::string::npos)
      << json;
  EXPECT_NE(json.find(R"("reason":"BAD_TEXT")"), std::string::npos) << json;
}

TEST_F(RpcJsonTest, ErrorWithoutDetailsStillHasCodeAndMessage) {
  auto error = DecodeError(grpc::Status(grpc::StatusCode::UNAVAILABLE, "down"));
  EXPECT_EQ(error.status.code(), static_cast<int>(grpc::StatusCode::UNAVAILABLE));
  EXPECT_EQ(error.status.message(), "down");
  EXPECT_TRUE(error.reason.empty());
}

TEST_F(RpcJsonTest, ServerStreamReadsEveryMessageInOrder) {
  const auto* method = FindMethod("polylateral.rpc_json.test.TestService/Count");
  auto result = CallJson(*caller_, *method, R"({"upTo":3})", {}, absl::Seconds(5));
  ASSERT_TRUE(result.status.ok()) << result.status.error_message();
  ASSERT_EQ(result.responses.size(), 3u);
  EXPECT_EQ(result.responses[0], R"({"n":1})");
  EXPECT_EQ(result.responses[2], R"({"n":3})");
}

TEST_F(RpcJsonTest, ServerStreamStopsWhenTheReaderSaysSo) {
  const auto* method = FindMethod("polylateral.rpc_json.test.TestService/Count");
  int seen = 0;
  auto result = CallJson(*caller_, *method, R"({"upTo":100000})", {}, absl::Seconds(20),
                         [&](const std::string&) { return ++seen < 2; });
  EXPECT_EQ(seen, 2);
  EXPECT_EQ(result.status.error_code(), grpc::StatusCode::CANCELLED);
}

TEST_F(RpcJsonTest, StreamToAnAbsentServerFailsUnavailable) {
  GenericCaller nowhere(grpc::CreateChannel("127.0.0.1:1", grpc::InsecureChannelCredentials()));
  const auto* method = FindMethod("polylateral.rpc_json.test.TestService/Count");
  auto result = CallJson(nowhere, *method, R"({"upTo":1})", {}, absl::Seconds(5));
  EXPECT_EQ(result.status.error_code(), grpc::StatusCode::UNAVAILABLE);
}

}  // namespace
}  // namespace polylateral::rpc_json
