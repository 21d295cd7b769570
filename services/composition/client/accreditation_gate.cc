#include "services/composition/client/accreditation_gate.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"

namespace polylateral::composition {
namespace {

namespace acc = ::polylateral::accreditation::v1;

constexpr absl::string_view kStakeholderPrefix = "stakeholders/";
constexpr absl::string_view kProcessPrefix = "processes/";

// One CheckAccess question and its answer.
struct Question {
  int candidate = 0;
  std::unique_ptr<grpc::ClientContext> ctx;
  acc::CheckAccessRequest request;
  acc::CheckAccessResponse response;
  grpc::Status status;
};

absl::Status FromGrpc(const grpc::Status& st, int candidate) {
  switch (st.error_code()) {
    case grpc::StatusCode::INVALID_ARGUMENT:
      return InvalidArgument(
          "INVALID_COMPOSITION_PROBLEM", absl::StrCat("pool.candidates[", candidate, "].id"),
          absl::StrCat("the accreditation service refused the question: ", st.error_message()));
    default:
      return edge::FromUpstream(st, "accreditation");
  }
}

bool ValidProcess(const std::string& name) {
  if (!absl::StartsWith(name, kProcessPrefix)) return false;
  const absl::string_view id = absl::string_view(name).substr(kProcessPrefix.size());
  return !id.empty() && id.find('/') == absl::string_view::npos;
}

}  // namespace

AccreditationGate::AccreditationGate(edge::OutgoingOptions outgoing, const std::string& target)
    : outgoing_(std::move(outgoing)) {
  if (target.empty()) return;
  stub_ = acc::AccreditationService::NewStub(edge::Dial(outgoing_, target, "accreditation"));
}

absl::Status AccreditationGate::Restrict(const v1::SolveRequest& request,
                                         v1::SolveRequest* restricted,
                                         v1::SolveResponse* response) const {
  *restricted = request;
  if (!request.has_accredited_only()) return absl::OkStatus();
  const v1::AccreditedOnly& only = request.accredited_only();
  if (!ValidProcess(only.process())) {
    return InvalidArgument("INVALID_COMPOSITION_PROBLEM", "accredited_only.process",
                           "must be processes/{id}");
  }
  if (!type::v1::ParticipationRight_IsValid(only.right())) {
    return InvalidArgument("INVALID_COMPOSITION_PROBLEM", "accredited_only.right",
                           "not a participation right");
  }
  if (stub_ == nullptr) {
    return FailedPrecondition("ACCREDITATION_NOT_CONFIGURED", "accredited_only",
                              "this composition service runs without --accreditation");
  }
  const auto& candidates = request.pool().candidates();
  std::vector<Question> questions;
  for (int i = 0; i < candidates.size(); ++i) {
    if (!absl::StartsWith(candidates[i].id(), kStakeholderPrefix)) continue;
    Question q;
    q.candidate = i;
    q.request.set_stakeholder(candidates[i].id());
    q.request.set_process(only.process());
    q.request.set_right(only.right() == type::v1::PARTICIPATION_RIGHT_UNSPECIFIED
                            ? type::v1::ATTEND_PLENARY
                            : only.right());
    if (only.has_at_time()) *q.request.mutable_at_time() = only.at_time();
    questions.push_back(std::move(q));
  }
  // A window of asynchronous calls: a pool of a few thousand stakeholders is asked in
  // a few round trips' time, not one after another.
  std::mutex mu;
  std::condition_variable cv;
  size_t next = 0, done = 0;
  int in_flight = 0;
  std::unique_lock<std::mutex> lock(mu);
  while (done < questions.size()) {
    while (in_flight < kInFlight && next < questions.size()) {
      Question& q = questions[next++];
      q.ctx = edge::NewClientContext(outgoing_, absl::Now() + kCheckTimeout);
      ++in_flight;
      lock.unlock();
      stub_->async()->CheckAccess(q.ctx.get(), &q.request, &q.response,
                                  [&mu, &cv, &done, &in_flight, &q](grpc::Status st) {
                                    std::lock_guard<std::mutex> guard(mu);
                                    q.status = std::move(st);
                                    ++done;
                                    --in_flight;
                                    cv.notify_one();
                                  });
      lock.lock();
    }
    cv.wait(lock, [&] {
      return done == questions.size() || (next < questions.size() && in_flight < kInFlight);
    });
  }
  lock.unlock();
  std::vector<bool> dropped(candidates.size(), false);
  for (const Question& q : questions) {
    if (!q.status.ok()) return FromGrpc(q.status, q.candidate);
    if (q.response.allowed()) continue;
    dropped[q.candidate] = true;
    v1::DroppedCandidate* d = response->add_dropped_candidates();
    d->set_candidate_id(candidates[q.candidate].id());
    d->set_reason(q.response.denial_reason());
  }
  restricted->mutable_pool()->clear_candidates();
  for (int i = 0; i < candidates.size(); ++i) {
    if (!dropped[i]) *restricted->mutable_pool()->add_candidates() = candidates[i];
  }
  return absl::OkStatus();
}

}  // namespace polylateral::composition
