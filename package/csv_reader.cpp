#include "package/csv_reader.h"

#include "core/input_limits.h"

namespace csdmx::package {

namespace {
constexpr std::size_t kBufferBytes = 1 << 16;
}  // namespace

CsvReader::CsvReader(TextSource& source, CsvDialect dialect, std::string display_name)
    : source_(source), dialect_(dialect), display_name_(std::move(display_name)), buffer_(kBufferBytes) {}

void CsvReader::fail(std::uint64_t line, std::uint64_t column, const std::string& message) const {
    throw InputError(display_name_, line, column, message);
}

void CsvReader::fail_limit(std::uint64_t line, std::uint64_t column, const std::string& message) const {
    Diagnostics diagnostics;
    diagnostics.add({Severity::error, display_name_, line, column, {}, message, "limit"});
    throw InputError(std::move(diagnostics));
}

int CsvReader::get() {
    if (pushed_back_ != -2) {
        int byte = pushed_back_;
        pushed_back_ = -2;
        return byte;
    }
    if (buffer_position_ == buffer_size_) {
        buffer_size_ = source_.read(buffer_.data(), buffer_.size());
        buffer_position_ = 0;
        bytes_read_ += buffer_size_;
        if (buffer_size_ == 0) return -1;
    }
    return static_cast<unsigned char>(buffer_[buffer_position_++]);
}

void CsvReader::advance_position(unsigned char byte) {
    if (byte == '\n') {
        ++line_;
        column_ = 1;
    } else if ((byte & 0xC0) != 0x80) {
        ++column_;
    }
}

bool CsvReader::next(CsvRecord& record) {
    record.fields.clear();
    record.lines.clear();
    record.columns.clear();

    enum class State { unquoted, quoted, after_quote };
    State state = State::unquoted;
    bool started = false;      // a field of this record has begun
    bool field_fresh = false;  // the current field has no character yet
    std::uint64_t quote_line = 0, quote_column = 0;
    std::size_t record_bytes = 0;

    // Limits (core/input_limits.h): one record is held in memory, so its size is bounded.
    auto push = [&](char c) {
        std::string& field = record.fields.back();
        if (field.size() >= limits::kMaxCellBytes) {
            fail_limit(record.lines.back(), record.columns.back(),
                 "this field is longer than " + std::to_string(limits::kMaxCellBytes) +
                     " bytes, the most a cell may hold (is a quote left open?)");
        }
        if (++record_bytes > limits::kMaxRecordBytes) {
            fail_limit(record.line, 1,
                 "this record is longer than " + std::to_string(limits::kMaxRecordBytes) +
                     " bytes, the most a line may hold");
        }
        field.push_back(c);
    };
    auto begin_field = [&] {
        if (record.fields.size() >= limits::kMaxFieldsPerRecord) {
            fail_limit(line_, column_,
                 "this record has more than " + std::to_string(limits::kMaxFieldsPerRecord) +
                     " fields, the most a row may have (is the delimiter right?)");
        }
        record.fields.emplace_back();
        record.lines.push_back(line_);
        record.columns.push_back(column_);
        field_fresh = true;
    };
    auto consume_line_break = [&](int byte) {
        if (byte == '\r') {
            int following = get();
            if (following != '\n') pushed_back_ = following;
        }
        ++line_;
        column_ = 1;
    };

    for (int byte = get(); byte >= 0; byte = get()) {
        auto c = static_cast<char>(byte);
        auto u = static_cast<unsigned char>(byte);

        if (state == State::quoted) {
            if (c == dialect_.quote_char) {
                state = State::after_quote;
                advance_position(u);
            } else if (dialect_.escape_char != 0 && c == dialect_.escape_char) {
                advance_position(u);
                int escaped = get();
                if (escaped < 0) break;
                push(static_cast<char>(escaped));
                advance_position(static_cast<unsigned char>(escaped));
            } else if (c == '\n' || c == '\r') {
                // Line breaks inside quotes are data; keep them as they are.
                push(c);
                if (c == '\r') {
                    int following = get();
                    if (following == '\n') {
                        push('\n');
                    } else {
                        pushed_back_ = following;
                    }
                }
                ++line_;
                column_ = 1;
            } else {
                push(c);
                advance_position(u);
            }
            continue;
        }
        if (state == State::after_quote) {
            if (c == dialect_.quote_char && dialect_.double_quote) {
                push(c);  // "" inside quotes is one quote
                state = State::quoted;
                advance_position(u);
                continue;
            }
            // Anything else ends the quoted part; text after it ("abc"def) is kept,
            // as most readers do.
            state = State::unquoted;
            field_fresh = false;
        }

        if (c == '\n' || c == '\r') {
            consume_line_break(byte);
            if (!started) continue;  // blank line
            record.number = ++records_;
            return true;
        }
        if (!started) {
            started = true;
            record.line = line_;
            begin_field();
        }
        if (c == dialect_.delimiter) {
            advance_position(u);
            begin_field();
            continue;
        }
        if (field_fresh && c == ' ' && dialect_.skip_initial_space) {
            advance_position(u);
            record.columns.back() = column_;
            continue;
        }
        if (field_fresh && c == dialect_.quote_char) {
            quote_line = line_;
            quote_column = column_;
            state = State::quoted;
            field_fresh = false;
            advance_position(u);
            continue;
        }
        push(c);
        field_fresh = false;
        advance_position(u);
    }

    if (state == State::quoted) {
        fail(quote_line, quote_column,
             "the quoted field that starts here is never closed (a " + std::string(1, dialect_.quote_char) +
                 " is missing before the end of the file)");
    }
    if (!started) return false;
    record.number = ++records_;
    return true;
}

}  // namespace csdmx::package
