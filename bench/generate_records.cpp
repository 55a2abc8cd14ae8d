// Writes a synthetic package of N records for the tabulation benchmark: one
// household visit per row, spread over 50 regions, 2 sexes, 10 age groups and the
// months of three years, with a tabulation of count, weighted mean, exact median and
// percentage, totals on region and sex. The cells are fixed (51 x 3 x 10 x 36),
// so what grows with N is records only — and, for the median, the sorter's disk.
//   generate_records ROWS OUTPUT_DIR
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "bench/synthetic_data.h"

int main(int argc, char** argv) {
    long long rows = 0;
    std::filesystem::path folder;
    if (!bench::read_arguments(argc, argv, rows, folder)) return 2;

    std::ofstream csv(folder / "visits.csv");
    csv << "region,sex,age_group,visited,litres,minutes,weight,source\n";
    const char* sexes[] = {"female", "male"};
    const char* sources[] = {"piped", "borehole", "well", "surface"};
    constexpr long long kDays = 3 * 365;
    bench::Sequence random;
    for (long long row = 0; row < rows; ++row) {
        const long long day = row * kDays / rows;  // in time order, as collected
        csv << "Region " << random.next() % 50 << ',' << sexes[random.next() % 2] << ",A" << random.next() % 10 << ','
            << bench::date_of(day) << ',' << (random.next() % 20000) / 100.0 << ',' << random.next() % 120 << ','
            << 0.5 + (random.next() % 1000) / 1000.0 << ',' << sources[random.next() % 4] << '\n';
    }
    std::ofstream descriptor(folder / "datapackage.json");
    descriptor << R"({
  "name": "benchmark-records",
  "resources": [{
    "name": "visits", "path": "visits.csv",
    "schema": {
      "fields": [
        {"name": "region", "type": "string"},
        {"name": "sex", "type": "string"},
        {"name": "age_group", "type": "string"},
        {"name": "visited", "type": "date"},
        {"name": "litres", "type": "number"},
        {"name": "minutes", "type": "integer"},
        {"name": "weight", "type": "number"},
        {"name": "source", "type": "string"}
      ]
    },
    "tabulation": {
      "group_by": [
        {"column": "region", "concept": "REF_AREA", "totals": true},
        {"column": "sex", "codes": {"female": "F", "male": "M"}, "totals": true},
        {"column": "age_group", "concept": "AGE"}
      ],
      "period": {"column": "visited", "frequency": "M"},
      "weight": "weight",
      "statistics": [
        {"id": "VISITS", "function": "count", "weighted": false},
        {"id": "LITRES_MEAN", "function": "mean", "column": "litres", "unit": "L"},
        {"id": "MINUTES_MEDIAN", "function": "median", "column": "minutes", "unit": "MIN"},
        {"id": "PIPED", "function": "percentage", "where": {"column": "source", "equals": "piped"}, "unit": "PT"}
      ]
    }
  }],
  "citizen_data": )"
               << bench::kBenchmarkCitizenData << R"(
}
)";
    std::printf("%lld records in %s\n", rows, folder.c_str());
    return 0;
}
