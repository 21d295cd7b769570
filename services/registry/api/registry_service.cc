// The reactors: each method hands its handler to the dispatcher under its full path.
#include "services/registry/api/registry_service.h"

namespace polylateral::registry {

#define POLYLATERAL_UNARY_METHOD(Name, Req, Resp)                                          \
  RegistryService::Reactor* RegistryService::Name(Ctx* c, const v1::Req* q, v1::Resp* r) { \
    return dispatcher_->Run(c, "/polylateral.registry.v1.RegistryService/" #Name, q, r,    \
                            [this](const Call& call, const v1::Req& req, v1::Resp* out) {  \
                              return Do##Name(call, req, out);                             \
                            });                                                            \
  }
#include "services/registry/api/methods.inc"
#undef POLYLATERAL_UNARY_METHOD

}  // namespace polylateral::registry
