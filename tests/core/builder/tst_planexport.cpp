// SPDX-License-Identifier: MIT
// A plan exported as a CMakeLists.txt and as a shell script of the exact commands.
#include "builder/planexport.h"
#include "builder/shellwords.h"

#include "planfixture.h"

#include <QTemporaryDir>
#include <QTest>

using namespace linklab;
using namespace linklab::test;
using namespace Qt::StringLiterals;

class TestPlanExport : public QObject, public PlanFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(isValid()); }

    void cmakeExport()
    {
        BuildPlan plan = basePlan(LibraryKind::Shared);
        plan.version = QStringLiteral("1.2.3");
        plan.headers = {m_header};
        plan.libraries = {QStringLiteral("m")};
        plan.hiddenVisibility = true;
        ProgramPlan program;
        program.sources = {m_main};
        program.rpath = true;
        const QString text = exportCMake(plan, &program, m_dir.filePath(QStringLiteral("src")));
        QVERIFY2(text.contains(QStringLiteral("add_library(demo SHARED a.c b.c)\n")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("set_target_properties(demo PROPERTIES VERSION 1.2.3 SOVERSION 1)\n")));
        QVERIFY(text.contains(QStringLiteral("target_include_directories(demo PUBLIC inc)\n")));
        QVERIFY(text.contains(QStringLiteral("target_compile_options(demo PRIVATE -Wall -Wextra -O2)\n")));
        QVERIFY(text.contains(QStringLiteral("C_VISIBILITY_PRESET hidden")));
        QVERIFY(text.contains(QStringLiteral("target_link_libraries(demo PRIVATE m)\n")));
        QVERIFY(
            text.contains(QStringLiteral("add_executable(prog main.c)\ntarget_link_libraries(prog PRIVATE demo)\n")));
        QVERIFY(text.contains(QStringLiteral("BUILD_RPATH \"\\$ORIGIN\"")));

        plan.kind = LibraryKind::Module;
        plan.version.clear();
        const QString module = exportCMake(plan, &program, m_dir.filePath(QStringLiteral("src")));
        QVERIFY(module.contains(QStringLiteral("add_library(demo MODULE a.c b.c)")));
        QVERIFY(!module.contains(QStringLiteral("add_executable"))); // a module is never linked into a program
        QVERIFY(module.contains(u"set_target_properties(demo PROPERTIES PREFIX \"\")"_s)); // demo.so, as LinkLab
        plan.kind = LibraryKind::Static;
        // A program named like the library gets a target of its own; a ';' in a path stays one argument.
        program.output = u"demo"_s;
        plan.defines = {u"LIST=a;b"_s};
        const QString same = exportCMake(plan, &program, m_dir.filePath(QStringLiteral("src")));
        QVERIFY2(same.contains(u"add_executable(demo-program main.c)\n"
                               "set_target_properties(demo-program PROPERTIES OUTPUT_NAME demo)\n"
                               "target_link_libraries(demo-program PRIVATE demo)\n"_s),
            qPrintable(same));
        QVERIFY(same.contains(u"target_compile_definitions(demo PRIVATE \"LIST=a\\;b\")"_s));
        plan.defines.clear();
        // Outside the CMakeLists' folder, paths stay absolute.
        QVERIFY(exportCMake(plan, nullptr, QStringLiteral("/elsewhere")).contains(QStringLiteral("STATIC ") + m_a));
    }

    void shellScriptExport()
    {
        BuildPlan plan = basePlan(LibraryKind::Static);
        ProgramPlan program;
        program.sources = {m_main};
        const QString script = exportShellScript(plan, &program);
        QVERIFY(script.startsWith(QStringLiteral("#!/bin/sh\n")));
        QVERIFY(script.contains(QStringLiteral("set -e\n")));
        QVERIFY(script.contains(QStringLiteral("cd ") + shellQuote(plan.outDir) + u'\n'));
        // Every planned command appears, in order.
        qsizetype at = 0;
        QList<BuildStep> steps = planLibrary(plan);
        steps.append(planProgram(plan, program));
        for (const BuildStep &s : std::as_const(steps)) {
            const qsizetype found = script.indexOf(commandLine(s.argv) + u'\n', at);
            QVERIFY2(found >= at, qPrintable(commandLine(s.argv)));
            at = found;
        }
        QVERIFY(script.contains(QStringLiteral("rm -f libdemo.a.tmp\nar rcs")));
    }
};

QTEST_GUILESS_MAIN(TestPlanExport)
#include "tst_planexport.moc"
