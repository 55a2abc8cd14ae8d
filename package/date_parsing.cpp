#include "package/date_parsing.h"

#include <cmath>
#include <cstdio>
#include <ctime>
#include <string>

#include "sdmx/time_period.h"

namespace csdmx::package {

namespace {

bool digits(std::string_view text, std::size_t at, std::size_t count, int& value) {
    if (at + count > text.size()) return false;
    value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
        value = value * 10 + (text[i] - '0');
    }
    return true;
}

bool valid_time(const DateTime& t) {
    return t.hour < 24 && t.minute < 60 && t.second <= 60;
}

// Howard Hinnant's civil_from_days: days since 1970-01-01 to a calendar date.
void civil_from_days(long long z, int& year, int& month, int& day) {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const long long doe = z - era * 146097;
    const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long long y = yoe + era * 400;
    const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long long mp = (5 * doy + 2) / 153;
    day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    year = static_cast<int>(y + (month <= 2 ? 1 : 0));
}

}  // namespace

std::string DateTime::date_text() const {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
    return text;
}

std::string DateTime::datetime_text() const {
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute, second);
    return std::string(text) + zone;
}

std::optional<DateTime> parse_iso_date(std::string_view text) {
    DateTime t;
    if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !digits(text, 0, 4, t.year) ||
        !digits(text, 5, 2, t.month) || !digits(text, 8, 2, t.day) || !sdmx::is_valid_date(t.year, t.month, t.day)) {
        return std::nullopt;
    }
    return t;
}

std::optional<DateTime> parse_iso_datetime(std::string_view text) {
    if (text.size() < 19 || (text[10] != 'T' && text[10] != ' ')) return std::nullopt;
    auto date = parse_iso_date(text.substr(0, 10));
    if (!date) return std::nullopt;
    DateTime t = *date;
    t.has_time = true;
    if (text[13] != ':' || text[16] != ':' || !digits(text, 11, 2, t.hour) || !digits(text, 14, 2, t.minute) ||
        !digits(text, 17, 2, t.second) || !valid_time(t)) {
        return std::nullopt;
    }
    std::size_t at = 19;
    if (at < text.size() && text[at] == '.') {
        ++at;
        std::size_t start = at;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
        if (at == start) return std::nullopt;
    }
    std::string_view zone = text.substr(at);
    int hours = 0, minutes = 0;
    if (zone == "Z" || zone.empty()) {
        t.zone = std::string(zone);
    } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' && digits(zone, 1, 2, hours) &&
               digits(zone, 4, 2, minutes) && hours <= 14 && minutes < 60) {
        t.zone = std::string(zone);
    } else {
        return std::nullopt;
    }
    return t;
}

std::optional<DateTime> parse_with_format(std::string_view text, const std::string& format) {
    std::string copy(text);
    std::tm parts{};
    parts.tm_mday = 0;
    const char* end = ::strptime(copy.c_str(), format.c_str(), &parts);
    if (end == nullptr || *end != '\0') return std::nullopt;
    DateTime t;
    t.year = parts.tm_year + 1900;
    t.month = parts.tm_mon + 1;
    t.day = parts.tm_mday == 0 ? 1 : parts.tm_mday;  // year-month patterns have no day
    t.hour = parts.tm_hour;
    t.minute = parts.tm_min;
    t.second = parts.tm_sec;
    t.has_time = format.find("%H") != std::string::npos || format.find("%I") != std::string::npos ||
                 format.find("%T") != std::string::npos;
    if (!sdmx::is_valid_date(t.year, t.month, t.day) || !valid_time(t)) return std::nullopt;
    return t;
}

std::optional<DateTime> parse_excel_serial(std::string_view text) {
    std::string copy(text);
    char* end = nullptr;
    double serial = std::strtod(copy.c_str(), &end);
    if (end == copy.c_str() || *end != '\0' || !(serial >= 1.0) || serial > 2958465.0) return std::nullopt;
    // Excel's day 0 is 1899-12-30 once its 1900 leap-year bug is allowed for.
    const long long days = static_cast<long long>(std::floor(serial));
    DateTime t;
    civil_from_days(days - 25569, t.year, t.month, t.day);
    double fraction = serial - std::floor(serial);
    if (fraction > 0) {
        long long seconds = std::llround(fraction * 86400.0);
        if (seconds >= 86400) seconds = 86399;
        t.has_time = true;
        t.hour = static_cast<int>(seconds / 3600);
        t.minute = static_cast<int>(seconds / 60 % 60);
        t.second = static_cast<int>(seconds % 60);
    }
    return t;
}

}  // namespace csdmx::package
