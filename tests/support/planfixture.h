// SPDX-License-Identifier: MIT
// A small source tree for the plan tests: src/a.c, src/b.c, src/inc/demo.h and src/main.c in a temporary
// folder, and the plan that builds "demo" from a.c and b.c into out/.
#pragma once

#include "builder/buildplan.h"
#include "testsupport.h"

#include <QTemporaryDir>

namespace linklab::test {

class PlanFixture
{
public:
    PlanFixture()
    {
        m_a = m_dir.filePath(QStringLiteral("src/a.c"));
        m_b = m_dir.filePath(QStringLiteral("src/b.c"));
        m_header = m_dir.filePath(QStringLiteral("src/inc/demo.h"));
        m_main = m_dir.filePath(QStringLiteral("src/main.c"));
        for (const QString &p : {m_a, m_b, m_header, m_main})
            m_written = writeFile(p, "int x;\n") && m_written;
    }

    // False when the folder or a file could not be made: the test's initTestCase checks it.
    bool isValid() const { return m_dir.isValid() && m_written; }

    BuildPlan basePlan(LibraryKind kind) const
    {
        BuildPlan plan;
        plan.sources = {m_a, m_b};
        plan.name = QStringLiteral("demo");
        plan.kind = kind;
        plan.outDir = m_dir.filePath(QStringLiteral("out"));
        return plan;
    }

protected:
    QTemporaryDir m_dir;
    QString m_a, m_b, m_header, m_main;

private:
    bool m_written = true;
};

} // namespace linklab::test
