# Evaluated by ctest (TEST_INCLUDE_FILES): one ctest entry per Catch2 tag of the test executable,
# read from the executable itself, so that a new tag runs without a CMake change and no entry can
# name a tag that matches no test. A test case without a tag would run in no entry: it becomes a
# failing entry that names it. The fixture runner's `fixtures` case has entries of its own, one per
# rule folder (tests/CMakeLists.txt).
execute_process(COMMAND "${TWOSTEP_TESTS}" --list-tags OUTPUT_VARIABLE listing RESULT_VARIABLE status)
if(NOT status EQUAL 0 AND listing STREQUAL "")
  add_test(NAME "discover-tags" COMMAND "${TWOSTEP_TESTS}" --list-tags)
  return()
endif()
string(REGEX MATCHALL "\\[[a-z0-9-]+\\]" tags "${listing}")
set(untagged_spec "")
foreach(tag ${tags})
  string(REGEX REPLACE "^\\[(.*)\\]$" "\\1" name "${tag}")
  add_test("${name}" "${TWOSTEP_TESTS}" "${tag}")
  set(untagged_spec "${untagged_spec}~${tag}")
endforeach()
execute_process(COMMAND "${TWOSTEP_TESTS}" --list-test-names-only "${untagged_spec}"
                OUTPUT_VARIABLE untagged)
string(REPLACE "\n" ";" untagged "${untagged}")
foreach(test_name ${untagged})
  string(STRIP "${test_name}" test_name)
  if(NOT test_name STREQUAL "" AND NOT test_name STREQUAL "fixtures")
    add_test("untagged: ${test_name}" "${CMAKE_COMMAND}" -E false)
  endif()
endforeach()
