#include "mappings/honest_coverage.h"

#include <algorithm>
#include <cctype>
#include <chrono>

#include "copenhagen/citizen_statement.h"

namespace csdmx::mapping {

namespace {

// An annual value must rest on at least half of its year (docs/mapping.md).
constexpr int kMinimumDaysOfAYear = 183;

std::optional<std::chrono::sys_days> parse_date(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
        if (std::isdigit(static_cast<unsigned char>(text[i])) == 0) return std::nullopt;
    }
    const std::chrono::year_month_day date{std::chrono::year{std::stoi(text.substr(0, 4))},
                                           std::chrono::month{static_cast<unsigned>(std::stoi(text.substr(5, 2)))},
                                           std::chrono::day{static_cast<unsigned>(std::stoi(text.substr(8, 2)))}};
    if (!date.ok()) return std::nullopt;
    return std::chrono::sys_days{date};
}

// "14.1.1b" (a national sub-indicator, as ONS numbers them) is of indicator 14.1.1.
std::string global_indicator(std::string indicator) {
    while (indicator.size() > 1 && std::islower(static_cast<unsigned char>(indicator.back())) != 0 &&
           std::isdigit(static_cast<unsigned char>(indicator[indicator.size() - 2])) != 0) {
        indicator.pop_back();
    }
    return indicator;
}

std::string joined(const std::vector<std::string>& items) {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
    return text;
}

}  // namespace

int days_covered(int year, const std::string& start, const std::string& end) {
    const auto from = parse_date(start);
    const auto to = parse_date(end);
    if (!from || !to) return 0;
    const std::chrono::sys_days first{std::chrono::year{year} / std::chrono::January / 1};
    const std::chrono::sys_days last{std::chrono::year{year} / std::chrono::December / 31};
    const auto begin = std::max(first, *from);
    const auto finish = std::min(last, *to);
    return finish < begin ? 0 : static_cast<int>((finish - begin).count()) + 1;
}

std::map<std::string, std::string> refused_codes(const std::string& component, const sdmx::Codelist* codelist,
                                                 const PlanPackage& package) {
    std::map<std::string, std::string> refused;
    if (codelist == nullptr) return refused;
    const auto& result = package.metadata.validation.result;
    const bool cleared = package.codelists.clears_for_official_use(result);
    const std::string decision = "the NSO's decision is " + result + " (" +
                                 code_name(package.codelists.validation_results, result) +
                                 ", citizen_data.validation.result)";
    if (component == "OBS_STATUS" && !cleared && codelist->contains("A")) {
        refused["A"] = "A (" + code_name(*codelist, "A") + ") claims a validated value but " + decision + ": use V (" +
                       code_name(*codelist, "V") + "), e.g. {derived: nso_obs_status}";
    }
    if (component == "NATURE" && !cleared) {
        for (const char* code : {"C", "CA"}) {
            if (!codelist->contains(code)) continue;
            refused[code] = std::string(code) + " (" + code_name(*codelist, code) + ") presents the value as the " +
                            "country's own statistics but " + decision +
                            ": use _X (as Ghana's national SDG data label such series), e.g. {derived: nso_nature}";
        }
    }
    if (component == "SERIES" && !package.metadata.target_indicators.empty()) {
        std::vector<std::string> targets;
        for (const auto& target : package.metadata.target_indicators) targets.push_back(global_indicator(target));
        const std::string named = joined(package.metadata.target_indicators);
        for (const auto& code : codelist->items) {
            const auto* annotation = sdmx::find_annotation(code.annotations, "Indicator");
            if (annotation == nullptr) continue;
            const std::string indicator = annotation->text.text();
            if (std::find(targets.begin(), targets.end(), indicator) != targets.end()) continue;
            std::string reason = "series " + code.id;
            reason += " is of indicator " + indicator;
            reason += " but citizen_data.target_indicators names " + named;
            reason += ": map a series of those indicators, or name " + indicator + " in the package";
            refused[code.id] = std::move(reason);
        }
    }
    return refused;
}

std::optional<std::string> ref_area_problem(const DsdMapping& mapping, const PlanPackage& package) {
    if (package.coverage_extent == "national" || !mapping.national_proxy_reason.empty()) return std::nullopt;
    // Sub-national codes claim a region, which a subnational or local package may cover.
    if (mapping.subnational_ref_area) return std::nullopt;
    const auto& coverage = package.metadata.coverage;
    return "REF_AREA publishes the values as those of a whole country, but the package covers " + coverage.area +
           (package.coverage_extent.empty() ? " and does not say that this is national (citizen_data.coverage.extent)"
                                            : " (citizen_data.coverage.extent: " + package.coverage_extent + ")") +
           ": set coverage.extent to national if the data cover the whole country, or declare in the mapping "
           "coverage: {national_proxy: {reason: ...}} with the NSO's reason for accepting it as a proxy";
}

std::optional<std::string> proxy_statement_problem(const DsdMapping& mapping) {
    if (mapping.national_proxy_reason.empty()) return std::nullopt;
    auto found = mapping.components.find("COMMENT_TS");
    if (found != mapping.components.end() && found->second.kind == ValueSource::Kind::derived &&
        (found->second.name == "citizen_statement" || found->second.name == "citizen_statement_short")) {
        return std::nullopt;
    }
    return "a national proxy must say so on the series: map COMMENT_TS: {derived: citizen_statement} (or "
           "citizen_statement_short), which names the proxy and its reason";
}

std::optional<std::string> annual_coverage_problem(const DsdPlan& plan, const std::string& period) {
    if (plan.time_detail_mapped || period.size() != 4) return std::nullopt;
    for (char c : period) {
        if (std::isdigit(static_cast<unsigned char>(c)) == 0) return std::nullopt;
    }
    const int days = days_covered(std::stoi(period), plan.coverage_start, plan.coverage_end);
    if (days >= kMinimumDaysOfAYear) return std::nullopt;
    return "the annual value for " + period + " rests on data covering " + std::to_string(days) + " day(s) of " +
           period + " (citizen_data.coverage.period " + plan.coverage_start + " to " + plan.coverage_end +
           "): map TIME_DETAIL: {derived: coverage_period_interval} to say what it covers, or publish at the "
           "frequency the data have";
}

}  // namespace csdmx::mapping
