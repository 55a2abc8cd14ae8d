// Hidden temporary files of outputs not yet complete.
//
// Their names say whose they are — ".<final name>.tmp-<pid>-<6 characters>" — so
// any later process can tell a live temporary (its writer still runs) from one a
// killed process left behind, and remove only the latter. A process that installs
// the signal cleanup removes its own live temporaries when SIGINT or SIGTERM ends
// it; a commit of an output set in progress defers the signal until the set is
// all renamed or all rolled back, so a signal never leaves half a set.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace csdmx {

// The mkstemp template for a temporary of `final_name` (a file name, no folder).
std::string temporary_name_template(std::string_view final_name);

// True when `name` (a file name) is a temporary named as above; `pid` is its writer.
bool is_temporary_name(std::string_view name, long& pid);

// Removes the temporaries in `folder` whose writer no longer runs; returns how many.
// Never throws: a folder that cannot be read is left as it is.
std::size_t remove_stale_temporaries(const std::filesystem::path& folder);

// A live temporary, removed by the signal cleanup until released.
class TemporaryRegistration {
public:
    TemporaryRegistration() = default;
    explicit TemporaryRegistration(const std::filesystem::path& path);
    ~TemporaryRegistration() { release(); }
    TemporaryRegistration(const TemporaryRegistration&) = delete;
    TemporaryRegistration& operator=(const TemporaryRegistration&) = delete;
    TemporaryRegistration(TemporaryRegistration&& other) noexcept : slot_(other.slot_) { other.slot_ = -1; }
    TemporaryRegistration& operator=(TemporaryRegistration&& other) noexcept;
    // The file was renamed or removed: the cleanup must not touch its name any more.
    void release();

private:
    int slot_ = -1;  // -1: not registered (no free slot; the stale cleanup removes it later)
};

// While one exists, SIGINT/SIGTERM wait for it to end (an output set being renamed).
class SignalDeferral {
public:
    SignalDeferral();
    ~SignalDeferral();
    SignalDeferral(const SignalDeferral&) = delete;
    SignalDeferral& operator=(const SignalDeferral&) = delete;
};

// Installs handlers for SIGINT and SIGTERM that remove every live temporary and then
// let the signal act as it did before (by default: end the process). Idempotent.
void install_temporary_cleanup_on_signals();

}  // namespace csdmx
