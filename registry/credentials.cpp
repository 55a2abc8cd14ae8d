#include "registry/credentials.h"

#include <fstream>
#include <stdexcept>
#include <vector>

#include "core/environment.h"

namespace csdmx::registry {

namespace {

struct Token {
    std::string text;
    std::size_t line;
};

// netrc is whitespace-separated tokens; a `macdef` body runs to the next blank line.
std::vector<Token> tokenize(std::istream& input) {
    std::vector<Token> tokens;
    std::string line;
    std::size_t number = 0;
    bool in_macro = false;
    while (std::getline(input, line)) {
        ++number;
        if (in_macro) {
            if (line.find_first_not_of(" \t\r") == std::string::npos) in_macro = false;
            continue;
        }
        std::size_t position = 0;
        while (true) {
            position = line.find_first_not_of(" \t\r", position);
            if (position == std::string::npos || line[position] == '#') break;
            const auto end = line.find_first_of(" \t\r", position);
            tokens.push_back({line.substr(position, end - position), number});
            if (tokens.back().text == "macdef") in_macro = true;
            if (end == std::string::npos) break;
            position = end;
        }
    }
    return tokens;
}

}  // namespace

std::optional<Credentials> read_netrc(const std::filesystem::path& file, const std::string& host) {
    std::ifstream input(file);
    if (!input) return std::nullopt;
    const auto tokens = tokenize(input);
    std::optional<Credentials> match;
    std::optional<Credentials> fallback;
    std::optional<Credentials>* current = nullptr;
    std::optional<Credentials> ignored;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const std::string& keyword = tokens[i].text;
        auto value = [&]() -> const std::string& {
            if (i + 1 >= tokens.size()) {
                throw std::invalid_argument(file.string() + ":" + std::to_string(tokens[i].line) + ": '" + keyword +
                                            "' needs a value");
            }
            return tokens[++i].text;
        };
        if (keyword == "machine") {
            const bool ours = value() == host && !match;
            current = ours ? &match : &ignored;
            current->emplace();
        } else if (keyword == "default") {
            current = fallback ? &ignored : &fallback;
            current->emplace();
        } else if (keyword == "login" || keyword == "password" || keyword == "account") {
            const std::string& text = value();
            if (current == nullptr) {
                throw std::invalid_argument(file.string() + ":" + std::to_string(tokens[i].line) + ": '" + keyword +
                                            "' before any 'machine' or 'default'");
            }
            if (keyword == "login") (*current)->user = text;
            if (keyword == "password") (*current)->password = text;
        } else if (keyword == "macdef") {
            value();
        }
    }
    auto found = match ? match : fallback;
    if (found) {
        found->token = found->password;
        found->source = "netrc " + file.string();
    }
    return found;
}

std::filesystem::path netrc_path() {
    if (!environment_variable("NETRC").empty()) return environment_variable("NETRC");
    if (!environment_variable("HOME").empty()) return std::filesystem::path(environment_variable("HOME")) / ".netrc";
    return {};
}

Credentials find_credentials(const std::string& host) {
    Credentials from_environment;
    from_environment.user = environment_variable("CSDMX_REGISTRY_USER");
    from_environment.password = environment_variable("CSDMX_REGISTRY_PASSWORD");
    from_environment.token = environment_variable("CSDMX_REGISTRY_TOKEN");
    if (from_environment.has_basic() || from_environment.has_token()) {
        from_environment.source = "environment";
        return from_environment;
    }
    if (auto found = read_netrc(netrc_path(), host)) return *found;
    return {};
}

}  // namespace csdmx::registry
