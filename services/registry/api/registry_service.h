#ifndef POLYLATERAL_SERVICES_REGISTRY_API_REGISTRY_SERVICE_H_
#define POLYLATERAL_SERVICES_REGISTRY_API_REGISTRY_SERVICE_H_

#include "common/server/unary_dispatcher.h"
#include "polylateral/registry/v1/registry_service.grpc.pb.h"
#include "services/registry/domain/process_registry.h"
#include "services/registry/domain/stakeholder_registry.h"

namespace polylateral::registry {

// The gRPC face of the registry. Each method parses the request, calls the domain, maps the
// result: no rule lives here. Threading, access policy and status mapping are the
// dispatcher's.
class RegistryService final : public v1::RegistryService::CallbackService {
 public:
  RegistryService(server::UnaryDispatcher* dispatcher, StakeholderRegistry* stakeholders,
                  ProcessRegistry* processes)
      : dispatcher_(dispatcher), stakeholders_(stakeholders), processes_(processes) {}

  using Reactor = grpc::ServerUnaryReactor;
  using Ctx = grpc::CallbackServerContext;

  Reactor* GetStakeholder(Ctx* c, const v1::GetStakeholderRequest* q, v1::Stakeholder* r) override;
  Reactor* ListStakeholders(Ctx* c, const v1::ListStakeholdersRequest* q,
                            v1::ListStakeholdersResponse* r) override;
  Reactor* CreateStakeholder(Ctx* c, const v1::CreateStakeholderRequest* q,
                             v1::Stakeholder* r) override;
  Reactor* UpdateStakeholder(Ctx* c, const v1::UpdateStakeholderRequest* q,
                             v1::Stakeholder* r) override;
  Reactor* DeleteStakeholder(Ctx* c, const v1::DeleteStakeholderRequest* q,
                             google::protobuf::Empty* r) override;
  Reactor* GetState(Ctx* c, const v1::GetStateRequest* q, v1::State* r) override;
  Reactor* ListStates(Ctx* c, const v1::ListStatesRequest* q, v1::ListStatesResponse* r) override;
  Reactor* GetTheme(Ctx* c, const v1::GetThemeRequest* q, v1::Theme* r) override;
  Reactor* ListThemes(Ctx* c, const v1::ListThemesRequest* q, v1::ListThemesResponse* r) override;
  Reactor* GetProcess(Ctx* c, const v1::GetProcessRequest* q, v1::Process* r) override;
  Reactor* ListProcesses(Ctx* c, const v1::ListProcessesRequest* q,
                         v1::ListProcessesResponse* r) override;
  Reactor* CreateProcess(Ctx* c, const v1::CreateProcessRequest* q, v1::Process* r) override;
  Reactor* UpdateProcess(Ctx* c, const v1::UpdateProcessRequest* q, v1::Process* r) override;
  Reactor* DeleteProcess(Ctx* c, const v1::DeleteProcessRequest* q,
                         google::protobuf::Empty* r) override;

 private:
  using Call = server::CallContext;
  // Handlers, one per method, in stakeholder_handlers.cc, process_handlers.cc and
  // reference_handlers.cc.
  absl::Status DoGetStakeholder(const Call&, const v1::GetStakeholderRequest&, v1::Stakeholder*);
  absl::Status DoListStakeholders(const Call&, const v1::ListStakeholdersRequest&,
                                  v1::ListStakeholdersResponse*);
  absl::Status DoCreateStakeholder(const Call&, const v1::CreateStakeholderRequest&,
                                   v1::Stakeholder*);
  absl::Status DoUpdateStakeholder(const Call&, const v1::UpdateStakeholderRequest&,
                                   v1::Stakeholder*);
  absl::Status DoDeleteStakeholder(const Call&, const v1::DeleteStakeholderRequest&,
                                   google::protobuf::Empty*);
  absl::Status DoGetState(const Call&, const v1::GetStateRequest&, v1::State*);
  absl::Status DoListStates(const Call&, const v1::ListStatesRequest&, v1::ListStatesResponse*);
  absl::Status DoGetTheme(const Call&, const v1::GetThemeRequest&, v1::Theme*);
  absl::Status DoListThemes(const Call&, const v1::ListThemesRequest&, v1::ListThemesResponse*);
  absl::Status DoGetProcess(const Call&, const v1::GetProcessRequest&, v1::Process*);
  absl::Status DoListProcesses(const Call&, const v1::ListProcessesRequest&,
                               v1::ListProcessesResponse*);
  absl::Status DoCreateProcess(const Call&, const v1::CreateProcessRequest&, v1::Process*);
  absl::Status DoUpdateProcess(const Call&, const v1::UpdateProcessRequest&, v1::Process*);
  absl::Status DoDeleteProcess(const Call&, const v1::DeleteProcessRequest&,
                               google::protobuf::Empty*);

  template <typename Req, typename Resp>
  Reactor* Dispatch(Ctx* ctx, const char* method, const Req* req, Resp* resp,
                    absl::Status (RegistryService::*handler)(const Call&, const Req&, Resp*)) {
    return dispatcher_->Run(ctx, method, req, resp,
                            [this, handler](const Call& call, const Req& r, Resp* out) {
                              return (this->*handler)(call, r, out);
                            });
  }

  server::UnaryDispatcher* const dispatcher_;
  StakeholderRegistry* const stakeholders_;
  ProcessRegistry* const processes_;
};

}  // namespace polylateral::registry

#endif  // POLYLATERAL_SERVICES_REGISTRY_API_REGISTRY_SERVICE_H_
