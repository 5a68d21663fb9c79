// SPDX-License-Identifier: MIT
// Hints for the linker's "undefined reference": the library of this machine that defines the symbol, with the flag
// that links it (checked against nm -D on that library), the -l order rule when the build's own library defines
// it, and nothing for a symbol nothing defines. Then linklab-cli build: the hint in its text and JSON, and the
// fix it names makes the build succeed.
#include "fixturepaths.h"
#include "testsupport.h"

#include "builder/linkhints.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace linklab;
using linklab::test::run;

namespace {

Diagnostic undefined(const QString &symbol, QChar quote = u'`')
{
    Diagnostic d;
    d.severity = QStringLiteral("error");
    d.message = QStringLiteral("undefined reference to ") + quote + symbol + u'\'';
    return d;
}

} // namespace

class TestLinkHints : public QObject
{
    Q_OBJECT

private slots:
    void symbolOfTheMessage()
    {
        QCOMPARE(undefinedSymbolOf(undefined(QStringLiteral("cos"))), QStringLiteral("cos"));
        QCOMPARE(undefinedSymbolOf(undefined(QStringLiteral("sm_add"), u'\'')), QStringLiteral("sm_add"));
        Diagnostic other;
        other.message = QStringLiteral("cannot find -lnothere");
        QCOMPARE(undefinedSymbolOf(other), QString());
    }

    void systemLibraryAndItsFlag()
    {
        const QHash<QString, LinkHint> hints = linkHints(
            {undefined(QStringLiteral("cos")), undefined(QStringLiteral("no_such_symbol_anywhere_42"))}, {});
        QVERIFY(hints.contains(QStringLiteral("cos")));
        QVERIFY(!hints.contains(QStringLiteral("no_such_symbol_anywhere_42")));
        const LinkHint h = hints.value(QStringLiteral("cos"));
        QCOMPARE(h.library, QStringLiteral("libm.so.6"));
        QCOMPARE(h.flag, QStringLiteral("-lm"));
        QVERIFY(!h.ownLibrary);
        QVERIFY(h.text.contains(QLatin1String("add -lm")));
        // The library named really defines it.
        const linklab::test::Run nm
            = run(QStringLiteral("nm"), {QStringLiteral("-D"), QStringLiteral("--defined-only"), h.path});
        QVERIFY(nm.out.contains(" cos@@") || nm.out.contains(" cos\n"));
    }

    void ownLibraryMeansTheOrderRule()
    {
        const QHash<QString, LinkHint> hints
            = linkHints({undefined(QStringLiteral("fixture_add"))}, {QStringLiteral(LINKLAB_FIXTURE_SHARED)});
        const LinkHint h = hints.value(QStringLiteral("fixture_add"));
        QVERIFY(h.ownLibrary);
        QCOMPARE(h.flag, QStringLiteral("-lfixture"));
        QVERIFY2(h.text.contains(QLatin1String("left to right")), qPrintable(h.text));
    }

    void buildSaysWhatToAddAndTheFixWorks()
    {
        QTemporaryDir dir;
        QFile lib(dir.filePath(QStringLiteral("wave.c")));
        QVERIFY(lib.open(QIODevice::WriteOnly));
        lib.write("#include <math.h>\ndouble wave(double x) { return cos(x); }\n");
        lib.close();
        QFile main(dir.filePath(QStringLiteral("main.c")));
        QVERIFY(main.open(QIODevice::WriteOnly));
        main.write("double wave(double);\nint main(void) { return (int)wave(0.0) - 1; }\n");
        main.close();
        const QStringList common {QStringLiteral("build"), QStringLiteral("--kind"), QStringLiteral("static"),
            QStringLiteral("--name"), QStringLiteral("wave"), QStringLiteral("--exe"), QStringLiteral("main.c"),
            QStringLiteral("wave.c")};
        linklab::test::Run r = run(QStringLiteral(LINKLAB_CLI),
            common + QStringList {QStringLiteral("-o"), QStringLiteral("out")}, dir.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("hint: cos is defined in libm.so.6 (") && r.err.contains("add -lm"), r.err.constData());
        r = run(QStringLiteral(LINKLAB_CLI),
            common + QStringList {QStringLiteral("-o"), QStringLiteral("out-json"), QStringLiteral("--json")},
            dir.path());
        QCOMPARE(r.exitCode, 1);
        bool found = false;
        for (const QJsonValue &d : QJsonDocument::fromJson(r.out).object()[QStringLiteral("diagnostics")].toArray()) {
            const QJsonObject hint = d.toObject()[QStringLiteral("hint")].toObject();
            if (hint.isEmpty())
                continue;
            found = true;
            QCOMPARE(hint[QStringLiteral("symbol")].toString(), QStringLiteral("cos"));
            QCOMPARE(hint[QStringLiteral("library")].toString(), QStringLiteral("libm.so.6"));
            QCOMPARE(hint[QStringLiteral("flag")].toString(), QStringLiteral("-lm"));
        }
        QVERIFY(found);
        // The flag it names, added: the build and the program work.
        r = run(QStringLiteral(LINKLAB_CLI),
            common
                + QStringList {QStringLiteral("-o"), QStringLiteral("out-fixed"), QStringLiteral("--ldflags"),
                    QStringLiteral("-lm"), QStringLiteral("--run")},
            dir.path());
        QCOMPARE(r.exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestLinkHints)
#include "tst_linkhints.moc"
