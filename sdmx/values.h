// Lexical forms of SDMX values.
#pragma once

#include <string_view>

namespace csdmx::sdmx {

// True when the text is an xs:double lexical value, the form OBS_VALUE takes:
// 12, -3.5, .5, 1e6, NaN, INF, -INF.
bool is_double_lexical(std::string_view text);

}  // namespace csdmx::sdmx
