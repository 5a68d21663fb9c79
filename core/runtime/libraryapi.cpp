// SPDX-License-Identifier: MIT
#include "runtime/libraryapi.h"

#include "builder/buildlog.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

namespace linklab {
namespace {

constexpr std::uint8_t STT_FUNC = 2, STT_GNU_IFUNC = 10;
constexpr std::uint8_t STB_GLOBAL = 1, STB_WEAK = 2;

bool isCFile(const QString &path)
{
    return path.endsWith(QLatin1String(".c")) || path.endsWith(QLatin1String(".h"));
}

} // namespace

QStringList exportedFunctions(const BinaryInfo &library)
{
    QSet<QString> names;
    for (const SymbolInfo &s : library.symbols) {
        if (s.table != SymbolTable::Dynamic || !s.isDefined() || s.name.isEmpty())
            continue;
        if (s.type != STT_FUNC && s.type != STT_GNU_IFUNC)
            continue;
        if (s.bind != STB_GLOBAL && s.bind != STB_WEAK)
            continue;
        names.insert(s.name);
    }
    QStringList out(names.cbegin(), names.cend());
    out.sort();
    return out;
}

QStringList declarationFilesFor(const QString &libraryPath, int limit)
{
    const QDir dir = QFileInfo(libraryPath).absoluteDir();
    QStringList files;
    QSet<QString> seen;
    auto add = [&](const QString &f) {
        const QString path = QFileInfo(f).absoluteFilePath();
        if (files.size() < limit && isCFile(path) && QFileInfo(path).isFile() && !seen.contains(path)) {
            seen.insert(path);
            files << path;
        }
    };
    // The Build room's output folder: obj/*.d name each source and the headers it read. A system header (under
    // /usr) declares the C library, not this one.
    for (const QString &sub : {QStringLiteral("obj"), QStringLiteral(".")}) {
        const QDir objDir(dir.filePath(sub));
        for (const QString &d : objDir.entryList({QStringLiteral("*.d")}, QDir::Files, QDir::Name)) {
            const Result<QStringList> deps = readDepFile(objDir.filePath(d));
            if (!deps)
                continue;
            for (const QString &f : *deps)
                if (!f.startsWith(QLatin1String("/usr/")))
                    add(f);
        }
    }
    if (files.isEmpty()) {
        for (const QString &h : dir.entryList({QStringLiteral("*.h")}, QDir::Files, QDir::Name))
            add(dir.filePath(h));
    }
    return files;
}

LibraryPrototypes collectPrototypes(const QStringList &files)
{
    LibraryPrototypes out;
    for (const QString &f : files) {
        Result<PrototypeSet> set = prototypesFromHeader(f, {QFileInfo(f).absolutePath()});
        if (!set) {
            out.problems << f + QStringLiteral(": ") + set.reason().section(u'\n', 0, 0);
            continue;
        }
        out.files << f;
        for (const CPrototype &p : set->functions)
            if (!out.byName.contains(p.name))
                out.byName.insert(p.name, p);
    }
    return out;
}

} // namespace linklab
