#include "package/dialect_sniffer.h"

#include <map>
#include <vector>

namespace csdmx::package {

namespace {

// Field counts of the first records of the sample, quotes respected (a quoted
// line break does not end a record). The last record may be cut off by the sample
// size, so it is left out.
std::vector<int> field_counts(std::string_view sample, char delimiter, char quote) {
    std::vector<int> counts;
    int fields = 1;
    bool quoted = false;
    bool any = false;
    for (std::size_t i = 0; i < sample.size() && counts.size() < 100; ++i) {
        char c = sample[i];
        if (c == quote) {
            quoted = !quoted;
            any = true;
        } else if (quoted) {
            continue;
        } else if (c == delimiter) {
            ++fields;
            any = true;
        } else if (c == '\n' || c == '\r') {
            if (any) counts.push_back(fields);
            if (c == '\r' && i + 1 < sample.size() && sample[i + 1] == '\n') ++i;
            fields = 1;
            any = false;
        } else {
            any = true;
        }
    }
    return counts;
}

}  // namespace

SniffedDialect sniff_delimiter(std::string_view sample, char quote) {
    SniffedDialect best;
    double best_score = 0;
    for (char delimiter : {',', ';', '\t', '|'}) {
        auto counts = field_counts(sample, delimiter, quote);
        if (counts.empty()) continue;
        std::map<int, int> frequency;
        for (int count : counts) ++frequency[count];
        int modal_count = 1, modal_lines = 0;
        for (const auto& [count, lines] : frequency) {
            if (lines > modal_lines || (lines == modal_lines && count > modal_count)) {
                modal_count = count;
                modal_lines = lines;
            }
        }
        if (modal_count < 2) continue;
        // Agreement first; among equals, more fields per line.
        double agreement = static_cast<double>(modal_lines) / static_cast<double>(counts.size());
        double score = agreement * 1000 + modal_count;
        if (score > best_score) {
            best_score = score;
            best.delimiter = delimiter;
            best.confident = agreement >= 0.8;
        }
    }
    return best;
}

}  // namespace csdmx::package
