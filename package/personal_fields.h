// Which columns of a new package probably hold personal data, by their names:
// `init` marks them "personal" so that they are never published by mistake (the
// data officer removes the mark where the guess is wrong).
#pragma once

#include <string>
#include <string_view>

namespace csdmx::package {

// "coordinates", "phone", "email", "name" or "identifier"; empty when the name
// says nothing. Names are split into words at anything but letters and digits
// ("_gps_latitude", "respondent-name", "simserial").
std::string personal_kind_of(std::string_view column_name);

}  // namespace csdmx::package
