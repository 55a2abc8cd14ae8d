// A bag of structural metadata: what one or more structure messages hold.
#pragma once

#include <vector>

#include "sdmx/model/data_structure.h"
#include "sdmx/model/dataflow.h"

namespace csdmx::sdmx {

struct StructureSet {
    std::vector<Codelist> codelists;
    std::vector<ConceptScheme> concept_schemes;
    std::vector<DataStructure> data_structures;
    std::vector<Dataflow> dataflows;
    std::vector<DataProviderScheme> data_provider_schemes;
    std::vector<ProvisionAgreement> provision_agreements;
    std::vector<ContentConstraint> content_constraints;
    std::vector<AgencyScheme> agency_schemes;

    const Codelist* find_codelist(const MaintainableRef& ref) const;
    const Codelist* find_codelist(std::string_view id) const;  // any agency or version
    const ConceptScheme* find_concept_scheme(const MaintainableRef& ref) const;
    const DataStructure* find_data_structure(const MaintainableRef& ref) const;
    const Dataflow* find_dataflow(const MaintainableRef& ref) const;

    // The representation of a component: its local one, else its concept's core one.
    std::optional<Representation> representation_of(const ConceptRef& identity,
                                                    const std::optional<Representation>& local) const;
    // The codelist that enumerates a component, when it is coded and the codelist is here.
    const Codelist* codelist_of(const ConceptRef& identity, const std::optional<Representation>& local) const;

    void merge(StructureSet other);
    bool empty() const;
};

}  // namespace csdmx::sdmx
