// Dates and times as citizen data write them: ISO 8601, spreadsheet patterns
// (dd.mm.yyyy, MM/DD/YYYY hh:mm:ss AM, 28-Feb-22) given as strptime formats, and
// Excel serial day numbers.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace csdmx::package {

struct DateTime {
    int year = 0, month = 0, day = 0;
    int hour = 0, minute = 0, second = 0;
    bool has_time = false;
    std::string zone;  // "Z", "+02:00" or empty

    std::string date_text() const;      // YYYY-MM-DD
    std::string datetime_text() const;  // YYYY-MM-DDThh:mm:ss[zone], an xs:dateTime
};

// YYYY-MM-DD
std::optional<DateTime> parse_iso_date(std::string_view text);
// YYYY-MM-DDThh:mm:ss with optional fraction and zone (a space for the T is accepted).
std::optional<DateTime> parse_iso_datetime(std::string_view text);
// A strptime(3) pattern such as "%d.%m.%Y" or "%m/%d/%Y %I:%M:%S %p"; the whole text
// must match, and the day must exist.
std::optional<DateTime> parse_with_format(std::string_view text, const std::string& format);
// Days since 1899-12-30 as Excel counts them (fractions are times of day).
std::optional<DateTime> parse_excel_serial(std::string_view text);

}  // namespace csdmx::package
