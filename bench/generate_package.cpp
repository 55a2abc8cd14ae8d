// Writes a synthetic citizen data package of N rows for whole-process benchmarks:
// a survey-style table (site x sex x age group x month) with two measures.
//   generate_package ROWS OUTPUT_DIR
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s ROWS OUTPUT_DIR\n", argv[0]);
        return 2;
    }
    const long long rows = std::atoll(argv[1]);
    const std::filesystem::path folder = argv[2];
    std::filesystem::create_directories(folder);

    std::ofstream csv(folder / "survey.csv");
    csv << "site,sex,age_group,month,households,mean_litres\n";
    const char* sexes[] = {"female", "male"};
    const char* ages[] = {"0-4", "5-14", "15-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75-84", "85+"};
    unsigned long long state = 42;
    auto next = [&] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return state >> 33;
    };
    long long written = 0;
    for (long long site = 0; written < rows; ++site) {
        for (int sex = 0; sex < 2 && written < rows; ++sex) {
            for (int age = 0; age < 10 && written < rows; ++age) {
                for (int month = 1; month <= 12 && written < rows; ++month, ++written) {
                    csv << "Site " << site << ',' << sexes[sex] << ',' << ages[age] << ",2024-"
                        << (month < 10 ? "0" : "") << month << ',' << (next() % 500) << ',' << (next() % 100000) / 100.0
                        << '\n';
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
        {"name": "month", "type": "yearmonth"},
        {"name": "households", "type": "integer", "sdmx": {"unit": "HH"}},
        {"name": "mean_litres", "type": "number", "sdmx": {"unit": "L"}}
      ],
      "primaryKey": ["site", "sex", "age_group", "month"]
    }
  }],
  "citizen_data": {
    "producer": {"id": "BENCH", "name": "Benchmark producer", "type": "CSO"},
    "initiative_type": "CITIZEN_LED",
    "participation": {"DESIGN": "5", "COLLECT": "5", "PROCESS": "4", "ANALYSE": "4", "DISSEMINATE": "4", "USE": "3"},
    "purpose": "Benchmark input.",
    "target_indicators": ["6.1.1"],
    "method": {"description": "Synthetic."},
    "sample": {"description": "Synthetic."},
    "coverage": {"population": "None", "area": "None", "period": {"start": "2024-01-01", "end": "2024-12-31"}},
    "consent": {"basis": "no_personal_data", "description": "Synthetic data."},
    "licence": {"name": "CC0-1.0"},
    "disclosure_threshold": 10,
    "validation": {"by": "nobody", "date": "2026-11-22", "result": "PENDING"}
  }
}
)";
    std::printf("%lld rows in %s\n", written, folder.c_str());
    return 0;
}
