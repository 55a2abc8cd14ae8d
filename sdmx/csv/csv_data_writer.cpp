#include "sdmx/csv/csv_data_writer.h"

#include <array>

#include "core/output_buffer.h"
#include "sdmx/values.h"

namespace csdmx::sdmx::csv {

namespace {

// Rows are gathered and handed to the sink in blocks: one sink call per row
// would cost more than the row itself.
constexpr std::size_t kFlushBytes = 1 << 16;

class CsvDataWriter final : public DataWriter {
public:
    CsvDataWriter(ByteSink& output, CsvVersion version) : output_(output), version_(version) {}

    void begin(const MessageHeader& /*header*/, const DataSetDescription& dataset) override {
        layout_ = dataset.layout;
        // What every row starts with, and what it ends with: both the same for all rows.
        const bool by_dataflow = !dataset.dataflow.empty();
        const std::string structure = (by_dataflow ? dataset.dataflow : dataset.structure).to_string();
        std::string header;
        if (version_ == CsvVersion::v1_0) {
            header = "DATAFLOW";
            append_csv_field(row_start_, structure);
        } else {
            header = "STRUCTURE,STRUCTURE_ID,ACTION";
            row_start_ = by_dataflow ? "dataflow," : "datastructure,";
            append_csv_field(row_start_, structure);
            row_start_ += ',';
            row_start_ += csv_action_code(dataset.action);
        }
        for (const auto& id : layout_.key_ids) header += "," + id;
        header += "," + layout_.measure_id;
        for (const auto& id : layout_.attribute_ids) header += "," + id;
        for (const auto& [id, value] : dataset.attributes) {
            header += "," + id;
            row_end_ += ',';
            append_csv_field(row_end_, value);
        }
        header += "\r\n";  // RFC 4180 line ends
        buffer_.append(header);
    }

    void write(const Observation& observation) override {
        // A row starts with its series key, the same down a series: quoted and
        // joined once per series, not per row (the series' fields were half the row).
        if (series_.starts_series(observation)) {
            row_prefix_.assign(row_start_);
            for (std::size_t i = 0; i + 1 < observation.key.size(); ++i) put_field(row_prefix_, observation.key[i]);
        }
        buffer_.append(row_prefix_);
        if (!observation.key.empty()) put_field(buffer_, observation.key.back());
        put_field(buffer_, observation.value);
        for (const auto& value : observation.attributes) put_field(buffer_, value);
        buffer_.append(row_end_);
        buffer_.append("\r\n");
        if (buffer_.size() >= kFlushBytes) flush();
    }

    void finish(const StructureSet& /*structures*/) override { flush(); }

private:
    template <typename Target>
    void put_field(Target& target, std::string_view field) {
        target.push_back(',');
        if (!csv_field_needs_quotes(field)) {
            target.append(field);
            return;
        }
        quoted_.clear();
        append_csv_field(quoted_, field);
        target.append(quoted_);
    }
    void flush() {
        output_.write(buffer_.view());
        buffer_.clear();
    }

    ByteSink& output_;
    CsvVersion version_;
    ObservationLayout layout_;
    std::string row_start_;
    std::string row_end_;
    SeriesTracker series_;
    std::string row_prefix_;  // row_start_ and the current series' key fields
    std::string quoted_;      // a field that needs quotes, quoted
    OutputBuffer buffer_{kFlushBytes + 4096};
};

}  // namespace

bool starts_like_formula(std::string_view field) {
    if (field.empty()) return false;
    const char first = field.front();  // compared here: a find() per field was a memchr call
    if (first != '=' && first != '+' && first != '-' && first != '@') return false;
    return !is_double_lexical(field);  // "-3.5" is a number, "=SUM(A1)" or "-x" is not
}

bool csv_field_needs_quotes(std::string_view field) {
    // A table, not find_first_of: that searches the four characters once per byte.
    static constexpr auto kSpecial = [] {
        std::array<bool, 256> special{};
        special[','] = special['"'] = special['\r'] = special['\n'] = true;
        return special;
    }();
    for (const char c : field) {
        if (kSpecial[static_cast<unsigned char>(c)]) return true;
    }
    return starts_like_formula(field);
}

void append_csv_field(std::string& line, std::string_view field) {
    if (!csv_field_needs_quotes(field)) {
        line += field;
        return;
    }
    line += '"';
    for (char c : field) {
        if (c == '"') line += '"';
        line += c;
    }
    line += '"';
}

std::string_view csv_action_code(std::string_view action) {
    if (action == "Append") return "A";
    if (action == "Replace") return "R";
    if (action == "Delete") return "D";
    return "I";  // Information, the default
}

std::unique_ptr<DataWriter> make_csv_data_writer(ByteSink& output, CsvVersion version) {
    return std::make_unique<CsvDataWriter>(output, version);
}

}  // namespace csdmx::sdmx::csv
