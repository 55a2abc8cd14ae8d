// SDMX time periods and their frequencies.
//
// The converter writes TIME_PERIOD as one of the forms of common:ObservationalTimePeriodType
// that statistical offices use: YYYY (A), YYYY-Sn (S), YYYY-Qn (Q), YYYY-MM (M),
// YYYY-Www (W) and YYYY-MM-DD (D); the FREQ code follows from the form.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace csdmx::sdmx {

struct TimePeriod {
    std::string value;
    char frequency = 'A';  // SDMX CL_FREQ code
};

// Recognises one of the forms above and checks its ranges (month 1-12, a real
// calendar day, ISO week 1-52 or 53 in long years). Nothing else is accepted.
std::optional<TimePeriod> parse_time_period(std::string_view text);

// English name of an SDMX CL_FREQ code, e.g. 'Q' -> "Quarterly".
const char* frequency_name(char frequency);

bool is_valid_date(int year, int month, int day);
bool is_leap_year(int year);
int iso_weeks_in_year(int year);

}  // namespace csdmx::sdmx
