# Debian's libiberty-dev: the GNU demangler that binutils' nm -C uses (cplus_demangle), as a static library.
# Provides the imported target Libiberty::Libiberty.
find_path(LIBIBERTY_INCLUDE_DIR NAMES libiberty/demangle.h)
find_library(LIBIBERTY_LIBRARY NAMES libiberty.a iberty)

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Libiberty REQUIRED_VARS LIBIBERTY_LIBRARY LIBIBERTY_INCLUDE_DIR)

if(Libiberty_FOUND AND NOT TARGET Libiberty::Libiberty)
  add_library(Libiberty::Libiberty UNKNOWN IMPORTED)
  set_target_properties(Libiberty::Libiberty PROPERTIES
    IMPORTED_LOCATION "${LIBIBERTY_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${LIBIBERTY_INCLUDE_DIR}")
endif()
mark_as_advanced(LIBIBERTY_INCLUDE_DIR LIBIBERTY_LIBRARY)
