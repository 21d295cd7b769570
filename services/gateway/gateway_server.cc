#include "services/gateway/gateway_server.h"

#include <httplib.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <exception>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/edge/identity.h"
#include "common/edge/outgoing_call.h"
#include "common/rpc_json/json_call.h"
#include "common/rpc_json/method_lookup.h"
#include "prometheus/counter.h"
#include "prometheus/exposer.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"
#include "services/gateway/api_services.h"
#include "services/gateway/error_body.h"
#include "services/gateway/request_builder.h"

namespace polylateral::gateway {

namespace gpb = google::protobuf;

namespace {

constexpr char kJson[] = "application/json";
constexpr int kGrpcCodes = 17;

void Reply(httplib::Response& res, const HttpError& error) {
  res.status = error.http_status;
  res.set_content(error.body, kJson);
}

bool IsLoopbackHost(absl::string_view listen) {
  return absl::StartsWith(listen, "127.") || absl::StartsWith(listen, "localhost:") ||
         absl::StartsWith(listen, "[::1]:");
}

// "host:port" split for httplib; port 0 when absent or malformed.
std::pair<std::string, int> SplitHostPort(const std::string& listen) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return {listen, 0};
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  int port = 0;
  if (!absl::SimpleAtoi(listen.substr(colon + 1), &port)) port = -1;
  return {host, port};
}

// The SPIFFE id in the client certificate of an HTTPS request, if there is exactly one URI SAN.
std::optional<std::string> PeerSpiffeId(const httplib::Request& req) {
  if (req.ssl == nullptr) return std::nullopt;
  X509* cert = SSL_get1_peer_certificate(req.ssl);
  if (cert == nullptr) return std::nullopt;
  std::optional<std::string> uri;
  int uris = 0;
  auto* names =
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  for (int i = 0; names != nullptr && i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
    if (name->type != GEN_URI) continue;
    ++uris;
    const ASN1_STRING* text = name->d.uniformResourceIdentifier;
    uri = std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(text)),
                      static_cast<size_t>(ASN1_STRING_length(text)));
  }
  GENERAL_NAMES_free(names);
  X509_free(cert);
  if (uris != 1) return std::nullopt;
  return uri;
}

bool WantsEventStream(const httplib::Request& req) {
  return absl::StrContains(req.get_header_value("Accept"), "text/event-stream");
}

}  // namespace

struct GatewayServer::Metrics {
  // One series per gRPC code, made at start-up (prometheus-cpp's Add locks and allocates).
  std::vector<prometheus::Counter*> requests;
  prometheus::Histogram* latency = nullptr;
};

GatewayServer::GatewayServer(GatewayOptions options) : options_(std::move(options)) {}

GatewayServer::~GatewayServer() { Stop(); }

absl::StatusOr<std::unique_ptr<GatewayServer>> GatewayServer::Create(GatewayOptions options) {
  std::unique_ptr<GatewayServer> server(new GatewayServer(std::move(options)));
  const GatewayOptions& o = server->options_;
  auto routes = RouteTable::FromServices(PublicServices());
  if (!routes.ok()) return routes.status();
  server->routes_ = *std::move(routes);
  if (o.jwt.enabled()) {
    auto jwt = JwtVerifier::Create(o.jwt);
    if (!jwt.ok()) return jwt.status();
    server->jwt_ = *std::move(jwt);
  }
  if (o.tls.enabled()) {
    if (o.tls.cert.empty() || o.tls.key.empty() || o.tls.ca.empty()) {
      return absl::InvalidArgumentError("--tls_cert, --tls_key and --tls_ca go together");
    }
  }
  edge::OutgoingOptions outgoing;
  outgoing.self = "gateway";
  outgoing.tls = o.tls;
  for (const char* name : kUpstreams) {
    auto it = o.upstreams.find(name);
    if (it == o.upstreams.end() || it->second.empty()) continue;
    server->upstreams_.emplace(
        name, std::make_unique<rpc_json::GenericCaller>(edge::Dial(outgoing, it->second, name)));
  }
  // As with the services: the header names the caller only where nothing else can, plaintext
  // development on loopback.
  server->principal_header_allowed_ = !o.tls.enabled() && IsLoopbackHost(o.http_listen);

  const bool https =
      !o.http_tls_cert.empty() || !o.http_tls_key.empty() || !o.http_client_ca.empty();
  if (https) {
    if (o.http_tls_cert.empty() || o.http_tls_key.empty() || o.http_client_ca.empty()) {
      return absl::InvalidArgumentError(
          "--http_tls_cert, --http_tls_key and --http_client_ca go together");
    }
    auto ssl = std::make_unique<httplib::SSLServer>(o.http_tls_cert.c_str(), o.http_tls_key.c_str(),
                                                    o.http_client_ca.c_str());
    if (!ssl->is_valid()) return absl::InvalidArgumentError("HTTPS certificate files unusable");
    // A client certificate is asked for but not required: bearer tokens stay usable.
    SSL_CTX_set_verify(ssl->ssl_context(), SSL_VERIFY_PEER, nullptr);
    server->http_ = std::move(ssl);
  } else {
    server->http_ = std::make_unique<httplib::Server>();
  }
  const int threads = o.threads;
  server->http_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // A response goes out as two writes (headers, body): with Nagle on, each keep-alive
  // request waits out the client's delayed ACK (40 ms).
  server->http_->set_tcp_nodelay(true);
  server->http_->set_keep_alive_max_count(100000);
  server->http_->set_keep_alive_timeout(30);
  server->http_->set_payload_max_length(8 << 20);
  GatewayServer* self = server.get();
  const httplib::Server::Handler handler =
      [self](const httplib::Request& req, httplib::Response& res) { self->Handle(req, res); };
  server->http_->Get(".*", handler);
  server->http_->Post(".*", handler);
  server->http_->Put(".*", handler);
  server->http_->Patch(".*", handler);
  server->http_->Delete(".*", handler);

  server->registry_ = std::make_shared<prometheus::Registry>();
  server->metrics_ = std::make_unique<Metrics>();
  auto& requests = prometheus::BuildCounter()
                       .Name("polylateral_gateway_requests_total")
                       .Help("HTTP requests answered, by the gRPC code of the answer")
                       .Register(*server->registry_);
  for (int code = 0; code < kGrpcCodes; ++code) {
    server->metrics_->requests.push_back(&requests.Add(
        {{"grpc_code",
          std::string(rpc_json::StatusCodeName(static_cast<grpc::StatusCode>(code)))}}));
  }
  server->metrics_->latency =
      &prometheus::BuildHistogram()
           .Name("polylateral_gateway_request_duration_seconds")
           .Help("Time from the request's arrival to its answer (a stream: to its first byte)")
           .Register(*server->registry_)
           .Add({},
                prometheus::Histogram::BucketBoundaries{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                        0.05, 0.1, 0.25, 0.5, 1, 2.5, 5});
  return server;
}

absl::Status GatewayServer::Start() {
  auto [host, port] = SplitHostPort(options_.http_listen);
  if (port < 0) return absl::InvalidArgumentError("--http_listen must be host:port");
  if (port == 0) {
    port_ = http_->bind_to_any_port(host);
  } else {
    port_ = http_->bind_to_port(host, port) ? port : -1;
  }
  if (port_ <= 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", options_.http_listen));
  }
  if (!options_.metrics_listen.empty()) {
    try {
      exposer_ = std::make_unique<prometheus::Exposer>(options_.metrics_listen);
    } catch (const std::exception& e) {  // civetweb cannot bind: prometheus-cpp throws
      return absl::UnavailableError(
          absl::StrCat("cannot serve metrics on ", options_.metrics_listen, ": ", e.what()));
    }
    exposer_->RegisterCollectable(registry_);
  }
  thread_ = std::thread([this] { http_->listen_after_bind(); });
  // httplib's stop() does nothing before the accept loop runs, so Stop() right after Start()
  // would leave it running for ever: wait (boundedly) until it does.
  const absl::Time limit = absl::Now() + absl::Seconds(10);
  while (!http_->is_running() && absl::Now() < limit) absl::SleepFor(absl::Milliseconds(1));
  if (!http_->is_running()) return absl::UnavailableError("the HTTP server did not start");
  return absl::OkStatus();
}

void GatewayServer::Stop() {
  if (http_ != nullptr) http_->stop();
  if (thread_.joinable()) thread_.join();
  exposer_.reset();
}

void GatewayServer::Count(int grpc_code, absl::Time start) {
  if (grpc_code < 0 || grpc_code >= kGrpcCodes) grpc_code = 2;
  metrics_->requests[grpc_code]->Increment();
  metrics_->latency->Observe(absl::ToDoubleSeconds(absl::Now() - start));
}

absl::StatusOr<Principal> GatewayServer::Authenticate(const httplib::Request& req) const {
  const std::string authorization = req.get_header_value("Authorization");
  if (!authorization.empty()) {
    if (jwt_ == nullptr) {
      return absl::UnauthenticatedError("bearer tokens are not configured on this gateway");
    }
    if (!absl::StartsWithIgnoreCase(authorization, "Bearer ")) {
      return absl::UnauthenticatedError("Authorization must be \"Bearer <JWT>\"");
    }
    return jwt_->Verify(absl::StripAsciiWhitespace(authorization.substr(7)), absl::Now());
  }
  if (auto uri = PeerSpiffeId(req)) {
    if (auto principal = edge::PrincipalFromSpiffeId(*uri, options_.tls.trust_domain)) {
      if (principal->kind != Principal::Kind::kService) return *principal;
    }
    return absl::UnauthenticatedError("the client certificate names no caller");
  }
  return Principal::Anonymous();
}

void GatewayServer::Handle(const httplib::Request& req, httplib::Response& res) {
  const absl::Time start = absl::Now();
  if (req.method == "GET" && req.path == "/healthz") {
    res.set_content("ok\n", "text/plain");
    return;
  }
  if (req.method == "GET" && req.path == "/openapi.json") {
    res.set_content(options_.openapi_json, kJson);
    return;
  }
  auto principal = Authenticate(req);
  if (!principal.ok()) {
    res.set_header("WWW-Authenticate", "Bearer");
    Reply(res, GatewayError(grpc::StatusCode::UNAUTHENTICATED, "INVALID_CREDENTIALS",
                            principal.status().message()));
    Count(static_cast<int>(grpc::StatusCode::UNAUTHENTICATED), start);
    return;
  }
  auto match = routes_.Find(req.method, req.path);
  if (!match) {
    if (routes_.PathMatchesOtherMethod(req.method, req.path)) {
      Reply(res, GatewayError(grpc::StatusCode::UNIMPLEMENTED, "METHOD_NOT_ALLOWED",
                              absl::StrCat(req.method, " is not served on ", req.path), {}, 405));
    } else {
      Reply(res, GatewayError(grpc::StatusCode::NOT_FOUND, "UNKNOWN_PATH",
                              absl::StrCat("no method is served on ", req.method, " ", req.path)));
    }
    Count(static_cast<int>(grpc::StatusCode::NOT_FOUND), start);
    return;
  }
  const Route& route = *match->route;
  const gpb::MethodDescriptor& method = *route.method;
  QueryParams query(req.params.begin(), req.params.end());
  BuiltRequest built =
      BuildRequest(*method.input_type(), match->bindings, query, route.body, req.body);
  if (built.message == nullptr) {
    Reply(res, GatewayError(grpc::StatusCode::INVALID_ARGUMENT, "INVALID_REQUEST",
                            absl::StrCat(built.violation.field, " ", built.violation.description),
                            {built.violation}));
    Count(static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT), start);
    return;
  }
  auto upstream = upstreams_.find(UpstreamFor(method, match->bindings));
  if (upstream == upstreams_.end()) {
    Reply(res, GatewayError(grpc::StatusCode::UNAVAILABLE, "NO_UPSTREAM",
                            absl::StrCat("no upstream serves ", method.full_name())));
    Count(static_cast<int>(grpc::StatusCode::UNAVAILABLE), start);
    return;
  }

  auto context = std::make_shared<grpc::ClientContext>();
  if (options_.tls.enabled()) {
    // The certificate says service:gateway; the services act for the verified caller.
    context->AddMetadata(std::string(edge::kOnBehalfOfHeader), principal->ToString());
  } else if (!principal->is_anonymous()) {
    context->AddMetadata(std::string(edge::kPrincipalHeader), "service:gateway");
    context->AddMetadata(std::string(edge::kOnBehalfOfHeader), principal->ToString());
  } else if (principal_header_allowed_ && req.has_header(std::string(edge::kPrincipalHeader))) {
    context->AddMetadata(std::string(edge::kPrincipalHeader),
                         req.get_header_value(std::string(edge::kPrincipalHeader)));
  }
  rpc_json::GenericCaller* caller = upstream->second.get();

  if (!method.server_streaming()) {
    context->set_deadline(absl::ToChronoTime(absl::Now() + options_.call_timeout));
    std::unique_ptr<gpb::Message> response = rpc_json::NewMessage(*method.output_type());
    const grpc::Status status =
        caller->Unary(context.get(), method, *built.message, response.get());
    if (status.ok()) {
      res.set_content(rpc_json::MessageToJson(*response), kJson);
    } else if (status.error_details().empty() &&
               (status.error_code() == grpc::StatusCode::UNAVAILABLE ||
                status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED)) {
      // gRPC's own transport failure, not the service's answer: its text names addresses.
      Reply(res, GatewayError(status.error_code(), "UPSTREAM_UNAVAILABLE",
                              absl::StrCat("the ", upstream->first, " service did not answer")));
    } else {
      Reply(res, ErrorFromUpstream(rpc_json::DecodeError(status)));
    }
    Count(static_cast<int>(status.error_code()), start);
    return;
  }

  // A server stream: each message as an SSE event ("data: {...}\n\n") when the client asks
  // for text/event-stream, else as one line of NDJSON. The HTTP status is sent before the
  // first message, so an error arrives in the stream: an "error" event, or a line
  // {"error": {...}} in the AIP-193 shape.
  context->set_deadline(absl::ToChronoTime(absl::Now() + options_.stream_timeout));
  const bool sse = WantsEventStream(req);
  std::shared_ptr<gpb::Message> request(std::move(built.message));
  Count(0, start);
  res.set_header("Cache-Control", "no-cache");
  res.set_chunked_content_provider(
      sse ? "text/event-stream" : "application/x-ndjson",
      [caller, context, request, &method, sse](size_t /*offset*/, httplib::DataSink& sink) {
        const grpc::Status status =
            caller->ServerStream(context.get(), method, *request, [&](const gpb::Message& message) {
              std::string chunk =
                  sse ? absl::StrCat("data: ", rpc_json::MessageToJson(message), "\n\n")
                      : absl::StrCat(rpc_json::MessageToJson(message), "\n");
              return sink.write(chunk.data(), chunk.size());
            });
        if (!status.ok() && status.error_code() != grpc::StatusCode::CANCELLED) {
          const HttpError error = ErrorFromUpstream(rpc_json::DecodeError(status));
          std::string chunk = sse ? absl::StrCat("event: error\ndata: ", error.body, "\n\n")
                                  : absl::StrCat(error.body, "\n");
          sink.write(chunk.data(), chunk.size());
        }
        sink.done();
        return true;
      });
}

}  // namespace polylateral::gateway
