# Debian's liblief-dev (0.9) ships headers and libLIEF.so but no CMake package.
# Provides the imported target LIEF::LIEF.
find_path(LIEF_INCLUDE_DIR NAMES LIEF/ELF.hpp)
find_library(LIEF_LIBRARY NAMES LIEF)

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(LIEF REQUIRED_VARS LIEF_LIBRARY LIEF_INCLUDE_DIR)

if(LIEF_FOUND AND NOT TARGET LIEF::LIEF)
  add_library(LIEF::LIEF UNKNOWN IMPORTED)
  set_target_properties(LIEF::LIEF PROPERTIES
    IMPORTED_LOCATION "${LIEF_LIBRARY}"
    # SYSTEM include: LIEF 0.9's headers are not warning-clean under -Wpedantic.
    INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${LIEF_INCLUDE_DIR}"
    INTERFACE_INCLUDE_DIRECTORIES "${LIEF_INCLUDE_DIR}")
endif()
mark_as_advanced(LIEF_INCLUDE_DIR LIEF_LIBRARY)
