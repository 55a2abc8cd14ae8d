# Installing libcitizensdmx like a library: the versioned shared library (SONAME
# libcitizensdmx.so.<major>, symbols limited by plugin/citizensdmx.map), its C
# header, a pkg-config file, a CMake package (find_package(CitizenSdmx) ->
# CitizenSdmx::citizensdmx), the CLI, and the shipped codelists and mappings
# under share/citizen-sdmx. The Debian package (cmake/CitizenSdmxDebian.cmake)
# packs exactly this tree.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)
include(cmake/CitizenSdmxSchemas.cmake)

set(CSDMX_CMAKE_PACKAGE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/CitizenSdmx")
set(CSDMX_DATA_DIR "${CMAKE_INSTALL_DATADIR}/citizen-sdmx")

set_property(TARGET citizensdmx PROPERTY PUBLIC_HEADER "${CMAKE_SOURCE_DIR}/plugin/include/citizensdmx.h")

install(TARGETS citizensdmx EXPORT CitizenSdmxTargets
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  PUBLIC_HEADER DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(TARGETS citizen-sdmx RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
# The modules (XML Schema engine, archive reader) go in a private folder beside the
# library, where the library looks for them (core/loadable_module.h).
install(TARGETS citizensdmx_xerces citizensdmx_archive LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}/citizen-sdmx")

install(EXPORT CitizenSdmxTargets NAMESPACE CitizenSdmx:: DESTINATION "${CSDMX_CMAKE_PACKAGE_DIR}")
configure_package_config_file(cmake/CitizenSdmxConfig.cmake.in
  "${CMAKE_BINARY_DIR}/packaging/CitizenSdmxConfig.cmake"
  INSTALL_DESTINATION "${CSDMX_CMAKE_PACKAGE_DIR}"
  PATH_VARS CMAKE_INSTALL_INCLUDEDIR)
# Same major version, same ABI: the SONAME carries the major version too.
write_basic_package_version_file("${CMAKE_BINARY_DIR}/packaging/CitizenSdmxConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}" COMPATIBILITY SameMajorVersion)
install(FILES "${CMAKE_BINARY_DIR}/packaging/CitizenSdmxConfig.cmake"
              "${CMAKE_BINARY_DIR}/packaging/CitizenSdmxConfigVersion.cmake"
        DESTINATION "${CSDMX_CMAKE_PACKAGE_DIR}")

# pkg-config: the prefix is computed from ${pcfiledir}, so the file is right
# wherever the tree is installed or unpacked.
file(RELATIVE_PATH CSDMX_PC_PREFIX_FROM_PCFILEDIR "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
configure_file(cmake/citizensdmx.pc.in "${CMAKE_BINARY_DIR}/packaging/citizensdmx.pc" @ONLY)
install(FILES "${CMAKE_BINARY_DIR}/packaging/citizensdmx.pc" DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig")

# Shipped data: the citizen data codelists (also embedded in the library) and the
# SDG mapping files, for people to read, copy and pass to --codelists/--mapping.
install(DIRECTORY mappings/codelists DESTINATION "${CSDMX_DATA_DIR}" FILES_MATCHING PATTERN "*.xml")
install(DIRECTORY mappings/sdg DESTINATION "${CSDMX_DATA_DIR}/mappings" FILES_MATCHING PATTERN "*.yaml" PATTERN "*.yml")

include(cmake/CitizenSdmxDebian.cmake)

if(CITIZEN_SDMX_BUILD_TESTS)
  add_subdirectory(tests/install)
endif()

# The build's default schema folder applies only to the library file the build
# wrote (sdmx/validation/schema_location.cpp), never to an installed copy. Set on
# that one source so the rest of the core keeps its compile line (and ccache hits).
set_source_files_properties("${CMAKE_SOURCE_DIR}/sdmx/validation/schema_location.cpp"
  TARGET_DIRECTORY citizensdmx_core
  PROPERTIES COMPILE_DEFINITIONS "CITIZEN_SDMX_BUILD_LIBRARY=\"$<TARGET_FILE:citizensdmx>\"")
