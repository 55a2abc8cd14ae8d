// Internals of the C interface: the result object, option lists and the guard that
// turns every C++ exception into a status and an error text.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "citizensdmx.h"
#include "core/diagnostic.h"
#include "registry/http_client.h"

struct csdmx_result {
    struct StoredDiagnostic {
        csdmx_severity severity;
        std::string file, path, message, kind;
        unsigned long long line, column;
    };
    struct StoredFile {
        std::string file, kind, checks;
        bool valid;
    };
    std::vector<StoredDiagnostic> diagnostics;
    std::size_t suppressed_errors = 0;
    std::vector<std::string> outputs;
    std::vector<StoredFile> files;
    std::map<std::string, std::string> values;

    void add(const csdmx::Diagnostics& source);
};

namespace csdmx::api {

void set_last_error(std::string text);
void clear_last_error();
const char* current_last_error();

// Parsed "KEY=VALUE" options. Throws std::invalid_argument for malformed or unknown keys.
class Options {
public:
    Options(const char* const* options, const std::vector<std::string>& allowed);
    const std::string* get(const std::string& key) const;
    std::vector<std::string> all(const std::string& key) const;

private:
    std::vector<std::pair<std::string, std::string>> items_;
};

// A result being filled; on scope exit it goes to the caller's pointer (if given,
// even when an exception is on its way) or is freed.
class ResultHandle {
public:
    explicit ResultHandle(csdmx_result** out) : out_(out), result_(new csdmx_result()) {
        if (out_ != nullptr) *out_ = nullptr;
    }
    ~ResultHandle() {
        if (out_ != nullptr) {
            *out_ = result_;
        } else {
            delete result_;
        }
    }
    ResultHandle(const ResultHandle&) = delete;
    ResultHandle& operator=(const ResultHandle&) = delete;
    csdmx_result* operator->() { return result_; }
    csdmx_result& operator*() { return *result_; }

private:
    csdmx_result** out_;
    csdmx_result* result_;
};

// Runs `body`, mapping exceptions to statuses; never lets one escape.
template <typename Body>
csdmx_status guarded(Body&& body) noexcept {
    try {
        clear_last_error();
        return body();
    } catch (const std::invalid_argument& error) {
        set_last_error(error.what());
        return CSDMX_BAD_ARGUMENT;
    } catch (const csdmx::InputError& error) {
        set_last_error(error.what());
        return CSDMX_BAD_INPUT;
    } catch (const csdmx::registry::UnreachableError& error) {
        set_last_error(error.what());
        return CSDMX_UNREACHABLE;
    } catch (const csdmx::EnvironmentError& error) {
        set_last_error(error.what());
        return CSDMX_ENVIRONMENT;
    } catch (const std::bad_alloc&) {
        set_last_error("out of memory");
        return CSDMX_INTERNAL;
    } catch (const std::exception& error) {
        set_last_error(std::string("internal error: ") + error.what());
        return CSDMX_INTERNAL;
    } catch (...) {
        set_last_error("internal error: unknown exception");
        return CSDMX_INTERNAL;
    }
}

}  // namespace csdmx::api
