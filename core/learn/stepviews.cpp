// SPDX-License-Identifier: MIT
#include "learn/stepviews.h"

#include "binary/binaryinfo.h"
#include "binary/nmformat.h"
#include "binary/relocnames.h"
#include "binary/textreport.h"
#include "builder/shellwords.h"
#include "learn/lesson.h"
#include "runtime/calls.h"

#include <QSet>

#include <elf.h>

namespace linklab {

namespace {

template<typename F>
bool anyObject(const BinaryInfo &info, F &&test)
{
    if (info.isArchive()) {
        for (const ArchiveMember &m : info.members)
            if (m.binary && test(*m.binary))
                return true;
        return false;
    }
    return test(info);
}

QString nmText(const BinaryInfo &info, const NmOptions &options)
{
    QString out;
    NmSink sink {[&out](const QByteArray &bytes) { out += QString::fromUtf8(bytes); },
        [&out](const QString &line) { out += line + u'\n'; }};
    nmListFile(info, info.path, false, options, sink);
    return out;
}

QString inspectCommand(const QString &show, const QString &name)
{
    if (show == QLatin1String("symbols"))
        return QStringLiteral("nm ") + name;
    if (show == QLatin1String("dynamic-symbols"))
        return QStringLiteral("nm -D ") + name;
    if (show == QLatin1String("undefined"))
        return QStringLiteral("nm -u ") + name;
    if (show == QLatin1String("relocations"))
        return QStringLiteral("readelf -rW ") + name;
    if (show == QLatin1String("dynamic"))
        return QStringLiteral("readelf -d ") + name;
    if (show == QLatin1String("members"))
        return QStringLiteral("ar tv %1; nm --print-armap %1").arg(name);
    return QStringLiteral("readelf -rW %1  (read as PLT and GOT)").arg(name);
}

QString hex(quint64 v)
{
    return QStringLiteral("0x%1").arg(v, 0, 16);
}

} // namespace

bool definesSymbol(const BinaryInfo &info, const QString &name)
{
    return anyObject(info, [&name](const BinaryInfo &b) {
        for (const SymbolInfo &s : b.symbols)
            if (s.name == name && s.isDefined() && s.bind != STB_LOCAL)
                return true;
        return false;
    });
}

bool referencesSymbol(const BinaryInfo &info, const QString &name)
{
    return anyObject(info, [&name](const BinaryInfo &b) {
        for (const SymbolInfo &s : b.symbols)
            if (s.name == name && !s.isDefined())
                return true;
        return false;
    });
}

QString dlopenPath(const QString &library)
{
    return library.contains(u'/') ? library : QStringLiteral("./") + library;
}

QString stepCommandLine(const LessonStep &step)
{
    QStringList env;
    for (const QString &e : step.env)
        env << e.section(u'=', 0, 0) + u'=' + shellQuote(e.section(u'=', 1));
    const QString prefix = env.isEmpty() ? QString() : env.join(u' ') + u' ';
    switch (step.kind) {
    case LessonStepKind::Copy: return QStringLiteral("cp %1 .").arg(step.words.join(u' '));
    case LessonStepKind::Run: return commandLine(step.words);
    case LessonStepKind::Program: return prefix + commandLine(step.words);
    case LessonStepKind::Inspect: return inspectCommand(step.show, step.words.value(0));
    case LessonStepKind::Deps: {
        QString options;
        for (const QString &e : step.env)
            options += QStringLiteral("--env %1 ").arg(shellQuote(e));
        return QStringLiteral("linklab-cli %1 %2%3")
            .arg(step.show == QLatin1String("bindings") ? QStringLiteral("bindings") : QStringLiteral("deps"), options,
                step.words.value(0));
    }
    case LessonStepKind::Compare:
        if (step.words.value(0).endsWith(QLatin1String(".a")))
            return QStringLiteral("nm %1 %2  (which members were copied)")
                .arg(step.words.value(0), step.words.value(1));
        return QStringLiteral("ls -l, nm, readelf -d and time %1 and %2").arg(step.words.value(0), step.words.value(1));
    case LessonStepKind::Dlopen: break;
    }
    QStringList calls;
    const QString flags = dlopenFlagsText(step.flags);
    for (const QString &lib : step.words)
        calls << QStringLiteral("dlopen(\"%1\", %2)").arg(dlopenPath(lib), flags);
    if (!step.call.isEmpty())
        calls << QStringLiteral("dlsym(handle, \"%1\") and call it (%2)")
                     .arg(step.call.section(u'(', 0, 0).section(u' ', -1).remove(u'*'),
                         step.args.join(QStringLiteral(", ")));
    if (step.close)
        calls << QStringLiteral("dlclose(handle)");
    return prefix + calls.join(QStringLiteral("; "));
}

StepView inspectView(const BinaryInfo &info, const QString &show, const QString &name)
{
    if (show == QLatin1String("symbols"))
        return {inspectCommand(show, name), nmText(info, {})};
    if (show == QLatin1String("dynamic-symbols"))
        return {inspectCommand(show, name), nmText(info, {.dynamic = true})};
    if (show == QLatin1String("undefined"))
        return {inspectCommand(show, name), nmText(info, {.undefinedOnly = true})};
    if (show == QLatin1String("relocations")) {
        QString text = QString::fromUtf8(relocationListing(info));
        const QString summary = relocationSummary(info);
        if (!summary.isEmpty())
            text += QStringLiteral("\nIn words: ") + summary + u'\n';
        return {inspectCommand(show, name), text};
    }
    if (show == QLatin1String("dynamic")) {
        QStringList lines;
        if (!info.soname.isEmpty())
            lines << QStringLiteral("SONAME   %1").arg(info.soname);
        for (const QString &n : info.needed)
            lines << QStringLiteral("NEEDED   %1").arg(n);
        if (!info.rpath.isEmpty())
            lines << QStringLiteral("RPATH    %1").arg(info.rpath.join(u':'));
        if (!info.runpath.isEmpty())
            lines << QStringLiteral("RUNPATH  %1").arg(info.runpath.join(u':'));
        if (!info.interpreter.isEmpty())
            lines << QStringLiteral("loader   %1").arg(info.interpreter);
        if (lines.isEmpty())
            lines << QStringLiteral("(no dynamic section: nothing for the loader to do)");
        return {inspectCommand(show, name), lines.join(u'\n') + u'\n'};
    }
    if (show == QLatin1String("members")) {
        QStringList lines;
        for (const ArchiveMember &m : info.members)
            lines << QStringLiteral("%1  (%2 bytes)").arg(m.name).arg(m.size);
        lines << QString() << QStringLiteral("Index (which member defines each symbol, what the linker searches):");
        for (const auto &[symbol, member] : info.archiveIndex)
            lines << QStringLiteral("  %1 in %2").arg(symbol, member);
        if (!info.hasArchiveIndex)
            lines << QStringLiteral("  (no index: run ar s or ranlib)");
        return {inspectCommand(show, name), lines.join(u'\n') + u'\n'};
    }
    return {inspectCommand(show, name), pltGotView(info)};
}

QString pltGotView(const BinaryInfo &info)
{
    QStringList calls, data, copies;
    QSet<QString> imported;
    for (const RelocationInfo &r : info.relocations) {
        const QString type = relocationTypeName(info.machine, r.type);
        if (r.symbol.isEmpty())
            continue;
        imported.insert(r.symbol);
        if (type.endsWith(QLatin1String("_JUMP_SLOT")))
            calls << QStringLiteral("  %1()  call -> %1@plt stub -> jumps through GOT slot %2; %3 fills the slot "
                                    "with the address of %1, at the first call (lazy) or at start-up (LD_BIND_NOW)")
                         .arg(r.symbol, hex(r.offset), type);
        else if (type.endsWith(QLatin1String("_GLOB_DAT")))
            data << QStringLiteral("  %1  address read from GOT slot %2; %3 fills it at start-up")
                        .arg(r.symbol, hex(r.offset), type);
        else if (type.endsWith(QLatin1String("_COPY")))
            copies << QStringLiteral("  %1  copied into the program at %2 by %3; the library uses this copy too")
                          .arg(r.symbol, hex(r.offset), type);
    }
    QStringList direct;
    for (const SymbolInfo &s : info.symbols)
        if (s.table == SymbolTable::Static && s.type == STT_FUNC && s.isDefined() && !s.name.startsWith(u'_')
            && !imported.contains(s.name) && !direct.contains(s.name))
            direct << s.name;
    std::sort(direct.begin(), direct.end());
    QStringList out;
    out << QStringLiteral("Calls into a shared library (through the PLT, bound by the loader):");
    out << (calls.isEmpty() ? QStringList {QStringLiteral("  none")} : calls);
    out << QString() << QStringLiteral("Variables of a shared library (through the GOT):");
    out << (data.isEmpty() && copies.isEmpty() ? QStringList {QStringLiteral("  none")} : data + copies);
    out << QString()
        << QStringLiteral("Functions defined in this file, called directly (a plain call to a fixed address, no PLT):");
    out << QStringLiteral("  ")
            + (direct.isEmpty() ? QStringLiteral("none (no symbol table)") : direct.join(QStringLiteral(", ")));
    const QString summary = relocationSummary(info);
    if (!summary.isEmpty())
        out << QString() << QStringLiteral("In all: ") + summary;
    return out.join(u'\n') + u'\n';
}

QString archiveMembersCopied(const BinaryInfo &archive, const BinaryInfo &program, QStringList *copied)
{
    QStringList lines;
    for (const ArchiveMember &m : archive.members) {
        if (!m.binary)
            continue;
        QStringList defined, inProgram;
        for (const SymbolInfo &s : m.binary->symbols) {
            if (!s.isDefined() || s.bind == STB_LOCAL || s.type == STT_SECTION || s.type == STT_FILE)
                continue;
            defined << s.name;
            if (definesSymbol(program, s.name))
                inProgram << s.name;
        }
        const bool in = !inProgram.isEmpty();
        if (in && copied)
            copied->append(m.name);
        lines << QStringLiteral("%1 %2  defines %3")
                     .arg(in ? QStringLiteral("copied   ") : QStringLiteral("left out "), m.name,
                         defined.join(QStringLiteral(", ")));
    }
    lines << QString()
          << QStringLiteral("The linker copies a member only when it defines a symbol still undefined at that point "
                            "of the link; the others stay in the archive.");
    return lines.join(u'\n') + u'\n';
}

ProgramFacts programFacts(const BinaryInfo &info, const QString &name, const QString &prefix)
{
    ProgramFacts facts;
    facts.name = name;
    facts.size = qint64(info.fileSize);
    facts.needed = info.needed;
    QSet<QString> seen;
    for (const SymbolInfo &s : info.symbols) {
        if (s.type != STT_FUNC || !s.isDefined() || seen.contains(s.name))
            continue;
        seen.insert(s.name);
        ++facts.definedFunctions;
        if (!prefix.isEmpty() && s.name.startsWith(prefix))
            facts.libraryFunctions << s.name;
    }
    facts.libraryFunctions.sort();
    return facts;
}

QString sideBySide(const ProgramFacts &a, const ProgramFacts &b)
{
    const auto row = [](const QString &what, const QString &x, const QString &y) {
        return QStringLiteral("%1%2%3").arg(what.leftJustified(26), x.leftJustified(34), y);
    };
    const auto ms = [](double v) { return v < 0 ? QStringLiteral("-") : QStringLiteral("%1 ms").arg(v, 0, 'f', 2); };
    const auto list = [](const QStringList &l) { return l.isEmpty() ? QStringLiteral("none") : l.join(u' '); };
    QStringList out;
    out << row(QString(), a.name, b.name);
    out << row(QStringLiteral("size"), QStringLiteral("%1 bytes").arg(a.size), QStringLiteral("%1 bytes").arg(b.size));
    out << row(
        QStringLiteral("functions defined"), QString::number(a.definedFunctions), QString::number(b.definedFunctions));
    out << row(QStringLiteral("library functions inside"), QString::number(a.libraryFunctions.size()),
        QString::number(b.libraryFunctions.size()));
    out << row(QStringLiteral("NEEDED"), list(a.needed), list(b.needed));
    out << row(QStringLiteral("start-up and exit (median)"), ms(a.startupMs), ms(b.startupMs));
    out << QString();
    out << QStringLiteral("Size, functions: the static link copied the library's code into the program; the shared "
                          "program holds only a PLT stub per function.");
    out << QStringLiteral("  Fix a bug in the library and the static program must be relinked; the shared one picks "
                          "up the new library at its next start.");
    out << QStringLiteral("NEEDED: the shared program names the library the loader must find at start-up (or it "
                          "does not start);");
    out << QStringLiteral(
        "  the static program needs only what the library itself needs from the system (here libm and libc).");
    out << QStringLiteral("Start-up: the loader finds, maps and relocates each NEEDED library (and those they need) "
                          "before main();");
    out << QStringLiteral("  when both programs end up loading the same system libraries, the times differ little.");
    return out.join(u'\n') + u'\n';
}

} // namespace linklab
