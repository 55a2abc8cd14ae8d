#include "core/temporary_files.h"

#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <climits>
#include <cstring>

namespace csdmx {

namespace {

constexpr std::string_view kMarker = ".tmp-";
constexpr std::size_t kRandomLength = 6;  // mkstemp's XXXXXX

// The live temporaries. The signal handler reads them, so no allocation and no
// lock: a slot's path is written while its state is `filling`, then published.
enum SlotState : int { kFree = 0, kFilling = 1, kLive = 2 };
struct Slot {
    std::atomic<int> state{kFree};
    std::array<char, PATH_MAX> path{};
};
constexpr std::size_t kSlots = 512;  // jobs x files per set; more go unregistered
std::array<Slot, kSlots> slots;

std::atomic<int> deferring{0};
std::atomic<int> pending_signal{0};
std::atomic<bool> installed{false};
struct sigaction previous_interrupt {};
struct sigaction previous_terminate {};

bool is_alnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Async-signal-safe: removes every live temporary of this process.
void remove_live_temporaries() {
    const long self = static_cast<long>(::getpid());
    for (auto& slot : slots) {
        if (slot.state.load(std::memory_order_acquire) != kLive) continue;
        const char* path = slot.path.data();
        const char* slash = std::strrchr(path, '/');
        long pid = 0;
        // Only a name of ours, whatever a racing release did to the slot.
        if (is_temporary_name(slash != nullptr ? slash + 1 : path, pid) && pid == self) ::unlink(path);
    }
}

void act_on(int signal_number) {
    remove_live_temporaries();
    ::sigaction(signal_number, signal_number == SIGINT ? &previous_interrupt : &previous_terminate, nullptr);
    ::raise(signal_number);
}

void on_signal(int signal_number) {
    const int saved_errno = errno;
    if (deferring.load() > 0) {
        pending_signal.store(signal_number);
    } else {
        act_on(signal_number);
    }
    errno = saved_errno;
}

}  // namespace

std::string temporary_name_template(std::string_view final_name) {
    return "." + std::string(final_name) + std::string(kMarker) + std::to_string(::getpid()) + "-XXXXXX";
}

bool is_temporary_name(std::string_view name, long& pid) {
    if (name.size() < 2 || name.front() != '.') return false;
    const auto marker = name.rfind(kMarker);
    if (marker == std::string_view::npos || marker < 2) return false;
    auto rest = name.substr(marker + kMarker.size());
    const auto dash = rest.find('-');
    if (dash == 0 || dash == std::string_view::npos || dash > 10) return false;
    long value = 0;
    for (char c : rest.substr(0, dash)) {
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    const auto random = rest.substr(dash + 1);
    if (random.size() != kRandomLength) return false;
    for (char c : random) {
        if (!is_alnum(c)) return false;
    }
    if (value <= 0) return false;
    pid = value;
    return true;
}

std::size_t remove_stale_temporaries(const std::filesystem::path& folder) {
    std::size_t removed = 0;
    std::error_code error;
    const long self = static_cast<long>(::getpid());
    for (std::filesystem::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
        long pid = 0;
        if (!is_temporary_name(it->path().filename().string(), pid) || pid == self) continue;
        std::error_code status_error;
        if (!std::filesystem::is_regular_file(std::filesystem::symlink_status(it->path(), status_error))) continue;
        // kill(pid, 0): ESRCH means no such process; EPERM means it runs as another user.
        if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
        std::error_code remove_error;
        if (std::filesystem::remove(it->path(), remove_error)) ++removed;
    }
    return removed;
}

TemporaryRegistration::TemporaryRegistration(const std::filesystem::path& path) {
    const std::string& text = path.native();
    if (text.size() >= PATH_MAX) return;
    for (std::size_t i = 0; i < slots.size(); ++i) {
        int expected = kFree;
        if (!slots[i].state.compare_exchange_strong(expected, kFilling)) continue;
        std::memcpy(slots[i].path.data(), text.c_str(), text.size() + 1);
        slots[i].state.store(kLive, std::memory_order_release);
        slot_ = static_cast<int>(i);
        return;
    }
}

TemporaryRegistration& TemporaryRegistration::operator=(TemporaryRegistration&& other) noexcept {
    if (this != &other) {
        release();
        slot_ = other.slot_;
        other.slot_ = -1;
    }
    return *this;
}

void TemporaryRegistration::release() {
    if (slot_ < 0) return;
    slots[static_cast<std::size_t>(slot_)].state.store(kFree, std::memory_order_release);
    slot_ = -1;
}

SignalDeferral::SignalDeferral() {
    ++deferring;
}

SignalDeferral::~SignalDeferral() {
    if (--deferring == 0) {
        const int signal_number = pending_signal.exchange(0);
        if (signal_number != 0) act_on(signal_number);
    }
}

void install_temporary_cleanup_on_signals() {
    if (installed.exchange(true)) return;
    struct sigaction action {};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    sigaddset(&action.sa_mask, SIGINT);
    sigaddset(&action.sa_mask, SIGTERM);
    ::sigaction(SIGINT, &action, &previous_interrupt);
    ::sigaction(SIGTERM, &action, &previous_terminate);
}

}  // namespace csdmx
