#include "tabulation/area_lookup.h"

#include <cstdlib>

#include "core/diagnostic.h"
#include "package/csv_reader.h"
#include "package/text_source.h"
#include "sdmx/ids.h"

namespace csdmx::mapping {

namespace {

double coordinate(const package::CsvRecord& record, std::size_t column, const std::string& file, double low,
                  double high) {
    const std::string& text = record.fields[column];
    char* end = nullptr;
    double value = std::strtod(text.c_str(), &end);
    if (text.empty() || end == nullptr || *end != '\0' || value < low || value > high) {
        throw InputError(file, record.lines[column], record.columns[column],
                         "expected a number from " + std::to_string(static_cast<int>(low)) + " to " +
                             std::to_string(static_cast<int>(high)) + "; found \"" + text + "\"");
    }
    return value;
}

}  // namespace

AreaLookup AreaLookup::read(const std::filesystem::path& file) {
    const std::string display = file.string();
    package::TextSource source(file, {}, display);
    package::CsvDialect dialect;
    package::CsvReader reader(source, dialect, display);
    package::CsvRecord record;
    const std::vector<std::string> header = {"code", "name", "min_lat", "max_lat", "min_lon", "max_lon"};
    if (!reader.next(record) || record.fields != header) {
        throw InputError(display, 1, 1, "expected the header code,name,min_lat,max_lat,min_lon,max_lon");
    }
    AreaLookup lookup;
    while (reader.next(record)) {
        if (record.fields.size() != header.size()) {
            throw InputError(display, record.line, 1, "expected 6 fields, found " + std::to_string(record.fields.size()));
        }
        if (!sdmx::is_sdmx_id(record.fields[0])) {
            throw InputError(display, record.line, 1, "expected an SDMX code id; found \"" + record.fields[0] + "\"");
        }
        Area area{record.fields[0], record.fields[1], coordinate(record, 2, display, -90, 90),
                  coordinate(record, 3, display, -90, 90), coordinate(record, 4, display, -180, 180),
                  coordinate(record, 5, display, -180, 180)};
        if (area.min_lat > area.max_lat || area.min_lon > area.max_lon) {
            throw InputError(display, record.line, 1, "the minimum is above the maximum");
        }
        lookup.areas_.push_back(std::move(area));
    }
    return lookup;
}

const AreaLookup::Area* AreaLookup::find(double latitude, double longitude) const {
    for (const auto& area : areas_) {
        if (latitude >= area.min_lat && latitude <= area.max_lat && longitude >= area.min_lon &&
            longitude <= area.max_lon) {
            return &area;
        }
    }
    return nullptr;
}

}  // namespace csdmx::mapping
