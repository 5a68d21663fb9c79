// SPDX-License-Identifier: MIT
#include "buildplan.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

namespace linklab {

namespace {

QString tmpName(const QString &path)
{
    return path + QStringLiteral(".tmp");
}

QString rel(const BuildPlan &plan, const QString &path)
{
    return QDir(plan.outDir).relativeFilePath(path);
}

QString absOut(const BuildPlan &plan, const QString &name)
{
    return QDir(plan.outDir).filePath(name);
}

// The version's first number: "1.2.3" -> "1".
QString majorVersion(const QString &version)
{
    return version.section(u'.', 0, 0);
}

// Include folders: the folders of the listed headers, then the explicit ones, each once, in order.
QStringList includeFolders(const BuildPlan &plan)
{
    QStringList dirs;
    for (const QString &header : plan.headers)
        dirs.append(QFileInfo(header).absolutePath());
    dirs.append(plan.includeDirs);
    dirs.removeDuplicates();
    return dirs;
}

bool picKind(LibraryKind kind)
{
    return kind != LibraryKind::Static;
}

// Link options for the library itself: -l<lib> for plan.libraries after the user's flags.
QStringList libraryOptions(const BuildPlan &plan)
{
    QStringList out;
    for (const QString &lib : plan.libraries)
        out.append(QStringLiteral("-l") + lib);
    return out;
}

BuildStep renameStep(const BuildPlan &plan, const QString &finalPath)
{
    BuildStep step;
    step.kind = StepKind::Rename;
    step.workingDir = plan.outDir;
    step.output = finalPath;
    step.inputs = {tmpName(finalPath)};
    step.argv = {QStringLiteral("mv"), QStringLiteral("-f"), rel(plan, tmpName(finalPath)), rel(plan, finalPath)};
    return step;
}

BuildStep symlinkStep(const BuildPlan &plan, const QString &linkName, const QString &target)
{
    BuildStep step;
    step.kind = StepKind::Symlink;
    step.workingDir = plan.outDir;
    step.output = absOut(plan, linkName);
    step.linkTarget = target;
    step.inputs = {absOut(plan, target)};
    step.argv = {QStringLiteral("ln"), QStringLiteral("-sfn"), target, linkName};
    return step;
}

const QRegularExpression &plainWord()
{
    // Characters no POSIX shell treats specially in a word (and '=' ',' ':' '@' '%' '+' which are safe too).
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    return re;
}

QString cmakeQuote(const QString &value)
{
    static const QRegularExpression bare(QStringLiteral("^[A-Za-z0-9_./+=:-]+$"));
    if (bare.match(value).hasMatch())
        return value;
    QString escaped = value;
    escaped.replace(u'\\', QStringLiteral("\\\\"))
        .replace(u'"', QStringLiteral("\\\""))
        .replace(u'$', QStringLiteral("\\$"))
        .replace(u';', QStringLiteral("\\;")); // a bare ';' would split the argument into a list
    return u'"' + escaped + u'"';
}

QString cmakeList(const QStringList &values)
{
    QStringList quoted;
    for (const QString &v : values)
        quoted.append(cmakeQuote(v));
    return quoted.join(u' ');
}

} // namespace

QString kindKey(LibraryKind kind)
{
    switch (kind) {
    case LibraryKind::Static: return QStringLiteral("static");
    case LibraryKind::Shared: return QStringLiteral("shared");
    case LibraryKind::Module: return QStringLiteral("module");
    }
    return {};
}

std::optional<LibraryKind> kindFromKey(const QString &key)
{
    for (LibraryKind kind : {LibraryKind::Static, LibraryKind::Shared, LibraryKind::Module}) {
        if (kindKey(kind) == key)
            return kind;
    }
    return std::nullopt;
}

QString kindExplanation(LibraryKind kind)
{
    switch (kind) {
    case LibraryKind::Static:
        return QStringLiteral("An archive of object files (ar rcs): the linker copies the code a program uses "
                              "into the program, so nothing is needed at run time.");
    case LibraryKind::Shared:
        return QStringLiteral("Position-independent code (-fPIC) linked with -shared and a soname: programs "
                              "record the soname and the loader finds the file at run time.");
    case LibraryKind::Module:
        return QStringLiteral("A shared object without a soname, meant to be loaded with dlopen() (a plugin), "
                              "never named on a link line (CMake's MODULE).");
    }
    return {};
}

bool writesTemporary(const BuildStep &step)
{
    return step.kind != StepKind::Rename && step.kind != StepKind::Symlink
        && step.output.endsWith(QStringLiteral(".tmp"));
}

QString finalOutput(const BuildStep &step)
{
    return writesTemporary(step) ? step.output.chopped(4) : step.output;
}

QString soname(const BuildPlan &plan)
{
    if (plan.kind != LibraryKind::Shared)
        return {};
    const QString base = QStringLiteral("lib") + plan.name + QStringLiteral(".so");
    return plan.version.isEmpty() ? base : base + u'.' + majorVersion(plan.version);
}

QString libraryFile(const BuildPlan &plan)
{
    switch (plan.kind) {
    case LibraryKind::Static: return absOut(plan, QStringLiteral("lib") + plan.name + QStringLiteral(".a"));
    case LibraryKind::Shared: {
        const QString base = QStringLiteral("lib") + plan.name + QStringLiteral(".so");
        return absOut(plan, plan.version.isEmpty() ? base : base + u'.' + plan.version);
    }
    case LibraryKind::Module: return absOut(plan, plan.name + QStringLiteral(".so"));
    }
    return {};
}

QStringList libraryArtifacts(const BuildPlan &plan)
{
    QStringList out {libraryFile(plan)};
    if (plan.kind == LibraryKind::Shared && !plan.version.isEmpty()) {
        const QString so = soname(plan);
        if (absOut(plan, so) != out.first())
            out.append(absOut(plan, so));
        out.append(absOut(plan, QStringLiteral("lib") + plan.name + QStringLiteral(".so")));
    }
    return out;
}

QString objectFile(const BuildPlan &plan, int index)
{
    // Each source keeps its own stem when it is the first with it (a.c -> obj/a.o); a later source with a
    // stem already given gets the next free "-N" (sub/a.c -> obj/a-2.o, or a-3 when a-2.c is a source too).
    // Two sources must never share an object: they would overwrite each other and the library lose code.
    QSet<QString> taken;
    for (const QString &source : plan.sources)
        taken.insert(QFileInfo(source).completeBaseName());
    QSet<QString> given;
    QString name;
    for (int i = 0; i <= index && i < plan.sources.size(); ++i) {
        const QString stem = QFileInfo(plan.sources[i]).completeBaseName();
        name = stem;
        for (int n = 2; given.contains(name) || (name != stem && taken.contains(name)); ++n)
            name = stem + u'-' + QString::number(n);
        given.insert(name);
    }
    return absOut(plan, QStringLiteral("obj/") + name + QStringLiteral(".o"));
}

// The checkbox flags: warnings, optimization, debug info (what CMake takes as target_compile_options).
static QStringList optionFlags(const BuildPlan &plan)
{
    QStringList flags;
    if (plan.warnings)
        flags << QStringLiteral("-Wall") << QStringLiteral("-Wextra");
    if (!plan.optimization.isEmpty())
        flags << plan.optimization;
    if (plan.debugInfo)
        flags << QStringLiteral("-g");
    return flags;
}

QStringList compileFlags(const BuildPlan &plan)
{
    QStringList flags = optionFlags(plan);
    if (plan.hiddenVisibility)
        flags << QStringLiteral("-fvisibility=hidden");
    for (const QString &define : plan.defines)
        flags << QStringLiteral("-D") + define;
    for (const QString &dir : includeFolders(plan))
        flags << QStringLiteral("-I") + dir;
    flags << plan.extraCflags;
    return flags;
}

QString validatePlan(const BuildPlan &plan)
{
    static const QRegularExpression nameRe(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9_+.-]*$"));
    static const QRegularExpression versionRe(QStringLiteral("^[0-9]+(\\.[0-9]+)*$"));
    if (plan.sources.isEmpty())
        return QStringLiteral("Add at least one .c source file.");
    if (plan.name.isEmpty())
        return QStringLiteral("Give the library a name (\"strmath\" builds libstrmath).");
    if (!nameRe.match(plan.name).hasMatch())
        return QStringLiteral("The name \"%1\" cannot be a file name part: use letters, digits, _ . + -.")
            .arg(plan.name);
    if (plan.name.startsWith(QStringLiteral("lib")) && plan.kind != LibraryKind::Module)
        return QStringLiteral("Leave out the \"lib\" prefix: the name \"%1\" would give lib%1. Use \"%2\".")
            .arg(plan.name, plan.name.mid(3));
    if (!plan.version.isEmpty() && plan.kind != LibraryKind::Shared)
        return QStringLiteral("Only shared libraries have a version (and a soname).");
    if (!plan.version.isEmpty() && !versionRe.match(plan.version).hasMatch())
        return QStringLiteral("A version is numbers separated by dots, like 1 or 1.2.3.");
    if (plan.outDir.isEmpty() || QDir::isRelativePath(plan.outDir))
        return QStringLiteral("Choose an output folder.");
    if (const QFileInfo out(plan.outDir); out.exists() && !out.isDir())
        return QStringLiteral("The output folder %1 is a file, not a folder.").arg(plan.outDir);
    if (plan.compiler.isEmpty())
        return QStringLiteral("Choose a compiler.");
    const QString out = QDir::cleanPath(plan.outDir);
    for (const QString &source : plan.sources) {
        const QFileInfo info(source);
        if (!info.isFile())
            return QStringLiteral("%1 is not a file.").arg(source);
        if (QDir::cleanPath(info.absoluteFilePath()).startsWith(out + u'/'))
            return QStringLiteral("%1 is inside the output folder; choose another output folder.").arg(source);
    }
    return {};
}

QString validateProgram(const BuildPlan &plan, const ProgramPlan &program)
{
    if (plan.kind == LibraryKind::Module)
        return QStringLiteral("A module is loaded with dlopen() at run time; a program is never linked against "
                              "it. Choose shared or static to link a program.");
    if (program.sources.isEmpty())
        return QStringLiteral("Choose the program's source (main.c).");
    if (program.output.isEmpty() || program.output.contains(u'/') || program.output == u"." || program.output == u"..")
        return QStringLiteral("The program's name is a file name inside the output folder.");
    const QString target = absOut(plan, program.output);
    if (program.output == u"obj" || program.output.startsWith(QStringLiteral(".linklab"))
        || libraryArtifacts(plan).contains(target))
        return QStringLiteral("The program cannot be called \"%1\": the build uses that name.").arg(program.output);
    for (const QString &source : program.sources) {
        if (!QFileInfo(source).isFile())
            return QStringLiteral("%1 is not a file.").arg(source);
    }
    return {};
}

QList<BuildStep> planLibrary(const BuildPlan &plan)
{
    QList<BuildStep> steps;
    const QStringList flags = compileFlags(plan);
    QStringList objects;
    for (int i = 0; i < plan.sources.size(); ++i) {
        BuildStep step;
        step.kind = StepKind::Compile;
        step.parallel = true;
        step.workingDir = plan.outDir;
        step.output = objectFile(plan, i);
        step.depFile = step.output.chopped(2) + QStringLiteral(".d");
        step.inputs = {QFileInfo(plan.sources[i]).absoluteFilePath()};
        step.argv << plan.compiler << QStringLiteral("-c");
        if (picKind(plan.kind))
            step.argv << QStringLiteral("-fPIC");
        step.argv << flags << QStringLiteral("-MMD") << QStringLiteral("-o") << rel(plan, step.output)
                  << step.inputs.first();
        objects.append(step.output);
        steps.append(step);
    }

    const QString target = libraryFile(plan);
    BuildStep make;
    make.workingDir = plan.outDir;
    make.output = tmpName(target);
    make.inputs = objects;
    QStringList relObjects;
    for (const QString &o : objects)
        relObjects.append(rel(plan, o));
    if (plan.kind == LibraryKind::Static) {
        make.kind = StepKind::Archive;
        make.argv << plan.archiver << QStringLiteral("rcs") << rel(plan, make.output) << relObjects;
    } else {
        make.kind = StepKind::Link;
        make.argv << plan.compiler << QStringLiteral("-shared");
        if (plan.kind == LibraryKind::Shared)
            make.argv << QStringLiteral("-Wl,-soname,") + soname(plan);
        make.argv << QStringLiteral("-o") << rel(plan, make.output) << relObjects << plan.ldflags
                  << libraryOptions(plan);
    }
    steps.append(make);
    steps.append(renameStep(plan, target));

    if (plan.kind == LibraryKind::Shared && !plan.version.isEmpty()) {
        const QString real = QFileInfo(target).fileName();
        const QString so = soname(plan);
        const QString dev = QStringLiteral("lib") + plan.name + QStringLiteral(".so");
        if (so != real)
            steps.append(symlinkStep(plan, so, real));
        steps.append(symlinkStep(plan, dev, so));
    }
    return steps;
}

QList<BuildStep> planProgram(const BuildPlan &plan, const ProgramPlan &program)
{
    const QString target = absOut(plan, program.output);
    BuildStep link;
    link.kind = StepKind::LinkProgram;
    link.workingDir = plan.outDir;
    link.output = tmpName(target);
    link.argv << plan.compiler;
    // The library's flags minus -fvisibility (meaningless for a program); include folders let main.c find the header.
    for (const QString &flag : compileFlags(plan)) {
        if (flag != u"-fvisibility=hidden")
            link.argv << flag;
    }
    // With one source, -MMD lists the headers it reads (gcc names the file after -o without its suffix:
    // prog.d), so editing one relinks. gcc writes one such file per source, each over the last, so with
    // several sources there is no complete list and the program is always linked again.
    if (program.sources.size() == 1) {
        link.argv << QStringLiteral("-MMD");
        link.depFile = target + QStringLiteral(".d");
    }
    link.argv << QStringLiteral("-o") << rel(plan, link.output);
    for (const QString &source : program.sources) {
        link.inputs.append(QFileInfo(source).absoluteFilePath());
        link.argv << link.inputs.last();
    }
    link.inputs.append(libraryFile(plan));
    // As the course exercise does: -L. -l<name>, run from the output folder. When a shared library of the same
    // name sits next to a static one, the linker prefers the shared one; -Bstatic makes the choice explicit.
    link.argv << QStringLiteral("-L.");
    const bool sharedSibling = plan.kind == LibraryKind::Static
        && QFileInfo::exists(absOut(plan, QStringLiteral("lib") + plan.name + QStringLiteral(".so")));
    if (sharedSibling)
        link.argv << QStringLiteral("-Wl,-Bstatic") << QStringLiteral("-l") + plan.name
                  << QStringLiteral("-Wl,-Bdynamic");
    else
        link.argv << QStringLiteral("-l") + plan.name;
    if (program.rpath)
        link.argv << QStringLiteral("-Wl,-rpath,$ORIGIN");
    link.argv << plan.ldflags << libraryOptions(plan);
    return {link, renameStep(plan, target)};
}

void setLinkFlags(BuildPlan &plan, const QStringList &words)
{
    plan.ldflags.clear();
    plan.libraries.clear();
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QString &word = words.at(i);
        if (word == u"-l" && i + 1 < words.size())
            plan.libraries.append(words.at(++i));
        else if (word.startsWith(QStringLiteral("-l")) && word.size() > 2)
            plan.libraries.append(word.mid(2));
        else
            plan.ldflags.append(word);
    }
}

QString shellQuote(const QString &word)
{
    if (!word.isEmpty() && plainWord().match(word).hasMatch())
        return word;
    QString quoted = word;
    quoted.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + quoted + u'\'';
}

QString commandLine(const QStringList &argv)
{
    QStringList words;
    words.reserve(argv.size());
    for (const QString &a : argv)
        words.append(shellQuote(a));
    return words.join(u' ');
}

std::optional<QStringList> splitShellWords(const QString &text)
{
    QStringList words;
    QString word;
    bool inWord = false;
    enum { None, Single, Double } quote = None;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quote == Single) {
            if (c == u'\'')
                quote = None;
            else
                word += c;
            continue;
        }
        if (quote == Double) {
            if (c == u'"') {
                quote = None;
            } else if (c == u'\\' && i + 1 < text.size() && QStringView(u"$`\"\\\n").contains(text[i + 1])) {
                word += text[++i];
            } else {
                word += c;
            }
            continue;
        }
        if (c.isSpace()) {
            if (inWord)
                words.append(word);
            word.clear();
            inWord = false;
            continue;
        }
        inWord = true;
        if (c == u'\'') {
            quote = Single;
        } else if (c == u'"') {
            quote = Double;
        } else if (c == u'\\') {
            if (i + 1 < text.size())
                word += text[++i];
        } else {
            word += c;
        }
    }
    if (quote != None)
        return std::nullopt;
    if (inWord)
        words.append(word);
    return words;
}

QString exportCMake(const BuildPlan &plan, const ProgramPlan *program, const QString &cmakeDir)
{
    const QDir dir(cmakeDir);
    auto path = [&](const QString &p) {
        const QString r = dir.relativeFilePath(p);
        return r.startsWith(QStringLiteral("..")) ? QDir::cleanPath(p) : r;
    };
    QStringList sources;
    for (const QString &s : plan.sources)
        sources.append(path(s));
    static const QHash<LibraryKind, QString> kinds {{LibraryKind::Static, QStringLiteral("STATIC")},
        {LibraryKind::Shared, QStringLiteral("SHARED")}, {LibraryKind::Module, QStringLiteral("MODULE")}};

    QString out;
    out += QStringLiteral("# Generated by LinkLab: the same build as its Build room.\n");
    out += QStringLiteral("cmake_minimum_required(VERSION 3.16)\nproject(%1 C)\n\n").arg(plan.name);
    out += QStringLiteral("add_library(%1 %2 %3)\n").arg(plan.name, kinds.value(plan.kind), cmakeList(sources));
    if (plan.kind == LibraryKind::Module) // CMake names a MODULE lib<name>.so; LinkLab, as plugins are, <name>.so
        out += QStringLiteral("set_target_properties(%1 PROPERTIES PREFIX \"\")\n").arg(plan.name);
    if (plan.kind == LibraryKind::Shared && !plan.version.isEmpty()) {
        out += QStringLiteral("set_target_properties(%1 PROPERTIES VERSION %2 SOVERSION %3)\n")
                   .arg(plan.name, plan.version, majorVersion(plan.version));
    }
    if (plan.hiddenVisibility)
        out += QStringLiteral("set_target_properties(%1 PROPERTIES C_VISIBILITY_PRESET hidden)\n").arg(plan.name);
    QStringList includes;
    for (const QString &d : includeFolders(plan))
        includes.append(path(d));
    if (!includes.isEmpty())
        out += QStringLiteral("target_include_directories(%1 PUBLIC %2)\n").arg(plan.name, cmakeList(includes));
    const QStringList options = optionFlags(plan) + plan.extraCflags;
    if (!options.isEmpty())
        out += QStringLiteral("target_compile_options(%1 PRIVATE %2)\n").arg(plan.name, cmakeList(options));
    if (!plan.defines.isEmpty())
        out += QStringLiteral("target_compile_definitions(%1 PRIVATE %2)\n").arg(plan.name, cmakeList(plan.defines));
    // -l words are libraries for CMake (target_link_options would put them before the objects, where an
    // --as-needed linker drops them); the other link flags are options. An archive is not linked: its options
    // and libraries apply to the programs using it (INTERFACE/PUBLIC), as LinkLab passes them to that link.
    QStringList libraries = plan.libraries;
    QStringList linkOptions;
    for (const QString &flag : plan.ldflags) {
        if (flag.startsWith(QStringLiteral("-l")) && flag.size() > 2)
            libraries.append(flag.mid(2));
        else
            linkOptions.append(flag);
    }
    const bool archive = plan.kind == LibraryKind::Static;
    if (!linkOptions.isEmpty()) {
        out += QStringLiteral("target_link_options(%1 %2 %3)\n")
                   .arg(plan.name, archive ? QStringLiteral("INTERFACE") : QStringLiteral("PRIVATE"),
                       cmakeList(linkOptions));
    }
    if (!libraries.isEmpty()) {
        out += QStringLiteral("target_link_libraries(%1 %2 %3)\n")
                   .arg(
                       plan.name, archive ? QStringLiteral("PUBLIC") : QStringLiteral("PRIVATE"), cmakeList(libraries));
    }
    if (program && plan.kind != LibraryKind::Module) {
        QStringList programSources;
        for (const QString &s : program->sources)
            programSources.append(path(s));
        // CMake names targets in one namespace: a program called like the library needs a target name of its own.
        const QString exe
            = program->output == plan.name ? program->output + QStringLiteral("-program") : program->output;
        out += QStringLiteral("\nadd_executable(%1 %2)\n").arg(exe, cmakeList(programSources));
        if (exe != program->output)
            out += QStringLiteral("set_target_properties(%1 PROPERTIES OUTPUT_NAME %2)\n").arg(exe, program->output);
        out += QStringLiteral("target_link_libraries(%1 PRIVATE %2)\n").arg(exe, plan.name);
        if (program->rpath) {
            out += QStringLiteral("set_target_properties(%1 PROPERTIES BUILD_RPATH \"\\$ORIGIN\" INSTALL_RPATH "
                                  "\"\\$ORIGIN\")\n")
                       .arg(exe);
        }
    }
    return out;
}

QString exportShellScript(const BuildPlan &plan, const ProgramPlan *program)
{
    QString out = QStringLiteral("#!/bin/sh\n# Generated by LinkLab: the exact commands of a clean build.\nset -e\n");
    out += QStringLiteral("mkdir -p %1\ncd %1\nmkdir -p obj\n").arg(shellQuote(plan.outDir));
    QList<BuildStep> steps = planLibrary(plan);
    if (program && plan.kind != LibraryKind::Module)
        steps.append(planProgram(plan, *program));
    for (const BuildStep &step : std::as_const(steps)) {
        if (step.kind == StepKind::Archive) // ar adds to an existing archive; LinkLab starts from none
            out += QStringLiteral("rm -f %1\n").arg(shellQuote(step.argv.value(2)));
        out += commandLine(step.argv) + u'\n';
    }
    return out;
}

} // namespace linklab
