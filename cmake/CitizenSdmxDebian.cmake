# The Debian package (cpack -G DEB): the install tree of cmake/CitizenSdmxInstall.cmake
# under /usr, plus a man page made from the CLI's --help. Dependencies come from
# dpkg-shlibdeps (Debian dpkg-dev), which reads the ELF files' needs, so they stay
# right when a library changes; tests/install/deb_package_test.sh checks them.

# The man page: help2man (Debian help2man) runs the built CLI for --help and
# --version; a section per subcommand is added from `citizen-sdmx <command> --help`.
find_program(HELP2MAN_EXECUTABLE help2man)
set(CSDMX_MAN_PAGE "${CMAKE_BINARY_DIR}/packaging/citizen-sdmx.1.gz")
if(HELP2MAN_EXECUTABLE)
  add_custom_command(
    OUTPUT "${CSDMX_MAN_PAGE}"
    COMMAND ${CMAKE_COMMAND} -DHELP2MAN=${HELP2MAN_EXECUTABLE} -DCLI=$<TARGET_FILE:citizen-sdmx>
            -DOUTPUT=${CSDMX_MAN_PAGE} -P ${CMAKE_SOURCE_DIR}/cmake/ManPage.cmake
    DEPENDS citizen-sdmx ${CMAKE_SOURCE_DIR}/cmake/ManPage.cmake
    COMMENT "Generating the citizen-sdmx man page from --help"
    VERBATIM)
  add_custom_target(man_page ALL DEPENDS "${CSDMX_MAN_PAGE}")
  install(FILES "${CSDMX_MAN_PAGE}" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
else()
  message(STATUS "help2man not found: no man page (scripts/install-deps build installs it)")
endif()

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "citizen-sdmx")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "citizen data to SDMX for National Statistical Offices")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CITIZEN_SDMX_DEB_MAINTAINER "citizen-sdmx developers <citizen-sdmx@localhost>" CACHE STRING
    "Maintainer field of the Debian package")
set(CPACK_PACKAGE_CONTACT "${CITIZEN_SDMX_DEB_MAINTAINER}")
set(CPACK_DEBIAN_FILE_NAME "DEB-DEFAULT")  # citizen-sdmx_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# The long description; CPack puts CPACK_PACKAGE_DESCRIPTION_SUMMARY before it.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Converts citizen data packages (Frictionless Data Package with Copenhagen
Framework metadata) into SDMX structure and data messages (SDMX-ML 2.1 and
3.0, SDMX-CSV, SDMX-JSON), validates them against the official schemas,
converts in batches and pushes to SDMX registries. Contains the command
citizen-sdmx, the shared library libcitizensdmx with its C header,
pkg-config file and CMake package, and the citizen data codelists and SDG
mappings in /usr/share/citizen-sdmx.")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# The ldconfig cache is refreshed by dpkg's trigger, as Debian policy 8.1.1 asks of
# packages shipping shared libraries.
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA "${CMAKE_SOURCE_DIR}/cmake/debian/triggers")
set(CPACK_DEBIAN_COMPRESSION_TYPE "xz")
include(CPack)
