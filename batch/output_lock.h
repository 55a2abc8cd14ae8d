// One batch at a time per output folder.
//
// Two batches writing into one folder would convert the same packages into the
// same files and race on the ledger; the second is refused at once (it does not
// wait: an unattended run must not hang behind a forgotten one). The lock is
// flock(2) on the folder itself, so nothing is left in the folder and the kernel
// releases it when the process ends, however it ends.
#pragma once

#include <filesystem>

namespace csdmx::batch {

class OutputFolderLock {
public:
    // Throws EnvironmentError when another process holds the folder, or it cannot be opened.
    explicit OutputFolderLock(const std::filesystem::path& folder);
    ~OutputFolderLock();
    OutputFolderLock(const OutputFolderLock&) = delete;
    OutputFolderLock& operator=(const OutputFolderLock&) = delete;

private:
    int fd_ = -1;
};

}  // namespace csdmx::batch
