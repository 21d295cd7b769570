// polylateral-bench-submit: the routing side of SubmitInput under load; the load itself is
// polylateral-bench-client --kind=submit, the same closed-loop client (one channel, async
// generic stub, pre-serialized requests) that drives the echo+Redis baseline.
//   --setup=<file>: sets up (over gRPC) a Global Mechanism process with a session taking
//     written input and --authors organisations accredited through ECOSOC general status, and
//     writes <file>: one line per author, `principal<TAB>base64(SubmitInputRequest)`, for
//     polylateral-bench-client --requests. With --networks=N it first registers
//     --network_members organisations and N networks of that many members each; every author
//     belongs to the first --author_networks of them (the others list only the
//     organisations), so that SubmitInput's look-up of the author's networks runs against a
//     registry holding N networks.
//   otherwise: for --warmup + --duration (+ --drain), --readers consumers pull and acknowledge
//     the plenary inbox, timing submit -> read from each delivery's enqueue_time, for the
//     deliveries enqueued in the measured --duration. Start it beside the load client. Prints
//   lag  reads  0  seconds  reads_per_second  p50_us  p99_us
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "bench/registry/latency_recorder.h"
#include "grpcpp/create_channel.h"
#include "polylateral/accreditation/v1/accreditation_service.grpc.pb.h"
#include "polylateral/registry/v1/registry_service.grpc.pb.h"
#include "polylateral/routing/v1/routing_service.grpc.pb.h"

ABSL_FLAG(std::string, registry, "127.0.0.1:50051", "registry address");
ABSL_FLAG(std::string, accreditation, "127.0.0.1:50052", "accreditation address");
ABSL_FLAG(std::string, routing, "127.0.0.1:50054", "routing address");
ABSL_FLAG(int, authors, 50, "accredited organisations submitting");
ABSL_FLAG(std::string, setup, "", "set up, write the load client's requests here, and exit");
ABSL_FLAG(std::string, process, "bench-gm", "the process id set up and read");
ABSL_FLAG(int, networks, 0, "networks registered before the authors (with --setup)");
ABSL_FLAG(int, network_members, 5000, "members of each network");
ABSL_FLAG(int, author_networks, 5, "networks (the first ones) every author belongs to");
ABSL_FLAG(int, setup_threads, 16, "concurrent CreateStakeholder calls for the members");
ABSL_FLAG(int, network_threads, 2,
          "concurrent CreateStakeholder calls for the networks (each one Redis script over its "
          "5,000 members: more at once queue behind each other in Redis past the registry's "
          "Redis timeout)");
ABSL_FLAG(int, readers, 4, "inbox readers (consumers of the plenary's group)");
ABSL_FLAG(double, duration, 5, "measured seconds");
ABSL_FLAG(double, warmup, 1, "unmeasured seconds first");
ABSL_FLAG(double, drain, 0.5, "seconds read after --duration (deliveries still on their way)");

namespace {

namespace reg = polylateral::registry::v1;
namespace acc = polylateral::accreditation::v1;
namespace rt = polylateral::routing::v1;
namespace type = polylateral::type::v1;
using polylateral::bench::LatencyRecorder;

void Ctx(grpc::ClientContext& ctx, const std::string& principal) {
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  ctx.AddMetadata("x-polylateral-principal", principal);
}

void Check(const grpc::Status& st, const char* what) {
  if (!st.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, st.error_message().c_str());
    std::exit(1);
  }
}

void SetDate(absl::Time t, type::Date* d) {
  const absl::CivilDay day = absl::ToCivilDay(t, absl::UTCTimeZone());
  d->set_year(static_cast<int>(day.year()));
  d->set_month(day.month());
  d->set_day(day.day());
}

std::string MemberId(int i) { return absl::StrCat("bench-member-", i); }

// Runs `call(i)` for i in [0, n) on `width` threads; `call` exits on a failure.
template <typename Call>
void InParallel(int n, int width, const Call& call) {
  std::atomic<int> next{0};
  std::vector<std::thread> threads;
  threads.reserve(width);
  for (int t = 0; t < width; ++t) {
    threads.emplace_back([&] {
      for (int i = next++; i < n; i = next++) call(i);
    });
  }
  for (auto& t : threads) t.join();
}

// --network_members organisations, then --networks networks of that many members: the first
// --author_networks hold the authors and fill up with organisations, the others hold
// organisations only. One network is one CreateStakeholder call with its member list.
void RegisterNetworks(reg::RegistryService::Stub& registry,
                      const std::vector<std::string>& authors) {
  const int members = absl::GetFlag(FLAGS_network_members);
  const int networks = absl::GetFlag(FLAGS_networks);
  if (networks <= 0) return;
  const absl::Time start = absl::Now();
  InParallel(members, absl::GetFlag(FLAGS_setup_threads), [&](int i) {
    reg::CreateStakeholderRequest req;
    req.set_stakeholder_id(MemberId(i));
    auto* sh = req.mutable_stakeholder();
    sh->set_kind(reg::Stakeholder::ORGANISATION);
    sh->set_display_name(absl::StrCat("Network member ", i));
    sh->set_stakeholder_group(type::CIVIL_SOCIETY);
    sh->set_country("DE");
    sh->add_languages("en");
    reg::Stakeholder out;
    grpc::ClientContext ctx;
    Ctx(ctx, "operator:bench");
    Check(registry.CreateStakeholder(&ctx, req, &out), "CreateStakeholder (member)");
  });
  InParallel(networks, absl::GetFlag(FLAGS_network_threads), [&](int n) {
    reg::CreateStakeholderRequest req;
    req.set_stakeholder_id(absl::StrCat("bench-network-", n));
    auto* sh = req.mutable_stakeholder();
    sh->set_kind(reg::Stakeholder::NETWORK);
    sh->set_display_name(absl::StrCat("Bench network ", n));
    sh->set_stakeholder_group(type::CIVIL_SOCIETY);
    sh->set_country("CH");
    sh->add_languages("en");
    int listed = 0;
    if (n < absl::GetFlag(FLAGS_author_networks)) {
      for (const auto& a : authors) {
        if (listed++ < members) sh->add_network_members("stakeholders/" + a);
      }
    }
    for (int i = 0; listed < members && i < members; ++i, ++listed) {
      sh->add_network_members("stakeholders/" + MemberId(i));
    }
    reg::Stakeholder out;
    grpc::ClientContext ctx;
    Ctx(ctx, "operator:bench");
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    Check(registry.CreateStakeholder(&ctx, req, &out), "CreateStakeholder (network)");
  });
  std::fprintf(stderr, "registered %d members and %d networks of %d members in %.1f s\n", members,
               networks, members, absl::ToDoubleSeconds(absl::Now() - start));
}

std::vector<std::string> Setup(const std::string& process) {
  auto registry = reg::RegistryService::NewStub(
      grpc::CreateChannel(absl::GetFlag(FLAGS_registry), grpc::InsecureChannelCredentials()));
  auto accreditation = acc::AccreditationService::NewStub(
      grpc::CreateChannel(absl::GetFlag(FLAGS_accreditation), grpc::InsecureChannelCredentials()));
  reg::CreateProcessRequest preq;
  preq.set_process_id(process);
  auto* p = preq.mutable_process();
  p->set_display_name("Global Mechanism (benchmark)");
  p->set_host_institution("UN General Assembly");
  p->add_themes("themes/cybersecurity");
  auto* route = p->mutable_modalities()->add_routes();
  route->set_route_id("ecosoc-general");
  route->set_kind(reg::AccreditationRoute::INHERITED_STATUS);
  route->add_granted_rights(type::WRITTEN_INPUT);
  route->add_qualifying_ecosoc_statuses(reg::Stakeholder::GENERAL);
  p->mutable_modalities()->set_disclosure_policy(reg::ParticipationModalities::PUBLIC);
  auto* s = p->add_sessions();
  s->set_session_id("s1");
  s->set_display_name("Substantive session");
  SetDate(absl::Now() - absl::Hours(24), s->mutable_start_date());
  SetDate(absl::Now() + absl::Hours(24 * 30), s->mutable_end_date());
  SetDate(absl::Now() - absl::Hours(24), s->mutable_written_input_opens());
  SetDate(absl::Now() + absl::Hours(24 * 30), s->mutable_written_input_closes());
  reg::Process pout;
  grpc::ClientContext pctx;
  Ctx(pctx, "operator:bench");
  Check(registry->CreateProcess(&pctx, preq, &pout), "CreateProcess");
  std::vector<std::string> authors;
  for (int i = 0; i < absl::GetFlag(FLAGS_authors); ++i) {
    reg::CreateStakeholderRequest sreq;
    auto* sh = sreq.mutable_stakeholder();
    sh->set_kind(reg::Stakeholder::ORGANISATION);
    sh->set_display_name(absl::StrCat("Bench organisation ", i));
    sh->set_stakeholder_group(type::CIVIL_SOCIETY);
    sh->set_country("BR");
    sh->set_ecosoc_status(reg::Stakeholder::GENERAL);
    sh->add_languages("en");
    reg::Stakeholder sout;
    grpc::ClientContext sctx;
    Ctx(sctx, "operator:bench");
    Check(registry->CreateStakeholder(&sctx, sreq, &sout), "CreateStakeholder");
    const std::string id = sout.name().substr(sout.name().find('/') + 1);
    acc::CreateApplicationRequest areq;
    areq.set_parent("processes/" + process);
    areq.mutable_application()->set_stakeholder(sout.name());
    areq.mutable_application()->set_route_id("ecosoc-general");
    acc::Application app;
    grpc::ClientContext actx;
    Ctx(actx, "stakeholder:" + id);
    Check(accreditation->CreateApplication(&actx, areq, &app), "CreateApplication");
    acc::SubmitApplicationRequest subreq;
    subreq.set_name(app.name());
    grpc::ClientContext subctx;
    Ctx(subctx, "stakeholder:" + id);
    Check(accreditation->SubmitApplication(&subctx, subreq, &app), "SubmitApplication");
    authors.push_back(id);
  }
  RegisterNetworks(*registry, authors);
  return authors;
}

// The request each author submits (the same every call: the service names the input).
std::string Request(const std::string& process, const std::string& author) {
  rt::SubmitInputRequest req;
  auto* in = req.mutable_input();
  in->set_kind(rt::Input::WRITTEN_SUBMISSION);
  in->set_author("stakeholders/" + author);
  in->set_title("Benchmark input");
  in->add_themes("themes/cybersecurity");
  in->set_language("en");
  in->mutable_target()->set_kind(rt::Target::PROCESS);
  in->mutable_target()->set_process("processes/" + process);
  in->set_text("States should protect critical infrastructure providing public services.");
  return req.SerializeAsString();
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const std::string process = absl::GetFlag(FLAGS_process);
  if (const std::string path = absl::GetFlag(FLAGS_setup); !path.empty()) {
    std::ofstream out(path);
    for (const std::string& author : Setup(process)) {
      out << "stakeholder:" << author << '\t' << absl::Base64Escape(Request(process, author))
          << '\n';
    }
    out.close();
    if (!out) {
      std::fprintf(stderr, "%s: not written\n", path.c_str());
      return 1;
    }
    return 0;
  }

  auto channel =
      grpc::CreateChannel(absl::GetFlag(FLAGS_routing), grpc::InsecureChannelCredentials());
  const absl::Time measure_from = absl::Now() + absl::Seconds(absl::GetFlag(FLAGS_warmup));
  const absl::Time measure_to = measure_from + absl::Seconds(absl::GetFlag(FLAGS_duration));
  const absl::Time stop = measure_to + absl::Seconds(absl::GetFlag(FLAGS_drain));

  absl::Mutex mu;
  LatencyRecorder lag;
  // Several readers (consumers of the same group) so that reading keeps up with 32 writers:
  // the lag measured is the queue's, not one reader's backlog.
  std::vector<std::thread> readers;
  readers.reserve(absl::GetFlag(FLAGS_readers));
  for (int r = 0; r < absl::GetFlag(FLAGS_readers); ++r)
    readers.emplace_back([&, r] {
      auto stub = rt::RoutingService::NewStub(channel);
      while (absl::Now() < stop) {
        rt::PullInboxRequest req;
        req.set_destination("processes/" + process + "/plenary");
        req.set_max_deliveries(100);
        req.set_consumer(absl::StrCat("reader-", r));
        rt::PullInboxResponse resp;
        grpc::ClientContext ctx;
        Ctx(ctx, "secretariat:" + process);
        grpc::Status pst = stub->PullInbox(&ctx, req, &resp);
        if (!pst.ok()) {
          std::fprintf(stderr, "PullInbox: %s\n", pst.error_message().c_str());
          continue;
        }
        const absl::Time now = absl::Now();
        rt::AckDeliveryRequest ack;
        ack.set_destination(req.destination());
        for (const auto& d : resp.deliveries()) {
          const absl::Time queued = absl::FromUnixSeconds(d.enqueue_time().seconds()) +
                                    absl::Nanoseconds(d.enqueue_time().nanos());
          if (queued >= measure_from && queued < measure_to) {
            absl::MutexLock lock(&mu);
            lag.Record(absl::ToInt64Nanoseconds(now - queued));
          }
          ack.add_delivery_ids(d.delivery_id());
        }
        if (ack.delivery_ids().empty()) continue;
        rt::AckDeliveryResponse ackr;
        grpc::ClientContext actx;
        Ctx(actx, "secretariat:" + process);
        (void)stub->AckDelivery(&actx, ack, &ackr);
      }
    });
  for (auto& t : readers) t.join();
  const double seconds = absl::GetFlag(FLAGS_duration);
  std::printf("lag\t%zu\t0\t%.1f\t%.0f\t%.0f\t%.0f\n", lag.count(), seconds, lag.count() / seconds,
              lag.PercentileMicros(0.5), lag.PercentileMicros(0.99));
  return 0;
}
