#ifndef POLYLATERAL_SERVICES_ACCREDITATION_API_ACCREDITATION_MAPPING_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_API_ACCREDITATION_MAPPING_H_

// Resource names and records between the protos and the domain.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "polylateral/accreditation/v1/accreditation.pb.h"
#include "polylateral/accreditation/v1/accreditation_service.pb.h"
#include "services/accreditation/domain/application_query.h"
#include "services/accreditation/domain/report.h"
#include "services/accreditation/domain/types.h"

namespace polylateral::accreditation {

// The ids of a resource name with the given collection segments
// (ParseName("processes/p/applications/a", {"processes", "applications"}) -> {"p", "a"}).
// INVALID_ARGUMENT INVALID_NAME on `field` when the shape or an id is wrong.
absl::StatusOr<std::vector<std::string>> ParseName(const std::string& name,
                                                   const std::vector<std::string>& collections,
                                                   const std::string& field);

// ListApplications' filters and order, parsed (UNKNOWN_ENUM_VALUE on `state`,
// INVALID_TIMESTAMP on `deadline_before`, INVALID_NAME on `stakeholder`, INVALID_FILTER on
// `order_by`); the domain checks the rest.
absl::StatusOr<ApplicationQuery> ApplicationQueryFromProto(const v1::ListApplicationsRequest& r);

void ApplicationToProto(const Application& a, v1::Application* out);
void AccreditationToProto(const Accreditation& a, v1::Accreditation* out);
void ObjectionToProto(const std::string& process, const std::string& app, const Objection& o,
                      v1::Objection* out);
void ReportToProto(const Report& r, v1::TransparencyReport* out);

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_API_ACCREDITATION_MAPPING_H_
