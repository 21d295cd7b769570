#ifndef POLYLATERAL_SERVICES_REGISTRY_API_REGISTRY_SERVICE_H_
#define POLYLATERAL_SERVICES_REGISTRY_API_REGISTRY_SERVICE_H_

#include "common/server/unary_dispatcher.h"
#include "polylateral/registry/v1/registry_service.grpc.pb.h"
#include "services/registry/domain/process_registry.h"
#include "services/registry/domain/stakeholder_registry.h"

namespace polylateral::registry {

namespace v1 {
// methods.inc names every message in v1; the Delete methods answer google.protobuf.Empty.
using Empty = ::google::protobuf::Empty;
}  // namespace v1

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

#define POLYLATERAL_UNARY_METHOD(Name, Req, Resp) \
  Reactor* Name(Ctx* c, const v1::Req* q, v1::Resp* r) override;
#include "services/registry/api/methods.inc"
#undef POLYLATERAL_UNARY_METHOD

 private:
  using Call = server::CallContext;
  // Handlers, one per method, in stakeholder_handlers.cc, process_handlers.cc and
  // reference_handlers.cc.
#define POLYLATERAL_UNARY_METHOD(Name, Req, Resp) \
  absl::Status Do##Name(const Call&, const v1::Req&, v1::Resp*);
#include "services/registry/api/methods.inc"
#undef POLYLATERAL_UNARY_METHOD

  server::UnaryDispatcher* const dispatcher_;
  StakeholderRegistry* const stakeholders_;
  ProcessRegistry* const processes_;
};

}  // namespace polylateral::registry

#endif  // POLYLATERAL_SERVICES_REGISTRY_API_REGISTRY_SERVICE_H_
