#include "mappings/dsd_plan.h"

#include <algorithm>

#include "core/ascii.h"
#include "copenhagen/citizen_statement.h"
#include "mappings/honest_coverage.h"

namespace csdmx::mapping {

namespace {

// The first few ids of a codelist, for messages that list what is allowed.
std::string allowed(const sdmx::Codelist& codelist) {
    return sdmx::list_ids(codelist, 8);
}

std::string field_names(const std::vector<package::Field>& fields) {
    std::string names;
    for (const auto& field : fields) names += (names.empty() ? "" : ", ") + field.name;
    return names;
}

class Planner {
public:
    Planner(const DsdMapping& mapping, const sdmx::StructureSet& structures, const std::vector<package::Field>& fields,
            const PlanPackage& package, Diagnostics& diagnostics)
        : mapping_(mapping),
          structures_(structures),
          fields_(fields),
          package_(package),
          metadata_(package.metadata),
          diagnostics_(diagnostics) {}

    std::optional<DsdPlan> run() {
        const std::size_t errors_before = diagnostics_.error_count();
        plan_.dsd = structures_.find_data_structure(mapping_.dsd);
        if (plan_.dsd == nullptr) {
            error("target.dsd", "the DSD " + mapping_.dsd.to_string() + " is not in the structure files given (--dsd)");
            return std::nullopt;
        }
        const auto& dsd = *plan_.dsd;
        for (const auto& [id, source] : mapping_.components) {
            if (!dsd.find_dimension(id) && !dsd.find_attribute(id) && dsd.primary_measure.id != id &&
                !(dsd.time_dimension && dsd.time_dimension->id == id)) {
                error(source.origin, "the DSD " + dsd.ref.to_string() + " has no component " + id + "; it has " +
                                         join(dsd.key_ids()) + ", " + dsd.primary_measure.id + " and its attributes");
            }
        }
        for (const auto& dimension : dsd.dimensions) {
            plan_.key.push_back(plan_component(dimension.id, ComponentRole::dimension, true, false,
                                               dimension.concept_identity, dimension.local_representation));
            if (dimension.id == "REF_AREA") ref_area_code_ = plan_.key.back().fixed_value;
            if (dimension.id == "FREQ") plan_.frequency_dimension = "FREQ";
        }
        if (dsd.time_dimension) {
            plan_.key.push_back(plan_component(dsd.time_dimension->id, ComponentRole::time, true, false,
                                               dsd.time_dimension->concept_identity,
                                               dsd.time_dimension->local_representation));
        }
        plan_.measure = plan_component(dsd.primary_measure.id, ComponentRole::measure, true, false,
                                       dsd.primary_measure.concept_identity, dsd.primary_measure.local_representation);
        for (const auto& attribute : dsd.attributes) {
            const bool data_set = attribute.relationship.level == sdmx::AttachmentLevel::DataSet;
            const bool series = attribute.relationship.level == sdmx::AttachmentLevel::Series ||
                                attribute.relationship.level == sdmx::AttachmentLevel::Group;
            auto planned = plan_component(attribute.id, ComponentRole::attribute, attribute.mandatory, series,
                                          attribute.concept_identity, attribute.local_representation);
            if (!planned.mapped) continue;
            if (data_set) {
                if (planned.source.kind == ValueSource::Kind::column) {
                    error(planned.source.origin, "attribute " + attribute.id +
                                                     " attaches to the data set: give it a constant or a derived "
                                                     "value, not a column");
                }
                plan_.data_set_attributes.emplace_back(attribute.id, planned.fixed_value);
                continue;
            }
            plan_.attributes.push_back(std::move(planned));
        }
        check_coverage();
        for (const auto& [column, values] : mapping_.keep_rows) {
            if (auto index = field_index(column, "rows.where." + column)) plan_.keep_rows.emplace_back(*index, values);
        }
        if (diagnostics_.error_count() > errors_before) return std::nullopt;

        for (const auto& component : plan_.key) plan_.layout.key_ids.push_back(component.id);
        plan_.layout.measure_id = plan_.measure.id;
        for (const auto& attribute : plan_.attributes) {
            plan_.layout.attribute_ids.push_back(attribute.id);
            plan_.layout.series_level.push_back(attribute.series_level);
            plan_.layout.coded.push_back(attribute.codelist != nullptr);
        }
        return std::move(plan_);
    }

private:
    // Honest coverage (honest_coverage.h): where the package's coverage is claimed.
    std::string proxy_area() const { return ref_area_code_.empty() ? metadata_.coverage.area_code : ref_area_code_; }

    void check_coverage() {
        for (const auto& component : plan_.key) {
            if (component.id != "REF_AREA" || !component.mapped) continue;
            if (auto problem = ref_area_problem(mapping_, package_)) error(component.source.origin, *problem);
        }
        if (auto problem = proxy_statement_problem(mapping_)) error("coverage.national_proxy", *problem);
        plan_.coverage_start = metadata_.coverage.period_start;
        plan_.coverage_end = metadata_.coverage.period_end;
        plan_.proxy_area = proxy_area();
        plan_.time_detail_mapped =
            mapping_.components.count("TIME_DETAIL") + mapping_.components.count("TIME_COVERAGE") > 0;
    }

    PlannedComponent plan_component(const std::string& id, ComponentRole role, bool mandatory, bool series_level,
                                    const sdmx::ConceptRef& identity,
                                    const std::optional<sdmx::Representation>& local) {
        PlannedComponent planned;
        planned.id = id;
        planned.role = role;
        planned.mandatory = mandatory;
        planned.series_level = series_level;
        const auto representation = structures_.representation_of(identity, local);
        if (representation && representation->enumeration) {
            planned.codelist = structures_.find_codelist(*representation->enumeration);
            if (planned.codelist == nullptr) {
                error("target.dsd", "the codelist " + representation->enumeration->to_string() + " of " + id +
                                        " is not in the structure files given");
            }
        } else if (representation && representation->text_format) {
            planned.text_type = representation->text_format->text_type;
        }

        auto found = mapping_.components.find(id);
        std::optional<ValueSource> source;
        if (found != mapping_.components.end()) source = found->second;
        if (!source) source = open_sdg_source(id);
        if (!source) {
            if (role == ComponentRole::attribute) describe(id, "not mapped (left out)");
            if (role == ComponentRole::dimension)
                default_dimension(planned);
            else if (mandatory || role != ComponentRole::attribute) {
                error("components", std::string(role == ComponentRole::attribute ? "mandatory attribute "
                                                : role == ComponentRole::time    ? "time dimension "
                                                                                 : "measure ") +
                                        id + " of " + plan_.dsd->ref.to_string() + " is not mapped");
            }
            return planned;
        }
        planned.source = *source;
        planned.mapped = true;
        planned.refused = refused_codes(id, planned.codelist, package_);
        apply_constraints(planned);
        if (planned.source.match_names && planned.codelist) {
            for (const auto& code : planned.codelist->items)
                planned.code_by_name.emplace(ascii_lower(code.name.text()), code.id);
        }
        switch (planned.source.kind) {
            case ValueSource::Kind::column:
                if (auto index = field_index(planned.source.name, planned.source.origin + ".column")) {
                    planned.field_index = *index;
                }
                describe(id, "from column \"" + planned.source.name + "\"");
                break;
            case ValueSource::Kind::constant:
                planned.fixed_value = code_of(planned, planned.source.name);
                describe(id, "constant " + planned.fixed_value);
                break;
            case ValueSource::Kind::derived:
                planned.fixed_value = code_of(planned, derived_value(planned.source));
                describe(id, planned.source.name + " = " + planned.fixed_value);
                break;
        }
        if (planned.codelist) {
            for (const auto& [text, code] : planned.source.codes)
                check_code(planned, code, planned.source.origin + ".codes");
            if (planned.source.missing)
                check_code(planned, *planned.source.missing, planned.source.origin + ".missing");
            if (planned.source.kind != ValueSource::Kind::column) {
                check_code(planned, planned.fixed_value, planned.source.origin);
            }
        }
        // Open SDG code_map entries fill in texts the mapping left out. The file is a
        // shared dictionary (ONS's names series of later SDG versions too), so its
        // entries are checked only when a row uses one.
        if (auto codes = mapping_.open_sdg_codes.find(id); planned.codelist && codes != mapping_.open_sdg_codes.end()) {
            planned.source.codes.insert(codes->second.begin(), codes->second.end());
        }
        return planned;
    }

    // What the content constraints attached to the DSD or the dataflow say of the component.
    void apply_constraints(PlannedComponent& planned) const {
        bool first_inclusion = true;
        for (const auto& constraint : structures_.content_constraints) {
            const bool attached =
                std::find(constraint.data_structures.begin(), constraint.data_structures.end(), mapping_.dsd) !=
                    constraint.data_structures.end() ||
                (!mapping_.dataflow.empty() && std::find(constraint.dataflows.begin(), constraint.dataflows.end(),
                                                         mapping_.dataflow) != constraint.dataflows.end());
            if (!attached) continue;
            bool says = false;
            if (auto included = constraint.included.find(planned.id); included != constraint.included.end()) {
                says = true;
                if (first_inclusion) {
                    planned.constraint_allowed = included->second;
                    first_inclusion = false;
                } else {  // several constraints: a code must pass them all
                    std::set<std::string> both;
                    for (const auto& code : included->second) {
                        if (planned.constraint_allowed.count(code)) both.insert(code);
                    }
                    planned.constraint_allowed = std::move(both);
                }
            }
            if (auto excluded = constraint.excluded.find(planned.id); excluded != constraint.excluded.end()) {
                says = true;
                planned.constraint_excluded.insert(excluded->second.begin(), excluded->second.end());
            }
            if (says) {
                planned.constraint_names += (planned.constraint_names.empty() ? "" : ", ") + constraint.ref.to_string();
            }
        }
    }

    // Open SDG's column_map: a column of the table named there feeds the component.
    std::optional<ValueSource> open_sdg_source(const std::string& id) const {
        for (const auto& field : fields_) {
            auto found = mapping_.open_sdg_columns.find(field.name);
            if (found == mapping_.open_sdg_columns.end() || found->second != id) continue;
            ValueSource source;
            source.kind = ValueSource::Kind::column;
            source.name = field.name;
            source.origin = "open_sdg.column_map";
            return source;
        }
        return std::nullopt;
    }

    // A dimension the table does not break down by: its total, else "not applicable".
    void default_dimension(PlannedComponent& planned) {
        for (const char* code : {"_T", "_Z"}) {
            if (planned.codelist && planned.codelist->contains(code)) {
                planned.fixed_value = code;
                describe(planned.id, std::string("default ") + code);
                return;
            }
        }
        error("components",
              "dimension " + planned.id + " is not mapped and its codelist has neither _T nor _Z: map it");
    }

    std::string derived_value(const ValueSource& source) const {
        if (source.name == "producer_id") return metadata_.producer.id;
        if (source.name == "producer_name") return metadata_.producer.name;
        if (source.name == "coverage_period") return metadata_.coverage.period_start.substr(0, 4);
        if (source.name == "coverage_area_code") return metadata_.coverage.area_code;
        if (source.name == "coverage_period_interval")
            return metadata_.coverage.period_start + "/" + metadata_.coverage.period_end;
        const ProxyNote proxy{proxy_area(), mapping_.national_proxy_reason};
        if (source.name == "citizen_statement") return citizen_statement(metadata_, package_.codelists, proxy);
        if (source.name == "citizen_statement_short")
            return citizen_statement_short(metadata_, package_.codelists, proxy);
        const bool cleared = package_.codelists.clears_for_official_use(metadata_.validation.result);
        if (source.name == "nso_obs_status") return cleared ? "A" : "V";
        if (source.name == "nso_nature") return cleared ? "C" : "_X";
        return {};
    }

    std::string code_of(const PlannedComponent& planned, const std::string& value) const {
        auto found = planned.source.codes.find(value);
        return found == planned.source.codes.end() ? value : found->second;
    }

    void check_code(const PlannedComponent& planned, const std::string& code, const std::string& where) {
        if (planned.codelist != nullptr && !planned.codelist->contains(code)) {
            error(where, planned.id + ": code \"" + code + "\" is not in " + planned.codelist->ref.to_string() +
                             " (allowed: " + allowed(*planned.codelist) + ")");
            return;
        }
        if (auto problem = constraint_problem(planned, code)) error(where, planned.id + ": " + *problem);
        if (auto refused = planned.refused.find(code); refused != planned.refused.end()) {
            error(where, planned.id + ": " + refused->second);
        }
    }

    std::optional<std::size_t> field_index(const std::string& column, const std::string& where) {
        for (std::size_t i = 0; i < fields_.size(); ++i) {
            if (fields_[i].name == column) return i;
        }
        error(where, "the table has no column \"" + column + "\"; it has " + field_names(fields_));
        return std::nullopt;
    }

    void describe(const std::string& id, const std::string& how) {
        plan_.description += "    " + id + " " + how + "\n";
    }

    void error(const std::string& path, const std::string& message) {
        diagnostics_.error(mapping_.file.string(), path, message, "mapping");
    }

    static std::string join(const std::vector<std::string>& ids) {
        std::string text;
        for (const auto& id : ids) text += (text.empty() ? "" : ", ") + id;
        return text;
    }

    const DsdMapping& mapping_;
    const sdmx::StructureSet& structures_;
    const std::vector<package::Field>& fields_;
    const PlanPackage& package_;
    const package::CitizenMetadata& metadata_;
    Diagnostics& diagnostics_;
    DsdPlan plan_;
    std::string ref_area_code_;  // REF_AREA when it is one code for every row
};

}  // namespace

namespace {

// SDMX 3.0 constraint values may hold % wildcards (ISIC4_% is every code starting ISIC4_).
bool matches(std::string_view pattern, std::string_view code) {
    const auto wildcard = pattern.find('%');
    if (wildcard == std::string_view::npos) return pattern == code;
    const auto head = pattern.substr(0, wildcard);
    const auto rest = pattern.substr(wildcard + 1);
    if (code.substr(0, head.size()) != head) return false;
    for (std::size_t start = head.size(); start <= code.size(); ++start) {
        if (matches(rest, code.substr(start))) return true;
    }
    return false;
}

bool any_matches(const std::set<std::string>& patterns, const std::string& code) {
    if (patterns.count(code)) return true;
    return std::any_of(patterns.begin(), patterns.end(),
                       [&](const std::string& p) { return p.find('%') != std::string::npos && matches(p, code); });
}

}  // namespace

std::optional<std::string> constraint_problem(const PlannedComponent& component, const std::string& code) {
    const bool outside = !component.constraint_allowed.empty() && !any_matches(component.constraint_allowed, code);
    if (!outside && !any_matches(component.constraint_excluded, code)) return std::nullopt;
    std::string text = "code \"" + code + "\" is " + (outside ? "outside" : "excluded by") +
                       " the content constraint " + component.constraint_names;
    if (outside) {
        text += " (allowed: ";
        std::size_t shown = 0;
        for (const auto& allowed_code : component.constraint_allowed) {
            if (shown == 8) {
                text += ", ...";
                break;
            }
            text += (shown++ ? ", " : "") + allowed_code;
        }
        text += ")";
    }
    return text;
}

std::optional<DsdPlan> plan_for_dsd(const DsdMapping& mapping, const sdmx::StructureSet& structures,
                                    const std::vector<package::Field>& fields, const PlanPackage& package,
                                    Diagnostics& diagnostics) {
    return Planner(mapping, structures, fields, package, diagnostics).run();
}

}  // namespace csdmx::mapping
