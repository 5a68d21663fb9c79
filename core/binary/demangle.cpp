// SPDX-License-Identifier: MIT
#include "binary/demangle.h"

#include "binary/bytenames.h"

// libiberty.h would declare basename(), which clashes with glibc's; tell it the C library already does.
#define HAVE_DECL_BASENAME 1
#include <libiberty/demangle.h>

#include <cstdlib>
#include <memory>

namespace linklab {

// As binutils' bfd_demangle, which nm -C uses: leading '.' and '$' (PowerPC64 ELFv1 dot symbols) and a version
// after '@' are set aside, the rest goes to libiberty's cplus_demangle with nm's options, and both are put back.
// libiberty rather than __cxa_demangle: the two differ on some names (decltype, _Float16, Rust, _GLOBAL__I_),
// and nm's output is the reference.
QString demangle(const QString &name)
{
    qsizetype start = 0;
    while (start < name.size() && (name[start] == u'.' || name[start] == u'$'))
        ++start;
    const qsizetype at = name.indexOf(u'@', start);
    const qsizetype end = at < 0 ? name.size() : at;
    if (end == start)
        return name;
    const QByteArray mangled = encodeName(name.sliced(start, end - start));
    const std::unique_ptr<char, decltype(&std::free)> out(
        cplus_demangle(mangled.constData(), DMGL_PARAMS | DMGL_ANSI), &std::free);
    if (!out)
        return name;
    return name.first(start) + decodeName(out.get()) + name.sliced(end);
}

} // namespace linklab
