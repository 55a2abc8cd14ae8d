// Table Schema cell values and dates: the first byte picks a field type, the second
// a format, the rest is the cell; it is normalised, read as a time period, checked
// against constraints, and parsed by each date reader.
#include <array>

#include "package/cell_values.h"
#include "package/date_parsing.h"
#include "tests/fuzz/fuzz_support.h"

using namespace csdmx;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static constexpr std::array<const char*, 10> kTypes = {"string",   "number", "integer",   "boolean", "date",
                                                           "datetime", "year",   "yearmonth", "time",    "any"};
    static constexpr std::array<const char*, 8> kFormats = {
        "default", "any", "%d.%m.%Y", "%m/%d/%Y %I:%M:%S %p", "%d-%b-%y", "excel", "%Y-%m-%dT%H:%M:%S%z", "%j %Y"};
    static constexpr std::array<char, 7> kFrequencies = {0, 'A', 'S', 'Q', 'M', 'W', 'D'};
    if (size < 2) return 0;
    package::Field field;
    field.name = "cell";
    field.type = kTypes[data[0] % kTypes.size()];
    field.format = kFormats[data[1] % kFormats.size()];
    field.sdmx.frequency = kFrequencies[(data[0] / kTypes.size()) % kFrequencies.size()];
    if (data[1] & 0x80) {
        field.decimal_char = ",";
        field.group_char = ".";
        field.bare_number = false;
    }
    field.constraints.minimum = "0";
    field.constraints.maximum = "2030-12-31";
    field.constraints.max_length = 40;
    static const package::TextPattern pattern("[0-9A-Za-z ,.:/-]*");
    const auto text = fuzz::as_text(data + 2, size - 2);
    std::string value;
    if (package::normalise_cell(field, text, value).empty()) {
        (void)package::check_constraints(field, text, value, &pattern);
        std::string period;
        char frequency = 0;
        (void)package::cell_time_period(field, value, period, frequency);
    }
    (void)package::looks_like_excel_mangled_identifier(text);
    (void)package::parse_iso_date(text);
    (void)package::parse_iso_datetime(text);
    (void)package::parse_with_format(text, field.format);
    (void)package::parse_excel_serial(text);
    return 0;
}
