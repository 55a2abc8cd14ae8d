// The header every SDMX message carries.
#pragma once

#include <string>

#include "sdmx/model/annotation.h"

namespace csdmx::sdmx {

struct MessageHeader {
    std::string id;  // message identifier, an SDMX IDType
    bool test = false;
    std::string prepared;  // xs:dateTime, e.g. 2026-11-22T10:00:00Z
    std::string sender_id;
    InternationalString sender_name;
};

// Current UTC time as xs:dateTime with a Z suffix, to the second.
std::string utc_timestamp_now();

}  // namespace csdmx::sdmx
