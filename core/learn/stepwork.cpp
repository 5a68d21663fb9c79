// SPDX-License-Identifier: MIT
#include "learn/stepwork.h"

#include "binary/openbinary.h"
#include "deps/resolver.h"
#include "deps/symbolbinder.h"
#include "learn/stepviews.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>

#include <algorithm>
#include <memory>

namespace linklab {

namespace {

QString envValue(const QStringList &env, const QString &name)
{
    for (const QString &e : env)
        if (e.section(u'=', 0, 0) == name)
            return e.section(u'=', 1);
    return {};
}

// What the subject of a step's symbol expectations is: the file inspected, the second file compared, the
// program run, the last library opened, the first file a command made.
QString subjectOf(const LessonStep &step, const StepOutcome &outcome)
{
    switch (step.kind) {
    case LessonStepKind::Inspect:
    case LessonStepKind::Deps:
    case LessonStepKind::Program: return step.words.value(0);
    case LessonStepKind::Compare: return step.words.value(1);
    case LessonStepKind::Dlopen: return step.words.value(step.words.size() - 1);
    default: return outcome.outputs.value(0);
    }
}

double medianStartupMs(const QString &program, const QString &workDir, const QStringList &env)
{
    QList<double> times;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &e : env)
        environment.insert(e.section(u'=', 0, 0), e.section(u'=', 1));
    for (int i = 0; i < 15; ++i) {
        QProcess p;
        p.setWorkingDirectory(workDir);
        p.setProcessEnvironment(environment);
        p.setStandardOutputFile(QProcess::nullDevice());
        p.setStandardErrorFile(QProcess::nullDevice());
        QElapsedTimer t;
        t.start();
        p.start(program, {});
        if (!p.waitForFinished(10000))
            return -1;
        times << t.nsecsElapsed() / 1e6;
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

std::shared_ptr<BinaryInfo> openFor(const QString &path, QString *error)
{
    OpenOptions options;
    options.relocations = true;
    options.demangle = false;
    OpenResult r = openBinary(path, options);
    if (auto *e = std::get_if<OpenError>(&r)) {
        *error = e->message;
        return nullptr;
    }
    return std::make_shared<BinaryInfo>(std::get<BinaryInfo>(std::move(r)));
}

} // namespace

void commandFiles(const QStringList &argv, const QString &workDir, StepOutcome &outcome)
{
    const QDir dir(workDir);
    const bool ar = argv.value(0) == QLatin1String("ar");
    for (int i = 1; i < argv.size(); ++i) {
        const QString &w = argv[i];
        if (!ar && w == QLatin1String("-o") && i + 1 < argv.size()) {
            outcome.outputs << argv[++i];
            continue;
        }
        if (ar && i == 2) {
            outcome.outputs << w;
            continue;
        }
        if (!w.startsWith(u'-') && QFileInfo(dir.filePath(w)).isFile())
            outcome.inputs << w;
        else if (w.startsWith(QLatin1String("-l")) && w.size() > 2) {
            // -lname: the library the linker takes from -L. (the shared one first, as ld does)
            for (const QString &f : {QStringLiteral("lib%1.so").arg(w.mid(2)), QStringLiteral("lib%1.a").arg(w.mid(2))})
                if (QFileInfo(dir.filePath(f)).isFile()) {
                    outcome.inputs << QFileInfo(dir.filePath(f)).fileName();
                    break;
                }
        }
    }
    if (!ar && !argv.contains(QLatin1String("-o")) && argv.contains(QLatin1String("-c")))
        for (const QString &in : std::as_const(outcome.inputs))
            if (in.endsWith(QLatin1String(".c")))
                outcome.outputs << QFileInfo(in).completeBaseName() + QStringLiteral(".o");
}

// inspect:, deps: and compare:, on a worker thread: reading files and resolving may take a while.
StepOutcome readStepFiles(const LessonStep &step, StepOutcome outcome, const QString &workDir)
{
    const QDir dir(workDir);
    QElapsedTimer clock;
    clock.start();
    if (step.kind == LessonStepKind::Inspect) {
        QString error;
        if (auto info = openFor(dir.filePath(step.words[0]), &error)) {
            outcome.output = inspectView(*info, step.show, step.words[0]).text;
            outcome.inputs << step.words[0];
        } else {
            outcome.error = error;
        }
    } else if (step.kind == LessonStepKind::Deps) {
        LoaderConfig config = LoaderConfig::forThisMachine();
        const QString lib = envValue(step.env, QStringLiteral("LD_LIBRARY_PATH"));
        if (!lib.isEmpty()) {
            // The loader takes a relative entry from the program's current folder: the working folder here.
            QStringList dirs;
            for (const QString &d : lib.split(u':'))
                dirs << (d.isEmpty() || QDir::isAbsolutePath(d) ? d : QDir::cleanPath(dir.filePath(d)));
            config.ldLibraryPath = dirs.join(u':');
        }
        DependencyResolver resolver(config);
        auto graph = resolver.resolve(dir.filePath(step.words[0]));
        if (!graph) {
            outcome.error = graph.reason();
        } else {
            for (int i = 1; i < graph->nodes.size(); ++i)
                (graph->nodes[i].path.isEmpty() ? outcome.missing : outcome.found) << graph->nodes[i].name;
            if (step.show == QLatin1String("bindings")) {
                const SymbolBindings b = bindSymbols(*graph);
                QStringList lines;
                for (const SymbolBinding &binding : b.bindings) {
                    if (binding.object != 0)
                        continue; // the program's own imports: what the lesson talks about
                    const QString to = binding.provider < 0
                        ? (binding.weak ? QStringLiteral("(weak: nothing defines it, it stays 0)")
                                        : QStringLiteral("(nothing defines it)"))
                        : QFileInfo(graph->nodes[binding.provider].path).fileName();
                    lines << QStringLiteral("%1 -> %2").arg(binding.symbol.leftJustified(24), to);
                }
                outcome.output = lines.join(u'\n') + u'\n';
            } else {
                outcome.output = dependencyTree(*graph);
            }
        }
    } else if (step.kind == LessonStepKind::Compare) {
        QString error;
        auto a = openFor(dir.filePath(step.words[0]), &error);
        auto b = a ? openFor(dir.filePath(step.words[1]), &error) : nullptr;
        outcome.inputs = step.words;
        if (!a || !b) {
            outcome.error = error;
        } else if (a->isArchive()) {
            outcome.output = archiveMembersCopied(*a, *b);
        } else {
            const QString prefix = envValue(step.env, QStringLiteral("PREFIX"));
            ProgramFacts fa = programFacts(*a, step.words[0], prefix);
            ProgramFacts fb = programFacts(*b, step.words[1], prefix);
            fa.startupMs = medianStartupMs(dir.filePath(step.words[0]), workDir, step.env);
            fb.startupMs = medianStartupMs(dir.filePath(step.words[1]), workDir, step.env);
            outcome.output = sideBySide(fa, fb);
            outcome.programs = {fa, fb};
        }
    }
    outcome.ms = clock.elapsed();
    outcome.ran = true;
    outcome.checks = checkExpectations(step, outcome, workDir);
    return outcome;
}

QList<CheckResult> checkExpectations(const LessonStep &step, const StepOutcome &outcome, const QString &workDir)
{
    QList<Expectation> expects = step.expects;
    for (const QString &f : step.produces)
        expects.append({QStringLiteral("file"), f, step.line});
    std::shared_ptr<BinaryInfo> subject;
    QString subjectError;
    const QString all = outcome.output + u'\n' + outcome.error;
    QList<CheckResult> results;
    for (const Expectation &e : expects) {
        CheckResult r {e, false, {}};
        QString instead;
        const QString &v = e.value;
        if (e.kind == QLatin1String("exit")) {
            r.met = v == QLatin1String("nonzero") ? outcome.exitCode != 0 : outcome.exitCode == v.toInt();
            instead = outcome.exitCode < 0 ? QStringLiteral("it did not exit normally")
                                           : QStringLiteral("it exited with status %1").arg(outcome.exitCode);
        } else if (e.kind == QLatin1String("file") || e.kind == QLatin1String("no-file")) {
            const bool exists = QFileInfo::exists(QDir(workDir).filePath(v));
            r.met = exists == (e.kind == QLatin1String("file"));
            instead = exists ? QStringLiteral("%1 is there").arg(v) : QStringLiteral("there is no %1").arg(v);
        } else if (e.kind == QLatin1String("output") || e.kind == QLatin1String("no-output")) {
            r.met = all.contains(v) == (e.kind == QLatin1String("output"));
            instead = r.met ? QString() : QStringLiteral("the output was different");
        } else if (e.kind == QLatin1String("error")) {
            r.met = all.contains(v);
            instead = outcome.error.isEmpty() ? QStringLiteral("there was no such error") : outcome.error.trimmed();
        } else if (e.kind == QLatin1String("found") || e.kind == QLatin1String("missing")) {
            const bool missing = outcome.missing.contains(v);
            const bool found = outcome.found.contains(v);
            r.met = e.kind == QLatin1String("found") ? found : missing;
            instead = missing ? QStringLiteral("the loader cannot find %1").arg(v)
                              : (found ? QStringLiteral("the loader found %1").arg(v)
                                       : QStringLiteral("%1 was not looked for").arg(v));
        } else if (e.kind == QLatin1String("result")) {
            r.met = outcome.output.contains(QStringLiteral(" = ") + v);
            instead
                = outcome.error.isEmpty() ? QStringLiteral("the call gave something else") : outcome.error.trimmed();
        } else if (e.kind == QLatin1String("opened")) {
            r.met = outcome.opened;
            instead = outcome.error;
        } else if (e.kind == QLatin1String("loaded") || e.kind == QLatin1String("unloaded")) {
            const QStringList &map = e.kind == QLatin1String("loaded") ? outcome.linkMapOpen : outcome.linkMapClosed;
            const bool in
                = std::any_of(map.begin(), map.end(), [&v](const QString &p) { return QFileInfo(p).fileName() == v; });
            r.met = e.kind == QLatin1String("loaded") ? in : (!in && !outcome.linkMapClosed.isEmpty());
            instead = in ? QStringLiteral("%1 is in the link map").arg(v)
                         : QStringLiteral("%1 is not in the link map").arg(v);
        } else { // symbol, undefined, no-symbol, needed: read the step's subject file
            const QString file = subjectOf(step, outcome);
            if (!subject && subjectError.isEmpty()) {
                subject = file.isEmpty() ? nullptr : openFor(QDir(workDir).filePath(file), &subjectError);
                if (!subject && subjectError.isEmpty())
                    subjectError = QStringLiteral("the step made no file to look into");
            }
            if (!subject) {
                instead = subjectError;
            } else if (e.kind == QLatin1String("needed")) {
                r.met = subject->needed.contains(v);
                instead = QStringLiteral("NEEDED of %1: %2")
                              .arg(file,
                                  subject->needed.isEmpty() ? QStringLiteral("none")
                                                            : subject->needed.join(QStringLiteral(", ")));
            } else if (e.kind == QLatin1String("symbol")) {
                r.met = definesSymbol(*subject, v);
                instead = QStringLiteral("%1 does not define %2").arg(file, v);
            } else if (e.kind == QLatin1String("undefined")) {
                r.met = referencesSymbol(*subject, v);
                instead = QStringLiteral("%1 does not reference %2 as undefined").arg(file, v);
            } else {
                r.met = !definesSymbol(*subject, v) && !referencesSymbol(*subject, v);
                instead = QStringLiteral("%1 has %2").arg(file, v);
            }
        }
        r.words = r.met ? e.text() : QStringLiteral("Expected: %1 — but %2.").arg(e.text(), instead);
        results.append(r);
    }
    return results;
}

} // namespace linklab
