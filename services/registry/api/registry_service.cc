#include "services/registry/api/registry_service.h"

// Method paths for the access policy and metrics.
#define POLYLATERAL_REGISTRY_METHOD(name) "/polylateral.registry.v1.RegistryService/" #name

namespace polylateral::registry {

RegistryService::Reactor* RegistryService::GetStakeholder(Ctx* c,
                                                          const v1::GetStakeholderRequest* q,
                                                          v1::Stakeholder* r) {
  return Dispatch(c, POLYLATERAL_REGISTRY_METHOD(GetStakeholder), q, r,
                  &RegistryService::DoGetStakeholder);
}
RegistryService::Reactor* RegistryService::ListStakeholders(Ctx* c,
                                                            const v1::ListStakeholdersRequest* q,
                                                            v1::ListStakeholdersResponse* r) {
  return Dispatch(c, POLYLATERAL_REGISTRY_METHOD(ListStakeholders), q, r,
                  &RegistryService::DoListStakeholders);
}
RegistryService::Reactor* RegistryService::CreateStakeholder(Ctx* c,
                                                             const v1::CreateStakeholderRequest* q,
                                                             v1::Stakeholder* r) {
  return Dispatch(c, POLYLATERAL_REGISTRY_METHOD(CreateStakeholder), q, r,
                  &RegistryService::DoCreateStakeholder);
}
RegistryService::Reactor* RegistryService::UpdateStakeholder(Ctx* c,
                                                             const v1::UpdateStakeholderRequest* q,
                                                             v1::Stakeholder* r) {
  return Dispatch(c, POLYLATERAL_REGISTRY_METHOD(UpdateStakeholder), q, r,
                  &RegistryService::DoUpdateStakeholder);
}
RegistryService::Reactor* RegistryService::DeleteStakeholder(Ctx* c,
                                                             const v1::DeleteStakeholderRequest* q,
                                                             google::protobuf::Empty* r) {
  return Dispatch(c, POLYLATERAL_REGISTRY_METHOD(DeleteStakeholder), q, r,
                  &RegistryService::DoDeleteStakeholder);
}
RegistryService::Reactor* RegistryService::GetState(Ctx* c, const v1::GetStateRequest* q,
                                                    v1::State* r) {
  return Dispatch(c, POLYLATERAL_REGISTRY_METHOD(GetState), q, r, &RegistryService::DoGetState);
}
RegistryService::Reactor* RegistryService::ListStates(Ctx* c, const v1::ListStatesRequest* q,
                                                      v1::ListStatesResponse* r) {
  return Dispatch(c, POLYLATERAL_REGISTRY_METHOD(ListStates), q, r, &RegistryService::DoListStates);
}
RegistryService::Reactor* RegistryService::GetTheme(Ctx* c, const v1::GetThemeRequest* q,
                                                    v1::Theme* r) {
  return Dispatch(c, POLYLATERAL_REGISTRY_METHOD(GetTheme), q, r, &RegistryService::DoGetTheme);
}
RegistryService::Reactor* RegistryService::ListThemes(Ctx* c, const v1::ListThemesRequest* q,
                                                      v1::ListThemesResponse* r) {
  return Dispatch(c, POLYLATERAL_REGISTRY_METHOD(ListThemes), q, r, &RegistryService::DoListThemes);
}
RegistryService::Reactor* RegistryService::GetProcess(Ctx* c, const v1::GetProcessRequest* q,
                                                      v1::Process* r) {
  return Dispatch(c, POLYLATERAL_REGISTRY_METHOD(GetProcess), q, r, &RegistryService::DoGetProcess);
}
RegistryService::Reactor* RegistryService::ListProcesses(Ctx* c, const v1::ListProcessesRequest* q,
                                                         v1::ListProcessesResponse* r) {
  return Dispatch(c, POLYLATERAL_REGISTRY_METHOD(ListProcesses), q, r,
                  &RegistryService::DoListProcesses);
}
RegistryService::Reactor* RegistryService::CreateProcess(Ctx* c, const v1::CreateProcessRequest* q,
                                                         v1::Process* r) {
  return Dispatch(c, POLYLATERAL_REGISTRY_METHOD(CreateProcess), q, r,
                  &RegistryService::DoCreateProcess);
}
RegistryService::Reactor* RegistryService::UpdateProcess(Ctx* c, const v1::UpdateProcessRequest* q,
                                                         v1::Process* r) {
  return Dispatch(c, POLYLATERAL_REGISTRY_METHOD(UpdateProcess), q, r,
                  &RegistryService::DoUpdateProcess);
}
RegistryService::Reactor* RegistryService::DeleteProcess(Ctx* c, const v1::DeleteProcessRequest* q,
                                                         google::protobuf::Empty* r) {
  return Dispatch(c, POLYLATERAL_REGISTRY_METHOD(DeleteProcess), q, r,
                  &RegistryService::DoDeleteProcess);
}

}  // namespace polylateral::registry
