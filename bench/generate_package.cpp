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

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s ROWS OUTPUT_DIR\n", argv[0]);
        return 2;
    }
    const long long rows = std::atoll(argv[1]);
    const std::filesystem::path folder = argv[2];
    std::filesystem::create_directories(folder);

    std::ofstream csv(folder / "survey.csv");
    csv << "site,sex,age_group,day,households,mean_litres\n";
    const char* sexes[] = {"female", "male"};
    const char* ages[] = {"0-4", "5-14", "15-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75-84", "85+"};
    constexpr int kSites = 500;
    unsigned long long state = 42;
    auto next = [&] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return state >> 33;
    };
    // Days from 2000-01-01 on, as YYYY-MM-DD.
    auto date_of = [](long long day) {
        static const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int year = 2000;
        for (;;) {
            bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            int days = leap ? 366 : 365;
            if (day < days) break;
            day -= days;
            ++year;
        }
        int month = 0;
        for (;; ++month) {
            bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            int days = lengths[month] + (month == 1 && leap ? 1 : 0);
            if (day < days) break;
            day -= days;
        }
        char text[32];
        std::snprintf(text, sizeof text, "%04d-%02d-%02lld", year, month + 1, day + 1);
        return std::string(text);
    };
    long long written = 0;
    for (long long day = 0; written < rows; ++day) {
        const std::string date = date_of(day);
        for (int site = 0; site < kSites && written < rows; ++site) {
            for (int sex = 0; sex < 2 && written < rows; ++sex) {
                for (int age = 0; age < 10 && written < rows; ++age, ++written) {
                    csv << "Site " << site << ',' << sexes[sex] << ',' << ages[age] << ',' << date << ','
                        << (next() % 500) << ',' << (next() % 100000) / 100.0 << '\n';
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
  "citizen_data": {
    "producer": {"id": "BENCH", "name": "Benchmark producer", "type": "CSO"},
    "initiative_type": "CITIZEN_LED",
    "participation": {"DESIGN": "5", "COLLECT": "5", "PROCESS": "4", "ANALYSE": "4", "DISSEMINATE": "4", "USE": "3"},
    "purpose": "Benchmark input.",
    "target_indicators": ["6.1.1"],
    "method": {"description": "Synthetic."},
    "sample": {"description": "Synthetic."},
    "coverage": {"population": "None", "area": "None", "period": {"start": "2000-01-01", "end": "2002-12-31"}},
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
