# Debian's libclang-14-dev: clang's stable C API (clang-c/Index.h), which reads C prototypes for the Run room.
# Provides the imported target Libclang::Libclang, and LIBCLANG_RESOURCE_DIR: clang's own headers (stddef.h,
# stdarg.h, ...) that every parse needs. libclang finds them by itself only through a symlink that another package
# (libclang-common-14-dev) ships in /usr/include/clang, so the path is found here once and passed as -resource-dir.
find_path(LIBCLANG_INCLUDE_DIR NAMES clang-c/Index.h PATHS /usr/lib/llvm-14/include)
find_library(LIBCLANG_LIBRARY NAMES clang-14 clang PATHS /usr/lib/llvm-14/lib)

if(LIBCLANG_INCLUDE_DIR AND NOT LIBCLANG_RESOURCE_DIR)
  # The clang of the same LLVM knows its resource folder; without it, the one folder under lib/clang is the one.
  get_filename_component(_libclang_prefix ${LIBCLANG_INCLUDE_DIR} DIRECTORY)
  find_program(LIBCLANG_CLANG_EXECUTABLE NAMES clang PATHS ${_libclang_prefix}/bin NO_DEFAULT_PATH)
  if(LIBCLANG_CLANG_EXECUTABLE)
    execute_process(COMMAND ${LIBCLANG_CLANG_EXECUTABLE} -print-resource-dir OUTPUT_VARIABLE _libclang_resource
                    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  endif()
  if(NOT EXISTS "${_libclang_resource}/include/stddef.h")
    file(GLOB _libclang_resource LIST_DIRECTORIES true ${_libclang_prefix}/lib/clang/*)
  endif()
  if(EXISTS "${_libclang_resource}/include/stddef.h")
    set(LIBCLANG_RESOURCE_DIR ${_libclang_resource} CACHE PATH "clang's resource folder (builtin headers)")
  endif()
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Libclang REQUIRED_VARS LIBCLANG_LIBRARY LIBCLANG_INCLUDE_DIR LIBCLANG_RESOURCE_DIR)

if(Libclang_FOUND AND NOT TARGET Libclang::Libclang)
  add_library(Libclang::Libclang UNKNOWN IMPORTED)
  set_target_properties(Libclang::Libclang PROPERTIES
    IMPORTED_LOCATION "${LIBCLANG_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${LIBCLANG_INCLUDE_DIR}")
endif()
mark_as_advanced(LIBCLANG_INCLUDE_DIR LIBCLANG_LIBRARY LIBCLANG_CLANG_EXECUTABLE LIBCLANG_RESOURCE_DIR)
