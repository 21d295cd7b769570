// The headers every gRPC-facing target parses (service APIs and mains, clients, the server
// and edge libraries, the gateway, polyctl), compiled once per build into a precompiled header
// those targets reuse (polylateral_use_grpc_pch in cmake/PolylateralPch.cmake). A registry
// handler spent 4.8 of its 6.1 s of CPU parsing headers, and 3.9 s in all with this one. Only
// stable third-party and generated headers belong here: a project header would rebuild every
// user whenever it changed.
#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/grpcpp.h"
#include "polylateral/accreditation/v1/accreditation_service.grpc.pb.h"
#include "polylateral/composition/v1/composition_service.grpc.pb.h"
#include "polylateral/registry/v1/registry_service.grpc.pb.h"
#include "polylateral/routing/v1/routing_service.grpc.pb.h"
#include "prometheus/counter.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"
