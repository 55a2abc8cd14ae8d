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

namespace {

std::string two_digits(int value) {
    std::string text = std::to_string(value);
    return value < 10 ? "0" + text : text;
}

// Splits "2022W9", "2022-W09", "2022 w9", "W9 2022" into year, letter and number.
bool split_period(std::string_view text, int& year, char& letter, int& number) {
    std::string compact;
    for (char c : text) {
        if (c == ' ' || c == '-' || c == '/' || c == '_') continue;
        compact += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    auto parse_number = [](std::string_view digits_text, int& value) {
        if (digits_text.empty() || digits_text.size() > 2) return false;
        value = 0;
        for (char c : digits_text) {
            if (c < '0' || c > '9') return false;
            value = value * 10 + (c - '0');
        }
        return true;
    };
    std::string_view view = compact;
    if (view.size() >= 6 && digits(view, 0, 4, year) && !(view[4] >= '0' && view[4] <= '9')) {
        letter = view[4];
        return parse_number(view.substr(5), number);
    }
    if (view.size() >= 6 && !(view[0] >= '0' && view[0] <= '9')) {  // Q1 2022
        letter = view[0];
        std::size_t year_at = view.size() - 4;
        return digits(view, year_at, 4, year) && parse_number(view.substr(1, year_at - 1), number);
    }
    return false;
}

}  // namespace

std::optional<TimePeriod> parse_time_period_lenient(std::string_view text) {
    if (auto exact = parse_time_period(text)) return exact;
    int year = 0, number = 0;
    char letter = 0;
    if (!split_period(text, year, letter, number) || year < 1) return std::nullopt;
    std::string year_text = std::to_string(year);
    while (year_text.size() < 4) year_text = "0" + year_text;
    std::string candidate;
    switch (letter) {
        case 'W':
            candidate = year_text + "-W" + two_digits(number);
            break;
        case 'Q':
            candidate = year_text + "-Q" + std::to_string(number);
            break;
        case 'S':
        case 'H':
            candidate = year_text + "-S" + std::to_string(number);
            break;
        case 'M':
            candidate = year_text + "-" + two_digits(number);
            break;
        default:
            return std::nullopt;
    }
    return parse_time_period(candidate);
}

std::string period_of_day(int year, int month, int day, char frequency) {
    const std::string year_text = std::to_string(year);
    switch (frequency) {
        case 'A':
            return year_text;
        case 'S':
            return year_text + "-S" + (month <= 6 ? "1" : "2");
        case 'Q':
            return year_text + "-Q" + std::to_string((month - 1) / 3 + 1);
        case 'M':
            return year_text + "-" + two_digits(month);
        case 'D':
            return year_text + "-" + two_digits(month) + "-" + two_digits(day);
        case 'W': {
            // ISO 8601: the week with the year's first Thursday is week 1.
            static const int before_month[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
            int ordinal = before_month[month - 1] + day + (month > 2 && is_leap_year(year) ? 1 : 0);
            int weekday = day_of_week(year, month, day);
            if (weekday == 0) weekday = 7;  // Monday 1 ... Sunday 7
            int week = (ordinal - weekday + 10) / 7;
            int week_year = year;
            if (week < 1) {
                week_year = year - 1;
                week = iso_weeks_in_year(week_year);
            } else if (week > iso_weeks_in_year(year)) {
                week_year = year + 1;
                week = 1;
            }
            return std::to_string(week_year) + "-W" + two_digits(week);
        }
        default:
            return {};
    }
}

// The one SDMX period a reference period is: a day, a whole month, quarter or year;
// otherwise the calendar year it lies in, if it lies in one.
std::optional<TimePeriod> period_covering(const std::string& start, const std::string& end) {
    auto first = parse_time_period(start);
    auto last = parse_time_period(end);
    if (!first || !last || first->frequency != 'D' || last->frequency != 'D') return std::nullopt;
    const int year = std::stoi(start.substr(0, 4));
    if (year != std::stoi(end.substr(0, 4))) return std::nullopt;
    const int first_month = std::stoi(start.substr(5, 2)), first_day = std::stoi(start.substr(8, 2));
    const int last_month = std::stoi(end.substr(5, 2)), last_day = std::stoi(end.substr(8, 2));
    const bool month_ends = !is_valid_date(year, last_month, last_day + 1);
    if (start == end) return TimePeriod{start, 'D'};
    if (first_day == 1 && month_ends && first_month == last_month) {
        return TimePeriod{period_of_day(year, first_month, 1, 'M'), 'M'};
    }
    if (first_day == 1 && month_ends && (first_month - 1) % 3 == 0 && last_month == first_month + 2) {
        return TimePeriod{period_of_day(year, first_month, 1, 'Q'), 'Q'};
    }
    return TimePeriod{std::to_string(year), 'A'};
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
