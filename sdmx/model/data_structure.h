// Data structure definitions (DSD) and their components.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sdmx/model/item_scheme.h"

namespace csdmx::sdmx {

// A reference from a component to the concept that gives it its meaning.
struct ConceptRef {
    MaintainableRef scheme;
    std::string concept_id;
};

struct Dimension {
    std::string id;
    ConceptRef concept_identity;
    std::optional<Representation> local_representation;
    Annotations annotations;
};

// Where an attribute's values attach (SDMX 2.1 AttributeRelationship).
enum class AttachmentLevel { DataSet, Group, Series, Observation };

struct AttributeRelationship {
    AttachmentLevel level = AttachmentLevel::Observation;
    std::vector<std::string> dimensions;  // for Series: the dimensions it relates to
    std::string group;                    // for Group
};

struct DataAttribute {
    std::string id;
    ConceptRef concept_identity;
    std::optional<Representation> local_representation;
    bool mandatory = false;  // assignmentStatus Mandatory vs Conditional
    AttributeRelationship relationship;
    Annotations annotations;
};

struct GroupDimensionDescriptor {
    std::string id;
    std::vector<std::string> dimensions;
};

struct PrimaryMeasure {
    std::string id = "OBS_VALUE";
    ConceptRef concept_identity;
    std::optional<Representation> local_representation;
};

struct DataStructure : MaintainableArtefact {
    std::vector<Dimension> dimensions;  // in key order, without the time dimension
    std::optional<Dimension> time_dimension;
    std::vector<GroupDimensionDescriptor> groups;
    std::vector<DataAttribute> attributes;
    PrimaryMeasure primary_measure;

    const Dimension* find_dimension(std::string_view id) const;
    const DataAttribute* find_attribute(std::string_view id) const;
    // Dimension ids in key order, the time dimension last.
    std::vector<std::string> key_ids() const;
};

}  // namespace csdmx::sdmx
