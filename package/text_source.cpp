#include "package/text_source.h"

#include <fcntl.h>
#include <iconv.h>
#include <uchardet/uchardet.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "core/diagnostic.h"

namespace csdmx::package {

namespace {

constexpr std::size_t kChunk = 1 << 16;

std::string hex_byte(unsigned char byte) {
    char text[8];
    std::snprintf(text, sizeof text, "0x%02X", byte);
    return text;
}

std::string squeeze(const std::string& name) {
    std::string key;
    for (char c : name) {
        if (c == '-' || c == '_' || c == ' ') continue;
        key += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return key;
}

class File {
public:
    File(const std::filesystem::path& path, const std::string& display) {
        fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd_ < 0) throw InputError(display, 0, 0, std::string("cannot open data file: ") + std::strerror(errno));
    }
    ~File() {
        if (fd_ >= 0) ::close(fd_);
    }
    File(const File&) = delete;
    File& operator=(const File&) = delete;
    std::size_t read(char* buffer, std::size_t size, const std::string& display) {
        ssize_t count;
        do {
            count = ::read(fd_, buffer, size);
        } while (count < 0 && errno == EINTR);
        if (count < 0) throw InputError(display, 0, 0, std::string("read error: ") + std::strerror(errno));
        return static_cast<std::size_t>(count);
    }

private:
    int fd_ = -1;
};

// Bytes [i, i + 8) are all ASCII: checked as one word, which is most of a CSV file.
bool eight_ascii(const unsigned char* bytes) {
    std::uint64_t word;
    std::memcpy(&word, bytes, sizeof word);
    return (word & 0x8080808080808080ull) == 0;
}

// Checks UTF-8 incrementally; `remaining` carries an unfinished character across chunks.
// Returns the offset of the first bad byte, or npos.
std::size_t first_invalid_utf8(const unsigned char* bytes, std::size_t size, int& remaining) {
    for (std::size_t i = 0; i < size; ++i) {
        if (remaining == 0) {
            while (i + 8 <= size && eight_ascii(bytes + i)) i += 8;
            if (i == size) break;
        }
        unsigned char byte = bytes[i];
        if (remaining > 0) {
            if ((byte & 0xC0) != 0x80) return i;
            --remaining;
        } else if (byte >= 0x80) {
            if ((byte & 0xE0) == 0xC0 && byte >= 0xC2) {
                remaining = 1;
            } else if ((byte & 0xF0) == 0xE0) {
                remaining = 2;
            } else if ((byte & 0xF8) == 0xF0 && byte <= 0xF4) {
                remaining = 3;
            } else {
                return i;
            }
        }
    }
    return std::string::npos;
}

// Counts, over a whole file read in chunks, the multi-byte UTF-8 characters and the
// bytes that cannot be UTF-8 (each bad byte once; reading resumes at the next byte).
struct Utf8Tally {
    std::uint64_t multibyte = 0;
    std::uint64_t invalid = 0;
    int remaining = 0;

    void add(const unsigned char* bytes, std::size_t size) {
        for (std::size_t i = 0; i < size; ++i) {
            if (remaining == 0) {
                while (i + 8 <= size && eight_ascii(bytes + i)) i += 8;
                if (i == size) break;
            }
            const unsigned char byte = bytes[i];
            if (remaining > 0) {
                if ((byte & 0xC0) == 0x80) {
                    if (--remaining == 0) ++multibyte;
                    continue;
                }
                ++invalid;  // a character cut short; this byte starts afresh
                remaining = 0;
            }
            if (byte < 0x80) continue;
            if (byte >= 0xC2 && byte <= 0xDF) {
                remaining = 1;
            } else if ((byte & 0xF0) == 0xE0) {
                remaining = 2;
            } else if (byte >= 0xF0 && byte <= 0xF4) {
                remaining = 3;
            } else {
                ++invalid;
            }
        }
    }
    void finish() {
        if (remaining > 0) ++invalid;
        remaining = 0;
    }
};

}  // namespace

std::string iconv_encoding_name(const std::string& name) {
    const std::string key = squeeze(name);
    if (key.empty() || key == "utf8") return "UTF-8";
    if (key == "utf16le") return "UTF-16LE";
    if (key == "utf16be") return "UTF-16BE";
    if (key == "utf16") return "UTF-16";
    if (key == "latin1" || key == "iso88591" || key == "l1") return "ISO-8859-1";
    if (key == "cp1252" || key == "windows1252" || key == "win1252") return "WINDOWS-1252";
    std::string upper = name;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
    iconv_t probe = iconv_open("UTF-8", upper.c_str());
    if (probe == reinterpret_cast<iconv_t>(-1)) return {};
    iconv_close(probe);
    return upper;
}

std::string detect_encoding(const std::filesystem::path& path, std::string& how) {
    const std::string display = path.string();
    File file(path, display);
    std::vector<char> buffer(kChunk);
    std::size_t size = file.read(buffer.data(), buffer.size(), display);
    const auto* bytes = reinterpret_cast<const unsigned char*>(buffer.data());
    if (size >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) {
        how = "byte order mark";
        return "UTF-8";
    }
    if (size >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE) {
        how = "byte order mark";
        return "UTF-16LE";
    }
    if (size >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF) {
        how = "byte order mark";
        return "UTF-16BE";
    }
    // Valid UTF-8 all through is UTF-8 (ASCII included); anything else goes to uchardet.
    Utf8Tally tally;
    while (size > 0) {
        tally.add(bytes, size);
        size = file.read(buffer.data(), buffer.size(), display);
    }
    tally.finish();
    if (tally.invalid == 0) {
        how = "valid UTF-8";
        return "UTF-8";
    }
    // UTF-8 text with a few stray bytes (a cut paste, a byte from another program) is
    // UTF-8 with errors, not Windows-1252: read as Windows-1252, every é would silently
    // become Ã©. The stray bytes are then reported where they are.
    if (tally.multibyte > 0 && tally.invalid <= tally.multibyte) {
        how = "UTF-8 by its " + std::to_string(tally.multibyte) + " UTF-8 character(s), but " +
              std::to_string(tally.invalid) + " byte(s) are not UTF-8";
        return "UTF-8";
    }
    // Only text that is not UTF-8 goes to uchardet, in a second pass over the whole
    // file: uchardet costs far more per byte than the scan above.
    std::unique_ptr<std::remove_pointer_t<uchardet_t>, decltype(&uchardet_delete)> detector(uchardet_new(),
                                                                                            uchardet_delete);
    File again(path, display);
    while ((size = again.read(buffer.data(), buffer.size(), display)) > 0) {
        uchardet_handle_data(detector.get(), buffer.data(), size);
    }
    uchardet_data_end(detector.get());
    std::string guess = uchardet_get_charset(detector.get());
    std::string name = iconv_encoding_name(guess);
    // Spreadsheets labelled Latin-1 are Windows-1252 in practice (the WHATWG rule):
    // it decodes the same letters and also the quotes and dashes of 0x80-0x9F.
    if (name.empty() || name == "UTF-8" || name == "ISO-8859-1" || name == "ASCII") {
        how = guess.empty() || name.empty() || name == "UTF-8" || name == "ASCII"
                  ? "not valid UTF-8; assumed Windows-1252"
                  : "detected by uchardet (" + guess + ", read as its superset Windows-1252)";
        return "WINDOWS-1252";
    }
    how = "detected by uchardet (" + guess + ")";
    return name;
}

struct TextSource::Impl {
    std::string display;
    std::string encoding;
    std::string how;
    bool declared = false;
    std::unique_ptr<File> file;
    iconv_t converter = reinterpret_cast<iconv_t>(-1);
    bool passthrough = false;
    bool at_start = true;
    std::vector<char> input = std::vector<char>(kChunk);
    std::size_t input_begin = 0, input_end = 0;
    bool input_done = false;
    int utf8_remaining = 0;
    std::uint64_t line = 1, column = 1;  // of the next character produced

    ~Impl() {
        if (converter != reinterpret_cast<iconv_t>(-1)) iconv_close(converter);
    }

    [[noreturn]] void fail(const std::string& message) const { throw InputError(display, line, column, message); }

    // Opens the file to read it as `encoding` (already chosen).
    void open(const std::filesystem::path& path) {
        file = std::make_unique<File>(path, display);
        passthrough = encoding == "UTF-8";
        if (!passthrough) {
            converter = iconv_open("UTF-8", encoding.c_str());
            if (converter == reinterpret_cast<iconv_t>(-1)) {
                throw InputError(display, 0, 0, "this system cannot convert from " + encoding);
            }
        }
    }

    // Moves the position past `size` bytes of UTF-8: lines by their LFs, the column
    // by the characters after the last one (continuation bytes are not characters).
    void advance(const char* text, std::size_t size) {
        const auto* bytes = reinterpret_cast<const unsigned char*>(text);
        std::size_t tail = 0;
        std::uint64_t breaks = 0;
        for (std::size_t i = 0; i < size; ++i) breaks += bytes[i] == '\n';
        if (breaks > 0) {
            line += breaks;
            column = 1;
            const void* last = ::memrchr(text, '\n', size);
            tail = static_cast<std::size_t>(static_cast<const unsigned char*>(last) - bytes) + 1;
        }
        std::uint64_t characters = 0;
        for (std::size_t i = tail; i < size; ++i) characters += (bytes[i] & 0xC0) != 0x80;
        column += characters;
    }

    bool fill() {
        if (input_done) return false;
        if (input_begin > 0) {
            std::memmove(input.data(), input.data() + input_begin, input_end - input_begin);
            input_end -= input_begin;
            input_begin = 0;
        }
        std::size_t count = file->read(input.data() + input_end, input.size() - input_end, display);
        if (count == 0) input_done = true;
        input_end += count;
        if (at_start) {
            at_start = false;
            skip_byte_order_mark();
        }
        return count > 0;
    }

    void skip_byte_order_mark() {
        const auto* bytes = reinterpret_cast<const unsigned char*>(input.data());
        std::size_t size = input_end;
        if (encoding == "UTF-8" && size >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) {
            input_begin = 3;
        } else if (encoding == "UTF-16LE" && size >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE) {
            input_begin = 2;
        } else if (encoding == "UTF-16BE" && size >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF) {
            input_begin = 2;
        }
    }

    std::size_t read_utf8(char* out, std::size_t capacity) {
        if (input_begin == input_end && !fill()) {
            if (utf8_remaining > 0) fail("invalid UTF-8: the file ends inside a character");
            return 0;
        }
        std::size_t size = std::min(capacity, input_end - input_begin);
        const char* start = input.data() + input_begin;
        std::size_t bad = first_invalid_utf8(reinterpret_cast<const unsigned char*>(start), size, utf8_remaining);
        if (bad != std::string::npos) {
            advance(start, bad);
            auto byte = static_cast<unsigned char>(start[bad]);
            std::string how_known = declared ? "the resource declares UTF-8" : "the file was taken as UTF-8: " + how;
            fail("invalid UTF-8: byte " + hex_byte(byte) + " is not part of a UTF-8 character (" + how_known +
                 "; if the file is in another encoding, e.g. Windows-1252, declare it in the resource's "
                 "\"encoding\")");
        }
        std::memcpy(out, start, size);
        input_begin += size;
        advance(out, size);
        return size;
    }

    std::size_t read_converted(char* out, std::size_t capacity) {
        std::size_t produced = 0;
        while (produced == 0) {
            if (input_begin == input_end && !fill()) return 0;
            char* in = input.data() + input_begin;
            std::size_t in_left = input_end - input_begin;
            char* target = out;
            std::size_t out_left = capacity;
            std::size_t result = iconv(converter, &in, &in_left, &target, &out_left);
            produced = capacity - out_left;
            advance(out, produced);
            input_begin = static_cast<std::size_t>(in - input.data());
            if (result == static_cast<std::size_t>(-1)) {
                if (errno == EILSEQ) {
                    fail("byte " + hex_byte(static_cast<unsigned char>(*in)) + " is not a character in " + encoding +
                         " (" + how + ")");
                }
                if (errno == EINVAL) {  // a character split across chunks: read on
                    if (produced == 0 && !fill()) fail("the file ends inside a character (" + encoding + ")");
                    continue;
                }
                if (errno == E2BIG && produced == 0) fail("internal: output buffer too small for one character");
            }
        }
        return produced;
    }
};

TextSource::TextSource(const std::filesystem::path& path, const std::string& declared_encoding,
                       std::string display_name)
    : impl_(std::make_unique<Impl>()) {
    impl_->display = std::move(display_name);
    if (!declared_encoding.empty()) {
        impl_->encoding = iconv_encoding_name(declared_encoding);
        if (impl_->encoding.empty()) {
            throw InputError(impl_->display, 0, 0,
                             "unknown encoding \"" + declared_encoding + "\" (e.g. utf-8, utf-16, windows-1252)");
        }
        impl_->how = "declared";
        impl_->declared = true;
    } else {
        impl_->encoding = detect_encoding(path, impl_->how);
    }
    if (impl_->encoding == "UTF-16") {
        // Endianness from the byte order mark, which is then skipped.
        std::string how;
        std::string found = detect_encoding(path, how);
        impl_->encoding = found == "UTF-16BE" ? "UTF-16BE" : "UTF-16LE";
    }
    impl_->open(path);
}

TextSource::TextSource(const std::filesystem::path& path, const TextSource& read_like, std::string display_name)
    : impl_(std::make_unique<Impl>()) {
    impl_->display = std::move(display_name);
    impl_->encoding = read_like.impl_->encoding;
    impl_->how = read_like.impl_->how;
    impl_->declared = read_like.impl_->declared;
    impl_->open(path);
}

TextSource::~TextSource() = default;

std::size_t TextSource::read(char* out, std::size_t capacity) {
    return impl_->passthrough ? impl_->read_utf8(out, capacity) : impl_->read_converted(out, capacity);
}

const std::string& TextSource::encoding() const {
    return impl_->encoding;
}
const std::string& TextSource::how_chosen() const {
    return impl_->how;
}
bool TextSource::declared() const {
    return impl_->declared;
}

}  // namespace csdmx::package
