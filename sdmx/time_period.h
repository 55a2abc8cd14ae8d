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

// Also accepts the spellings people and spreadsheets use for the same periods,
// returning the SDMX form: 2022W9, 2022-W9, 2022 W09 -> 2022-W09; 2022Q1, 2022 Q1,
// Q1 2022 -> 2022-Q1; 2022S2, 2022-H2 -> 2022-S2; 2022M03 -> 2022-03.
std::optional<TimePeriod> parse_time_period_lenient(std::string_view text);

// The period at `frequency` that contains the day: 2022-02-28 is 2022 (A), 2022-S1,
// 2022-Q1, 2022-02, 2022-W09 (ISO week, whose year may differ) or 2022-02-28 (D).
// Returns an empty string for a frequency it does not know.
std::string period_of_day(int year, int month, int day, char frequency);

// The one period a reference period from `start` to `end` (YYYY-MM-DD) is: a day,
// a whole month, a whole quarter, else the calendar year it lies in. Nothing when
// it spans years or the dates are not dates.
std::optional<TimePeriod> period_covering(const std::string& start, const std::string& end);

// English name of an SDMX CL_FREQ code, e.g. 'Q' -> "Quarterly".
const char* frequency_name(char frequency);

bool is_valid_date(int year, int month, int day);
bool is_leap_year(int year);
int iso_weeks_in_year(int year);

}  // namespace csdmx::sdmx
