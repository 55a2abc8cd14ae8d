#include "sdmx/model/message_header.h"

#include <cstdlib>
#include <ctime>

namespace csdmx::sdmx {

std::string utc_timestamp_now() {
    // SOURCE_DATE_EPOCH (reproducible-builds.org) pins the clock, so the same input
    // converts to byte-identical messages, in tests and in audited pipelines.
    std::time_t now = std::time(nullptr);
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
        char* end = nullptr;
        long long seconds = std::strtoll(epoch, &end, 10);
        if (end != nullptr && *end == '\0' && seconds >= 0) now = static_cast<std::time_t>(seconds);
    }
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

}  // namespace csdmx::sdmx
