// SPDX-License-Identifier: MIT
#include "demangle.h"

#include <cxxabi.h>

#include <cstdlib>
#include <memory>

namespace linklab {

QString demangle(const QString &name)
{
    if (!name.startsWith(u"_Z"))
        return name;
    // A .symtab name can carry its version ("_ZNSaIcEC1ERKS_@GLIBCXX_3.4"): demangle the part before '@' and
    // keep the version, as nm -C does.
    const qsizetype at = name.indexOf(u'@');
    if (at > 0)
        return demangle(name.first(at)) + name.sliced(at);
    int status = 0;
    const QByteArray mangled = name.toUtf8();
    std::unique_ptr<char, decltype(&std::free)> out(
        abi::__cxa_demangle(mangled.constData(), nullptr, nullptr, &status), &std::free);
    if (status != 0 || !out)
        return name;
    return QString::fromUtf8(out.get());
}

} // namespace linklab
