#include "tests/install/schema_archives.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <stdexcept>
#include <string_view>

#include "tests/test_support.h"

namespace csdmx::test {

namespace {

la_ssize_t append(archive* /*unused*/, void* target, const void* buffer, size_t length) {
    static_cast<std::string*>(target)->append(static_cast<const char*>(buffer), length);
    return static_cast<la_ssize_t>(length);
}

}  // namespace

std::string make_tar_gz(const std::vector<ArchiveMember>& members) {
    std::string output;
    std::unique_ptr<archive, decltype(&archive_write_free)> writer(archive_write_new(), archive_write_free);
    archive_write_add_filter_gzip(writer.get());
    archive_write_set_format_pax_restricted(writer.get());
    if (archive_write_open(writer.get(), &output, nullptr, append, nullptr) != ARCHIVE_OK) {
        throw std::runtime_error(archive_error_string(writer.get()));
    }
    for (const auto& member : members) {
        std::unique_ptr<archive_entry, decltype(&archive_entry_free)> entry(archive_entry_new(), archive_entry_free);
        archive_entry_set_pathname(entry.get(), member.name.c_str());
        archive_entry_set_perm(entry.get(), 0644);
        if (member.symlink) {
            archive_entry_set_filetype(entry.get(), AE_IFLNK);
            archive_entry_set_symlink(entry.get(), member.bytes.c_str());
            archive_entry_set_size(entry.get(), 0);
        } else {
            archive_entry_set_filetype(entry.get(), AE_IFREG);
            archive_entry_set_size(entry.get(), static_cast<la_int64_t>(member.bytes.size()));
        }
        if (archive_write_header(writer.get(), entry.get()) != ARCHIVE_OK) {
            throw std::runtime_error(archive_error_string(writer.get()));
        }
        if (!member.symlink && !member.bytes.empty()) {
            archive_write_data(writer.get(), member.bytes.data(), member.bytes.size());
        }
    }
    archive_write_close(writer.get());
    return output;
}

std::filesystem::path shared_folder(const schemas::SchemaSet& set, const std::filesystem::path& shared) {
    const std::string_view folder = set.folder;
    if (folder.starts_with("json/")) return shared / "sdmx/json-schemas" / folder.substr(5);
    return shared / "sdmx/schemas" / folder;
}

std::vector<ArchiveMember> official_members(const schemas::SchemaSet& set, const std::filesystem::path& shared) {
    // GitHub names the top folder <repository>-<tag without v>; any name will do.
    const std::string top = std::string(set.id) + "-archive/";
    std::vector<ArchiveMember> members{{top + "README.md", "# the repository's read-me\n"},
                                       {top + "samples/example.xml", "<not-a-schema/>\n"}};
    for (const auto& file : set.files) {
        members.push_back({top + file.member, read_file(shared_folder(set, shared) / file.name)});
    }
    return members;
}

}  // namespace csdmx::test
