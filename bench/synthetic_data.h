// Shared by the benchmark generators: a fixed pseudo-random sequence, so that runs
// are comparable, calendar days as ISO dates, and their command line.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace bench {

// A 64-bit linear congruential generator (Knuth's MMIX constants).
class Sequence {
public:
    unsigned long long next() {
        state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
        return state_ >> 33;
    }

private:
    unsigned long long state_ = 42;
};

// Day `day` counted from 2000-01-01, as YYYY-MM-DD.
inline std::string date_of(long long day) {
    static const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    auto leap = [](int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; };
    int year = 2000;
    while (day >= (leap(year) ? 366 : 365)) day -= leap(year++) ? 366 : 365;
    int month = 0;
    while (day >= lengths[month] + (month == 1 && leap(year) ? 1 : 0)) {
        day -= lengths[month] + (month == 1 && leap(year) ? 1 : 0);
        ++month;
    }
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d-%02lld", year, month + 1, day + 1);
    return text;
}

// The citizen_data block of the benchmark packages.
inline const char* kBenchmarkCitizenData = R"({
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
  })";

// "GENERATOR ROWS OUTPUT_DIR": the row count and the package folder (created).
// False, after printing the usage, when the arguments are not that.
inline bool read_arguments(int argc, char** argv, long long& rows, std::filesystem::path& folder) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s ROWS OUTPUT_DIR\n", argv[0]);
        return false;
    }
    rows = std::atoll(argv[1]);
    folder = argv[2];
    std::filesystem::create_directories(folder);
    return true;
}

}  // namespace bench
