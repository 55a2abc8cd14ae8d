# cmake -DHELP2MAN=... -DCLI=... -DOUTPUT=file.1.gz -P ManPage.cmake
# The man page of citizen-sdmx: help2man's page from the top-level --help, plus
# a SUBCOMMANDS section holding each subcommand's own --help text verbatim.
execute_process(COMMAND "${CLI}" --help OUTPUT_VARIABLE top RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${CLI} --help failed")
endif()
# CLI11 lists subcommands under "SUBCOMMANDS:" as "  name   description".
string(REGEX REPLACE ".*\nSUBCOMMANDS:\n" "" listed "${top}")
string(REGEX MATCHALL "\n?  [a-z]+ " names "${listed}")
set(include_text "[SUBCOMMANDS]\n")
foreach(name IN LISTS names)
  string(STRIP "${name}" name)
  execute_process(COMMAND "${CLI}" ${name} --help OUTPUT_VARIABLE help RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${CLI} ${name} --help failed")
  endif()
  # Verbatim in roff: backslashes escaped, no line may start a request.
  string(REPLACE "\\" "\\e" help "${help}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" help "${help}")
  string(APPEND include_text ".SS \"citizen-sdmx ${name}\"\n.nf\n${help}.fi\n")
endforeach()
get_filename_component(folder "${OUTPUT}" DIRECTORY)
string(REGEX REPLACE "\\.gz$" "" page "${OUTPUT}")
file(WRITE "${folder}/subcommands.h2m" "${include_text}")
execute_process(
  COMMAND "${HELP2MAN}" --no-info --no-discard-stderr --section=1
          "--name=turn citizen data into SDMX for National Statistical Offices"
          "--include=${folder}/subcommands.h2m" "--output=${page}" "${CLI}"
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "help2man failed on ${CLI}")
endif()
# gzip -n: no name or time stamp inside, so the page is the same on every build.
execute_process(COMMAND gzip -9nf "${page}" RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "gzip failed on ${page}")
endif()
