// SDMX-ML 3.0 namespace names (SDMX 3.0 Section 3A, "Message Namespace").
#pragma once

namespace csdmx::sdmx::ml30 {

inline constexpr const char* kMessageNs = "http://www.sdmx.org/resources/sdmxml/schemas/v3_0/message";
inline constexpr const char* kCommonNs = "http://www.sdmx.org/resources/sdmxml/schemas/v3_0/common";
inline constexpr const char* kStructureNs = "http://www.sdmx.org/resources/sdmxml/schemas/v3_0/structure";
inline constexpr const char* kStructureSpecificNs =
    "http://www.sdmx.org/resources/sdmxml/schemas/v3_0/data/structurespecific";

}  // namespace csdmx::sdmx::ml30
