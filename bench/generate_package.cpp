// Writes a synthetic citizen data package of N rows for whole-process benchmarks:
// daily readings for 500 sites x 2 sexes x 10 age groups (10,000 series), in time
// order as a log would arrive, with two measures. The number of distinct codes is
// fixed, so what grows with N is rows and periods only.
//   generate_package ROWS OUTPUT_DIR
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

    std::ofstream csv(folder / "survey.csv");
    csv << "site,sex,age_group,day,households,mean_litres\n";
    const char* sexes[] = {"female", "male"};
    const char* ages[] = {"0-4", "5-14", "15-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75-84", "85+"};
    constexpr int kSites = 500;
    bench::Sequence random;
    long long written = 0;
    for (long long day = 0; written < rows; ++day) {
        const std::string date = bench::date_of(day);
        for (int site = 0; site < kSites && written < rows; ++site) {
            for (int sex = 0; sex < 2 && written < rows; ++sex) {
                for (int age = 0; age < 10 && written < rows; ++age, ++written) {
                    csv << "Site " << site << ',' << sexes[sex] << ',' << ages[age] << ',' << date << ','
                        << (random.next() % 500) << ',' << (random.next() % 100000) / 100.0 << '\n';
                }
            }
        }
    }
    std::ofstream descriptor(folder / "datapackage.json");
    descriptor << R"({
  "name": "benchmark-survey",
  "resources": [{
    "name": "survey", "path": "survey.csv",
    "schema": {
      "fields": [
        {"name": "site", "type": "string"},
        {"name": "sex", "type": "string", "sdmx": {"codes": {"female": "F", "male": "M"}}},
        {"name": "age_group", "type": "string"},
        {"name": "day", "type": "date"},
        {"name": "households", "type": "integer", "sdmx": {"unit": "HH"}},
        {"name": "mean_litres", "type": "number", "sdmx": {"unit": "L"}}
      ],
      "primaryKey": ["site", "sex", "age_group", "day"]
    }
  }],
  "citizen_data": )"
               << bench::kBenchmarkCitizenData << R"(
}
)";
    std::printf("%lld rows in %s\n", written, folder.c_str());
    return 0;
}
