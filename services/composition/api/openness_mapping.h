#ifndef POLYLATERAL_SERVICES_COMPOSITION_API_OPENNESS_MAPPING_H_
#define POLYLATERAL_SERVICES_COMPOSITION_API_OPENNESS_MAPPING_H_

#include <string>

#include "polylateral/composition/v1/delegation.pb.h"
#include "services/composition/delegation/openness.h"

namespace polylateral::composition {

// The openness report as GetOpennessReport answers it.
void ReportToProto(const std::string& process_id, const OpennessReport& in,
                   v1::OpennessReport* out);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_API_OPENNESS_MAPPING_H_
