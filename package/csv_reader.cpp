#include "package/csv_reader.h"

#include "core/input_limits.h"

namespace csdmx::package {

namespace {

constexpr std::size_t kBufferBytes = 1 << 16;

// Characters in a run of UTF-8 bytes (continuation bytes are not characters).
std::uint64_t characters_in(const char* text, std::size_t size) {
    std::uint64_t count = 0;
    for (std::size_t i = 0; i < size; ++i) count += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    return count;
}

}  // namespace

CsvReader::CsvReader(TextSource& source, CsvDialect dialect, std::string display_name, std::size_t buffer_bytes)
    : source_(source), dialect_(dialect), display_name_(std::move(display_name)), buffer_(buffer_bytes) {
    // The bytes that end a run of plain text: in an unquoted field the delimiter and
    // line breaks; in a quoted one the quote, the escape character and line breaks.
    for (unsigned char c : {'\n', '\r'}) {
        stops_unquoted_[c] = true;
        stops_quoted_[c] = true;
    }
    stops_unquoted_[static_cast<unsigned char>(dialect_.delimiter)] = true;
    stops_quoted_[static_cast<unsigned char>(dialect_.quote_char)] = true;
    if (dialect_.escape_char != 0) stops_quoted_[static_cast<unsigned char>(dialect_.escape_char)] = true;
}

CsvReader::CsvReader(TextSource& source, CsvDialect dialect, std::string display_name)
    : CsvReader(source, dialect, std::move(display_name), kBufferBytes) {}

void CsvReader::fail(std::uint64_t line, std::uint64_t column, const std::string& message) const {
    throw InputError(display_name_, line, column, message);
}

void CsvReader::fail_limit(std::uint64_t line, std::uint64_t column, const std::string& message) const {
    Diagnostics diagnostics;
    diagnostics.add({Severity::error, display_name_, line, column, {}, message, "limit"});
    throw InputError(std::move(diagnostics));
}

bool CsvReader::refill() {
    buffer_size_ = source_.read(buffer_.data(), buffer_.size());
    buffer_position_ = 0;
    bytes_read_ += buffer_size_;
    return buffer_size_ > 0;
}

int CsvReader::get() {
    if (buffer_position_ == buffer_size_ && !refill()) return -1;
    return static_cast<unsigned char>(buffer_[buffer_position_++]);
}

int CsvReader::peek() {
    if (buffer_position_ == buffer_size_ && !refill()) return -1;
    return static_cast<unsigned char>(buffer_[buffer_position_]);
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
    // The record's strings are reused: a file's records have the same number of
    // fields, so after the first record no cell allocates (unless it grows).
    std::size_t count = 0;  // fields of this record so far
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
        std::string& field = record.fields[count - 1];
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
    // Plain text up to the next byte in `stops` (or the buffer's end), appended at
    // once; `first` is its first byte, already taken. Within the limits it is one
    // append; a run that would cross one is pushed byte by byte, so that the error is
    // the one, and at the place, it would be.
    auto push_run = [&](char first, const bool(&stops)[256]) {
        const char* begin = buffer_.data() + buffer_position_ - 1;
        const char* end = buffer_.data() + buffer_size_;
        const char* stop = begin + 1;
        // Whether any byte is beyond ASCII, seen while scanning: most runs are ASCII,
        // whose characters are its bytes (counting them was a tenth of reading a row).
        auto high_bits = static_cast<unsigned char>(first);
        while (stop != end && !stops[static_cast<unsigned char>(*stop)]) {
            high_bits |= static_cast<unsigned char>(*stop);
            ++stop;
        }
        const auto size = static_cast<std::size_t>(stop - begin);
        std::string& field = record.fields[count - 1];
        if (field.size() + size > limits::kMaxCellBytes || record_bytes + size > limits::kMaxRecordBytes) {
            push(first);
            advance_position(static_cast<unsigned char>(first));
            for (const char* p = begin + 1; p != stop; ++p) {
                push(*p);
                advance_position(static_cast<unsigned char>(*p));
            }
        } else {
            field.append(begin, size);
            record_bytes += size;
            column_ += (high_bits & 0x80) != 0 ? characters_in(begin, size) : size;
        }
        buffer_position_ += size - 1;
    };
    auto begin_field = [&] {
        if (count >= limits::kMaxFieldsPerRecord) {
            fail_limit(line_, column_,
                       "this record has more than " + std::to_string(limits::kMaxFieldsPerRecord) +
                           " fields, the most a row may have (is the delimiter right?)");
        }
        if (count < record.fields.size()) {
            record.fields[count].clear();
        } else {
            record.fields.emplace_back();
        }
        ++count;
        record.lines.push_back(line_);
        record.columns.push_back(column_);
        field_fresh = true;
    };
    auto consume_line_break = [&](int byte) {
        if (byte == '\r' && peek() == '\n') ++buffer_position_;
        ++line_;
        column_ = 1;
    };
    auto finish = [&] {
        record.fields.resize(count);
        record.number = ++records_;
        return true;
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
                if (c == '\r' && peek() == '\n') {
                    ++buffer_position_;
                    push('\n');
                }
                ++line_;
                column_ = 1;
            } else {
                push_run(c, stops_quoted_);
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
            return finish();
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
        field_fresh = false;
        push_run(c, stops_unquoted_);
    }

    if (state == State::quoted) {
        fail(quote_line, quote_column,
             "the quoted field that starts here is never closed (a " + std::string(1, dialect_.quote_char) +
                 " is missing before the end of the file)");
    }
    if (!started) {
        record.fields.resize(count);
        return false;
    }
    return finish();
}

}  // namespace csdmx::package
