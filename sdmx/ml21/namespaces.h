// SDMX-ML 2.1 namespace names (SDMX 2.1 Section 3A Part I, "Message Namespace").
#pragma once

namespace csdmx::sdmx::ml21 {

inline constexpr const char* kMessageNs = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message";
inline constexpr const char* kCommonNs = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common";
inline constexpr const char* kStructureNs = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure";
inline constexpr const char* kGenericNs = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic";
inline constexpr const char* kStructureSpecificNs =
    "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific";
inline constexpr const char* kRegistryNs = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/registry";
inline constexpr const char* kXsiNs = "http://www.w3.org/2001/XMLSchema-instance";
inline constexpr const char* kXsNs = "http://www.w3.org/2001/XMLSchema";

}  // namespace csdmx::sdmx::ml21
