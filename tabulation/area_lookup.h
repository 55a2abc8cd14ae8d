// Generalises exact coordinates to an area code, so that a record's location can be
// a disaggregation without publishing where anyone lives. Areas are rectangles
// (min/max latitude and longitude) read from a CSV file; the first that contains
// the point wins.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace csdmx::mapping {

class AreaLookup {
public:
    struct Area {
        std::string code, name;
        double min_lat, max_lat, min_lon, max_lon;
    };

    // CSV with header code,name,min_lat,max_lat,min_lon,max_lon. Throws InputError
    // naming the line and column of anything malformed.
    static AreaLookup read(const std::filesystem::path& file);

    // The area containing the point, or nullptr.
    const Area* find(double latitude, double longitude) const;
    const std::vector<Area>& areas() const { return areas_; }

private:
    std::vector<Area> areas_;
};

}  // namespace csdmx::mapping
