# `citizen-sdmx schemas install|list` (schema_install/): downloads the official
# schema archives and unpacks them after checking every file's pinned SHA-256.
# libarchive (Debian libarchive-dev) reads the archives: GitHub serves tar.gz and
# zip; libarchive reads both, from memory, and hands over entry names unchanged so
# the installer can refuse unsafe ones itself. Its shared library (libarchive13)
# is already on most Debian systems, pulled in by cmake itself.
find_package(LibArchive 3.4 REQUIRED)
target_sources(citizensdmx_core PRIVATE
  "${CMAKE_SOURCE_DIR}/schema_install/archive_reader.cpp"
  "${CMAKE_SOURCE_DIR}/schema_install/pinned_schemas.cpp"
  "${CMAKE_SOURCE_DIR}/schema_install/schema_download.cpp"
  "${CMAKE_SOURCE_DIR}/schema_install/schema_installer.cpp")
# libarchive lives in a module of its own, loaded by `schemas install` only
# (schema_install/archive_module_api.h says why), beside libcitizensdmx.
add_library(citizensdmx_archive MODULE "${CMAKE_SOURCE_DIR}/schema_install/libarchive/archive_module.cpp")
target_include_directories(citizensdmx_archive PRIVATE "${CMAKE_SOURCE_DIR}")
target_link_libraries(citizensdmx_archive PRIVATE LibArchive::LibArchive)
set_target_properties(citizensdmx_archive PROPERTIES
  OUTPUT_NAME citizensdmx-archive
  LIBRARY_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/plugin")
add_dependencies(citizensdmx_core citizensdmx_archive)
target_sources(citizensdmx PRIVATE "${CMAKE_SOURCE_DIR}/plugin/schemas_api.cpp")
target_sources(citizen-sdmx PRIVATE "${CMAKE_SOURCE_DIR}/cli/schemas_command.cpp")
