// UTF-8 validity, for parsers that pass bytes through (yaml-cpp) in front of code that
// assumes UTF-8 (valijson, nlohmann's dump).
#pragma once

#include <string_view>

namespace csdmx {

// True when every byte sequence of `text` is valid UTF-8 (no overlong forms, surrogates
// or code points beyond U+10FFFF). Defined beside the diagnostics' own UTF-8 reading.
bool is_valid_utf8(std::string_view text);

}  // namespace csdmx
