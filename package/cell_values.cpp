#include "package/cell_values.h"

#include <algorithm>
#include <cstdlib>

#include "package/date_parsing.h"
#include "sdmx/time_period.h"
#include "sdmx/values.h"

namespace csdmx::package {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_integer_lexical(std::string_view text) {
    if (!text.empty() && (text.front() == '+' || text.front() == '-')) text.remove_prefix(1);
    return !text.empty() && std::all_of(text.begin(), text.end(), is_digit);
}

// Removes group characters and makes the decimal mark a dot, into `result` (whose
// storage is reused: this runs for every numeric cell).
void strip_group_and_decimal(const Field& field, std::string_view text, std::string& result) {
    result.clear();
    if (field.group_char.empty() && (field.decimal_char == "." || field.decimal_char.empty())) {
        result.assign(text.data(), text.size());
        return;
    }
    for (std::size_t i = 0; i < text.size();) {
        if (!field.group_char.empty() && text.substr(i, field.group_char.size()) == field.group_char) {
            i += field.group_char.size();
            continue;
        }
        if (field.decimal_char != "." && !field.decimal_char.empty() &&
            text.substr(i, field.decimal_char.size()) == field.decimal_char) {
            result += '.';
            i += field.decimal_char.size();
            continue;
        }
        result += text[i++];
    }
}

// bareNumber false: leading and trailing text around the number goes ("95%", "EUR 100").
std::string_view strip_non_numeric(std::string_view text) {
    auto numeric = [](char c) { return is_digit(c) || c == '-' || c == '+' || c == '.' || c == ','; };
    while (!text.empty() && !numeric(text.front())) text.remove_prefix(1);
    while (!text.empty() && !is_digit(text.back())) text.remove_suffix(1);
    return text;
}

std::string field_note(const Field& field) {
    std::string note = " (field \"" + field.name + "\" has type " + field.type;
    if (field.format != "default") note += ", format \"" + field.format + "\"";
    return note + ")";
}

std::optional<DateTime> read_date_or_time(const Field& field, std::string_view text) {
    const std::string& format = field.format;
    if (format == "default" || format == "any") {
        if (field.type == "date") {
            if (auto date = parse_iso_date(text)) return date;
            if (format == "any") return parse_iso_datetime(text);
            return std::nullopt;
        }
        if (auto datetime = parse_iso_datetime(text)) return datetime;
        if (format == "any") return parse_iso_date(text);
        return std::nullopt;
    }
    if (format == "excel") return parse_excel_serial(text);
    return parse_with_format(text, format);
}

}  // namespace

bool looks_like_excel_mangled_identifier(std::string_view text) {
    // d.ddE+nn with an exponent of 11 or more: an identifier of 12+ digits cut to 3-15.
    if (text.size() < 4 || text[1] != '.' || !is_digit(text[0])) return false;  // most cells: no search
    std::size_t e = text.find_first_of("Ee");
    if (e == std::string_view::npos || e < 3 || text[1] != '.' || !is_digit(text[0])) return false;
    for (std::size_t i = 2; i < e; ++i) {
        if (!is_digit(text[i])) return false;
    }
    std::string_view exponent = text.substr(e + 1);
    if (!exponent.empty() && exponent.front() == '+') exponent.remove_prefix(1);
    if (exponent.empty() || exponent.size() > 3 || !std::all_of(exponent.begin(), exponent.end(), is_digit)) {
        return false;
    }
    return std::atoi(std::string(exponent).c_str()) >= 11;
}

std::string normalise_cell(const Field& field, std::string_view text, std::string& out) {
    // A view: comparing it with a literal checks the length first (this runs per cell).
    const std::string_view type = field.type;
    if (type == "number" || type == "integer") {
        std::string_view core = field.bare_number ? text : strip_non_numeric(text);
        strip_group_and_decimal(field, core, out);
        if (out.size() > 1 && out.front() == '+') out.erase(0, 1);
        bool ok = type == "number" ? sdmx::is_double_lexical(out) : is_integer_lexical(out);
        if (ok) return {};
        std::string expected = type == "number" ? "expected a number" : "expected a whole number";
        if (field.decimal_char != ".") expected += " with decimal mark '" + field.decimal_char + "'";
        if (type == "integer" && sdmx::is_double_lexical(out)) {
            expected += "; a decimal value in an integer column: declare the type number";
        }
        return expected + field_note(field);
    }
    if (type == "boolean") {
        if (std::find(field.true_values.begin(), field.true_values.end(), text) != field.true_values.end()) {
            out = "true";
            return {};
        }
        if (std::find(field.false_values.begin(), field.false_values.end(), text) != field.false_values.end()) {
            out = "false";
            return {};
        }
        return "expected true or false" + field_note(field);
    }
    if (type == "date" || type == "datetime") {
        // An ISO date (four-digit year) is already in the form date_text() would print.
        if (type == "date" && (field.format == "default" || field.format == "any") && parse_iso_date(text)) {
            out.assign(text.data(), text.size());
            return {};
        }
        auto parsed = read_date_or_time(field, text);
        if (!parsed) {
            std::string form = field.format == "default" ? (type == "date" ? "YYYY-MM-DD" : "YYYY-MM-DDThh:mm:ss")
                               : field.format == "excel" ? "an Excel serial day number"
                                                         : "\"" + field.format + "\"";
            return "expected a " + std::string(type == "date" ? "calendar date" : "date and time") + " as " + form +
                   field_note(field);
        }
        out = type == "date" ? parsed->date_text() : parsed->datetime_text();
        return {};
    }
    if (type == "year" || type == "yearmonth") {
        if (field.format != "default" && field.format != "any") {
            auto parsed = parse_with_format(text, field.format);
            if (!parsed) return "expected a " + field.type + " as \"" + field.format + "\"" + field_note(field);
            out = sdmx::period_of_day(parsed->year, parsed->month, 1, type == "year" ? 'A' : 'M');
            return {};
        }
        auto period = sdmx::parse_time_period(text);
        char wanted = type == "year" ? 'A' : 'M';
        if (!period || period->frequency != wanted) {
            return std::string("expected a ") + field.type + " as " + (type == "year" ? "YYYY" : "YYYY-MM") +
                   field_note(field);
        }
        out = period->value;
        return {};
    }
    out.assign(text.data(), text.size());
    return {};
}

std::string cell_time_period(const Field& field, std::string_view value, std::string& period, char& frequency) {
    if (field.type == "date" || field.type == "datetime") {
        auto date = parse_iso_date(value.substr(0, 10));
        if (!date) return "expected a date in the time column \"" + field.name + "\"";
        frequency = field.sdmx.frequency ? field.sdmx.frequency : 'D';
        if (frequency == 'D' && date->year >= 1000) {
            period.assign(value.substr(0, 10));  // what period_of_day would print, without printing
            return {};
        }
        period = sdmx::period_of_day(date->year, date->month, date->day, frequency);
        return {};
    }
    auto parsed = sdmx::parse_time_period_lenient(value);
    if (!parsed) {
        return "expected an SDMX time period (YYYY, YYYY-Sn, YYYY-Qn, YYYY-MM, YYYY-Www or YYYY-MM-DD) in the time "
               "column \"" +
               field.name + "\"";
    }
    period = parsed->value;
    frequency = parsed->frequency;
    return {};
}

std::string check_constraints(const Field& field, std::string_view raw, std::string_view value,
                              const TextPattern* pattern) {
    const auto& c = field.constraints;
    if (!c.enum_values.empty() && std::find(c.enum_values.begin(), c.enum_values.end(), raw) == c.enum_values.end() &&
        std::find(c.enum_values.begin(), c.enum_values.end(), value) == c.enum_values.end()) {
        std::string allowed;
        for (std::size_t i = 0; i < c.enum_values.size() && i < 8; ++i) allowed += (i ? ", " : "") + c.enum_values[i];
        if (c.enum_values.size() > 8) allowed += ", ...";
        return "expected one of the values in constraints.enum (" + allowed + ")";
    }
    if (c.min_length || c.max_length) {
        std::size_t length = static_cast<std::size_t>(std::count_if(
            value.begin(), value.end(), [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; }));
        if (c.min_length && length < *c.min_length) {
            return "expected at least " + std::to_string(*c.min_length) + " characters (constraints.minLength)";
        }
        if (c.max_length && length > *c.max_length) {
            return "expected at most " + std::to_string(*c.max_length) + " characters (constraints.maxLength)";
        }
    }
    if (c.minimum || c.maximum) {
        bool numeric = field.type == "number" || field.type == "integer";
        auto compare = [&](const std::string& bound) {
            if (numeric) {
                double a = std::strtod(std::string(value).c_str(), nullptr);
                double b = std::strtod(bound.c_str(), nullptr);
                return a < b ? -1 : a > b ? 1 : 0;
            }
            return std::string(value) < bound ? -1 : std::string(value) > bound ? 1 : 0;  // ISO dates sort as text
        };
        if (c.minimum && compare(*c.minimum) < 0) return "expected at least " + *c.minimum + " (constraints.minimum)";
        if (c.maximum && compare(*c.maximum) > 0) return "expected at most " + *c.maximum + " (constraints.maximum)";
    }
    // Table Schema patterns are XML Schema regular expressions: anchored, so regex_match.
    if (c.pattern && pattern != nullptr && !pattern->full_match(raw)) {
        return "expected text matching the pattern " + *c.pattern + " (constraints.pattern)";
    }
    return {};
}

}  // namespace csdmx::package
