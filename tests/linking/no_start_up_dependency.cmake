# Fails when a binary lists LIBRARY among the shared libraries it needs at start
# (readelf -d, NEEDED entries, directly). Used to keep Xerces-C and libarchive, which the library
# loads as modules when needed (sdmx/validation/xsd_engine_api.h, schema_install/archive_module_api.h),
# out of every process that does not need them.
#   cmake -DREADELF=readelf -DBINARY=path -DLIBRARY=libxerces -P no_start_up_dependency.cmake
execute_process(COMMAND "${READELF}" -d "${BINARY}" OUTPUT_VARIABLE dynamic RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "readelf -d ${BINARY} failed (${status})")
endif()
string(REGEX MATCHALL "\\(NEEDED\\)[^\n]*" needed "${dynamic}")
if(needed STREQUAL "")
  message(FATAL_ERROR "no NEEDED entries read from ${BINARY}: the check would prove nothing")
endif()
foreach(entry IN LISTS needed)
  if(entry MATCHES "${LIBRARY}")
    message(FATAL_ERROR "${BINARY} needs ${LIBRARY} at start: ${entry}")
  endif()
endforeach()
message(STATUS "${BINARY}: ${LIBRARY} not needed at start (${needed})")
