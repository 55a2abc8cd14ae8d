#include "package/package_paths.h"

#include <algorithm>

namespace csdmx::package {

std::string real_path_problem(const std::filesystem::path& folder, const std::filesystem::path& file,
                              bool allow_outside) {
    std::error_code error;
    if (!std::filesystem::exists(std::filesystem::symlink_status(file, error))) return {};
    const auto real_file = std::filesystem::canonical(file, error);
    if (error) return "it is a symbolic link that leads nowhere (" + error.message() + ")";
    if (!allow_outside) {
        const auto real_folder = std::filesystem::canonical(folder, error);
        if (error) return {};  // the folder itself cannot be read: opening the file says so
        const auto [folder_end, file_at] =
            std::mismatch(real_folder.begin(), real_folder.end(), real_file.begin(), real_file.end());
        if (folder_end != real_folder.end()) {
            return "it leads through a symbolic link to " + real_file.string() +
                   ", outside the package folder; files a package names must be inside its folder "
                   "(for a trusted local package, --allow-links-outside permits it)";
        }
    }
    if (!std::filesystem::is_regular_file(real_file, error)) return "it is not a regular file";
    return {};
}

}  // namespace csdmx::package
