// SPDX-License-Identifier: MIT
// discoverToolchain against what PATH holds and what each tool says of its own version.
#include "builder/toolchain.h"

#include "testsupport.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <QProcess>

using namespace linklab;
using namespace linklab::test;
using namespace Qt::StringLiterals;

class TestToolchain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void toolchain()
    {
        const Toolchain chain = discoverToolchain();
        QCOMPARE(chain.defaultCompiler(), u"gcc"_s);
        for (const QString &name : {u"gcc"_s, u"clang"_s}) {
            const Tool *tool = chain.compiler(name);
            QVERIFY2(tool, qPrintable(name));
            QCOMPARE(tool->path, QStandardPaths::findExecutable(name));
            QProcess version;
            version.start(tool->path, {u"--version"_s});
            QVERIFY(version.waitForFinished(10000));
            QCOMPARE(tool->version, QString::fromLocal8Bit(version.readAllStandardOutput()).section(u'\n', 0, 0));
        }
        QVERIFY(chain.archiver.found());
        QVERIFY(chain.archiver.version.startsWith(u"GNU ar"_s));
        QVERIFY(!chain.compiler(u"no-such-cc"_s));
    }
};

QTEST_GUILESS_MAIN(TestToolchain)
#include "tst_toolchain.moc"
