#include "sdmx/time_period.h"

namespace csdmx::sdmx {

namespace {

bool digits(std::string_view text, std::size_t position, std::size_t count, int& value) {
    if (position + count > text.size()) return false;
    value = 0;
    for (std::size_t i = position; i < position + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
        value = value * 10 + (text[i] - '0');
    }
    return true;
}

// 0 = Sunday ... 6 = Saturday (Sakamoto's method).
int day_of_week(int year, int month, int day) {
    static const int offsets[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    if (month < 3) year -= 1;
    return (year + year / 4 - year / 100 + year / 400 + offsets[month - 1] + day) % 7;
}

}  // namespace

bool is_leap_year(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

bool is_valid_date(int year, int month, int day) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 1 || month < 1 || month > 12 || day < 1) return false;
    int limit = days[month - 1] + (month == 2 && is_leap_year(year) ? 1 : 0);
    return day <= limit;
}

int iso_weeks_in_year(int year) {
    // A year has 53 ISO weeks when it starts on a Thursday, or is a leap year starting on a Wednesday.
    int january_first = day_of_week(year, 1, 1);
    return (january_first == 4 || (is_leap_year(year) && january_first == 3)) ? 53 : 52;
}

std::optional<TimePeriod> parse_time_period(std::string_view text) {
    int year = 0;
    if (!digits(text, 0, 4, year) || year < 1) return std::nullopt;
    if (text.size() == 4) return TimePeriod{std::string(text), 'A'};
    if (text[4] != '-') return std::nullopt;
    int number = 0;
    if (text.size() == 7 && text[5] == 'S' && digits(text, 6, 1, number) && number >= 1 && number <= 2) {
        return TimePeriod{std::string(text), 'S'};
    }
    if (text.size() == 7 && text[5] == 'Q' && digits(text, 6, 1, number) && number >= 1 && number <= 4) {
        return TimePeriod{std::string(text), 'Q'};
    }
    if (text.size() == 8 && text[5] == 'W' && digits(text, 6, 2, number) && number >= 1 &&
        number <= iso_weeks_in_year(year)) {
        return TimePeriod{std::string(text), 'W'};
    }
    int month = 0;
    if (text.size() == 7 && digits(text, 5, 2, month) && month >= 1 && month <= 12) {
        return TimePeriod{std::string(text), 'M'};
    }
    int day = 0;
    if (text.size() == 10 && digits(text, 5, 2, month) && text[7] == '-' && digits(text, 8, 2, day) &&
        is_valid_date(year, month, day)) {
        return TimePeriod{std::string(text), 'D'};
    }
    return std::nullopt;
}

const char* frequency_name(char frequency) {
    switch (frequency) {
        case 'A':
            return "Annual";
        case 'S':
            return "Half-yearly, semester";
        case 'Q':
            return "Quarterly";
        case 'M':
            return "Monthly";
        case 'W':
            return "Weekly";
        case 'D':
            return "Daily";
        default:
            return "Unknown frequency";
    }
}

}  // namespace csdmx::sdmx
