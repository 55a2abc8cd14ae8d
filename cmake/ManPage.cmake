# cmake -DHELP2MAN=... -DCLI=... -DOUTPUT=file.1.gz -P ManPage.cmake
# The man page of citizen-sdmx: help2man's page from the top-level --help, plus
# a SUBCOMMANDS section holding each subcommand's own --help text verbatim
# (nested ones too, e.g. `schemas install`).

# The names CLI11 lists under "Subcommands:" in a help text.
function(subcommands_of help out)
  set(names "")
  string(FIND "${help}" "\nSubcommands:\n" at)
  if(at GREATER -1)
    string(SUBSTRING "${help}" ${at} -1 listed)
    string(REGEX MATCHALL "\n  [a-z][a-z-]* " lines "${listed}")
    foreach(line IN LISTS lines)
      string(STRIP "${line}" name)
      list(APPEND names "${name}")
    endforeach()
  endif()
  set(${out} "${names}" PARENT_SCOPE)
endfunction()

function(help_of words out)
  execute_process(COMMAND "${CLI}" ${words} --help OUTPUT_VARIABLE help RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${CLI} ${words} --help failed")
  endif()
  # CLI11 prints the program as it was called: the build path means nothing in a man page.
  string(REPLACE "${CLI}" "citizen-sdmx" help "${help}")
  set(${out} "${help}" PARENT_SCOPE)
endfunction()

function(section words out)
  help_of("${words}" help)
  string(REPLACE ";" " " title "${words}")
  # Verbatim in roff: backslashes escaped, no line may start a request.
  string(REPLACE "\\" "\\e" text "${help}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${out} ".SS \"citizen-sdmx ${title}\"\n.nf\n${text}.fi\n" PARENT_SCOPE)
endfunction()

help_of("" top)
subcommands_of("${top}" names)
if(NOT names)
  message(FATAL_ERROR "no subcommands found in ${CLI} --help")
endif()
set(include_text "[SUBCOMMANDS]\n")
foreach(name IN LISTS names)
  section("${name}" text)
  string(APPEND include_text "${text}")
  help_of("${name}" help)
  subcommands_of("${help}" nested)
  foreach(inner IN LISTS nested)
    section("${name};${inner}" text)
    string(APPEND include_text "${text}")
  endforeach()
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
