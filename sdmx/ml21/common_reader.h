// Pieces shared by the SDMX-ML 2.1 readers: annotations, multilingual text, references.
#pragma once

#include <libxml/tree.h>

#include <string>

#include "sdmx/model/annotation.h"
#include "sdmx/model/reference.h"

namespace csdmx::sdmx::ml21 {

// xml:lang of the element (inherited), "en" when none is given.
std::string language_of(const xmlNode* node);

// The common:Annotation children of a common:Annotations element.
void read_annotations(const xmlNode* annotations, Annotations& out);

// The maintainable artefact a <Ref .../> or <URN> child of `holder` points at;
// `item_id` gets the item (a concept, a provider) when the reference names one.
// Returns an empty reference when there is neither.
MaintainableRef read_reference(const xmlNode* holder, std::string* item_id = nullptr);

}  // namespace csdmx::sdmx::ml21
