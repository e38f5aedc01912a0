# libpg_query (Debian libpg-query-dev) ships no CMake config. Its scanner API hands back a
# protobuf message whose header includes <protobuf-c/protobuf-c.h> (libprotobuf-c-dev); the
# protobuf-c runtime itself is linked into libpg_query.
find_path(PgQuery_INCLUDE_DIR NAMES pg_query.h)
find_path(PgQuery_PROTOBUF_C_INCLUDE_DIR NAMES protobuf-c/protobuf-c.h)
find_library(PgQuery_LIBRARY NAMES pg_query)

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(PgQuery
  REQUIRED_VARS PgQuery_LIBRARY PgQuery_INCLUDE_DIR PgQuery_PROTOBUF_C_INCLUDE_DIR)

if(PgQuery_FOUND AND NOT TARGET PgQuery::PgQuery)
  add_library(PgQuery::PgQuery UNKNOWN IMPORTED)
  set_target_properties(PgQuery::PgQuery PROPERTIES
    IMPORTED_LOCATION "${PgQuery_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${PgQuery_INCLUDE_DIR};${PgQuery_PROTOBUF_C_INCLUDE_DIR}")
endif()
mark_as_advanced(PgQuery_INCLUDE_DIR PgQuery_PROTOBUF_C_INCLUDE_DIR PgQuery_LIBRARY)
