// SPDX-License-Identifier: MIT
#include "builder/buildplan.h"

#include "builder/outputsafety.h"

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

} // namespace

QString majorVersion(const QString &version)
{
    return version.section(u'.', 0, 0);
}

QStringList includeFolders(const BuildPlan &plan)
{
    QStringList dirs;
    for (const QString &header : plan.headers)
        dirs.append(QFileInfo(header).absolutePath());
    dirs.append(plan.includeDirs);
    dirs.removeDuplicates();
    return dirs;
}

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

QStringList optionFlags(const BuildPlan &plan)
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

Check validatePlan(const BuildPlan &plan)
{
    static const QRegularExpression nameRe(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9_+.-]*$"));
    static const QRegularExpression versionRe(QStringLiteral("^[0-9]+(\\.[0-9]+)*$"));
    if (plan.sources.isEmpty())
        return Check::fail(QStringLiteral("Add at least one .c source file."));
    if (plan.name.isEmpty())
        return Check::fail(QStringLiteral("Give the library a name (\"strmath\" builds libstrmath)."));
    if (!nameRe.match(plan.name).hasMatch())
        return Check::fail(
            QStringLiteral("The name \"%1\" cannot be a file name part: use letters, digits, _ . + -.").arg(plan.name));
    if (plan.name.startsWith(QStringLiteral("lib")) && plan.kind != LibraryKind::Module)
        return Check::fail(QStringLiteral("Leave out the \"lib\" prefix: the name \"%1\" would give lib%1. Use \"%2\".")
                               .arg(plan.name, plan.name.mid(3)));
    if (!plan.version.isEmpty() && plan.kind != LibraryKind::Shared)
        return Check::fail(QStringLiteral("Only shared libraries have a version (and a soname)."));
    if (!plan.version.isEmpty() && !versionRe.match(plan.version).hasMatch())
        return Check::fail(QStringLiteral("A version is numbers separated by dots, like 1 or 1.2.3."));
    if (plan.outDir.isEmpty() || QDir::isRelativePath(plan.outDir))
        return Check::fail(QStringLiteral("Choose an output folder."));
    if (const QFileInfo out(plan.outDir); out.exists() && !out.isDir())
        return Check::fail(QStringLiteral("The output folder %1 is a file, not a folder.").arg(plan.outDir));
    if (plan.compiler.isEmpty())
        return Check::fail(QStringLiteral("Choose a compiler."));
    // Real paths: an output folder reached through a symlink is still the folder the sources are in.
    const QString out = realPath(plan.outDir);
    for (const QString &source : plan.sources) {
        const QFileInfo info(source);
        if (!info.isFile())
            return Check::fail(QStringLiteral("%1 is not a file.").arg(source));
        if (realPath(source).startsWith(out + u'/'))
            return Check::fail(
                QStringLiteral("%1 is inside the output folder; choose another output folder.").arg(source));
    }
    return checkOutputsSpareInputs(plan, nullptr);
}

Check validateProgram(const BuildPlan &plan, const ProgramPlan &program)
{
    if (plan.kind == LibraryKind::Module)
        return Check::fail(
            QStringLiteral("A module is loaded with dlopen() at run time; a program is never linked against "
                           "it. Choose shared or static to link a program."));
    if (program.sources.isEmpty())
        return Check::fail(QStringLiteral("Choose the program's source (main.c)."));
    if (program.output.isEmpty() || program.output.contains(u'/') || program.output == u"." || program.output == u"..")
        return Check::fail(QStringLiteral("The program's name is a file name inside the output folder."));
    const QString target = absOut(plan, program.output);
    if (program.output == u"obj" || program.output.startsWith(QStringLiteral(".linklab"))
        || libraryArtifacts(plan).contains(target))
        return Check::fail(
            QStringLiteral("The program cannot be called \"%1\": the build uses that name.").arg(program.output));
    for (const QString &source : program.sources) {
        if (!QFileInfo(source).isFile())
            return Check::fail(QStringLiteral("%1 is not a file.").arg(source));
    }
    return checkOutputsSpareInputs(plan, &program);
}

QString programFile(const BuildPlan &plan, const ProgramPlan &program)
{
    return plan.outDir.isEmpty() || program.output.isEmpty() ? QString() : absOut(plan, program.output);
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

} // namespace linklab
