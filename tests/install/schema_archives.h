// Archives shaped like GitHub's tag archives of sdmx-twg/sdmx-ml and sdmx-json
// (one top folder, the repository's paths below it), built in the test from the
// official schema copies in ../shared, so the installer can be tested without a
// network. Written with libarchive's writer, as tar.gz.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "schema_install/pinned_schemas.h"

namespace csdmx::test {

struct ArchiveMember {
    std::string name;
    std::string bytes;
    bool symlink = false;  // then `bytes` is the link target
};

std::string make_tar_gz(const std::vector<ArchiveMember>& members);

// The members of a set's archive: every official file of the set, read from
// <shared>/sdmx/schemas/<v> or <shared>/sdmx/json-schemas/<v>, at its repository
// path below `top`, plus files an archive also holds (README, a sample).
std::vector<ArchiveMember> official_members(const schemas::SchemaSet& set, const std::filesystem::path& shared);

// Where ../shared keeps the official copy of a set's files.
std::filesystem::path shared_folder(const schemas::SchemaSet& set, const std::filesystem::path& shared);

}  // namespace csdmx::test
