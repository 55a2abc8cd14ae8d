// Reads a text file as UTF-8, whatever it was written in.
//
// Citizen data come as spreadsheet exports: UTF-8 with or without a byte order
// mark, UTF-16 with one, or Windows-1252 / Latin-1 without any label. A declared
// encoding is used as declared; without one, the encoding is found (a BOM, else
// valid UTF-8, else uchardet's guess) and said. Conversion is done by iconv in
// chunks. A byte that is not valid in the encoding stops reading with an error at
// its line and column: nothing is dropped or replaced silently.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace csdmx::package {

class TextSource {
public:
    // `declared_encoding` as in a resource's "encoding"; empty means "find out".
    TextSource(const std::filesystem::path& path, const std::string& declared_encoding, std::string display_name);
    // Reads `path` as `read_like` reads it (the same encoding, chosen the same way),
    // without finding the encoding out again: a second look at the same file, such as
    // the sample a dialect is sniffed from, costs no pass over the whole file.
    TextSource(const std::filesystem::path& path, const TextSource& read_like, std::string display_name);
    ~TextSource();
    TextSource(const TextSource&) = delete;
    TextSource& operator=(const TextSource&) = delete;

    // Up to `capacity` bytes of UTF-8; 0 at the end. Throws InputError at a bad byte.
    std::size_t read(char* out, std::size_t capacity);

    // The encoding in use, in iconv's spelling ("UTF-8", "UTF-16LE", "WINDOWS-1252").
    const std::string& encoding() const;
    // How it was chosen, for people: "declared", "byte order mark", "valid UTF-8",
    // "detected by uchardet (ISO-8859-1)".
    const std::string& how_chosen() const;
    bool declared() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Normalises an encoding name from a descriptor ("utf-8", "latin1", "cp1252") to
// iconv's spelling; empty when iconv does not know it.
std::string iconv_encoding_name(const std::string& name);

// The encoding of a file: BOM, else UTF-8 when every byte sequence is valid UTF-8,
// else uchardet's guess over the whole file (read in chunks). Sets `how` as above.
std::string detect_encoding(const std::filesystem::path& path, std::string& how);

}  // namespace csdmx::package
