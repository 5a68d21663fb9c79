// SPDX-License-Identifier: MIT
// JsonWriter prints what QJsonDocument prints: every string escaped the same way (quotes, backslashes, control
// characters, non-ASCII), numbers, booleans, null, nesting. And the dependency graphs written straight are the
// bytes QJsonDocument prints for them, on real programs of this machine.
#include "deps/dependencygraph.h"
#include "deps/resolver.h"
#include "support/jsonwriter.h"
#include "support/utf8.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace linklab;

class TestJsonWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // appendUtf8 (the tree and JSON outputs) gives the bytes QString::toUtf8 gives: ASCII runs, then anything
    // after the first non-ASCII character (two- and three-byte forms, surrogate pairs, a lone surrogate).
    void utf8IsWrittenAsQtWritesIt()
    {
        QStringList samples {QString(), QStringLiteral("/lib/x86_64-linux-gnu/libc.so.6"), QStringLiteral("é"),
            QStringLiteral("/tmp/ünïcödé/lib✓.so"), QStringLiteral("emoji 😀 at the end 😀"),
            QStringLiteral("abc") + QChar(0xd800) + QStringLiteral("def"), QString(QChar(0xdc00)) + u'x'};
        QRandomGenerator rng(6122026);
        for (int i = 0; i < 500; ++i) {
            QString s;
            const int ascii = int(rng.bounded(0, 40));
            for (int k = 0; k < ascii; ++k)
                s += QChar(char16_t(rng.bounded(0, 0x80)));
            for (int k = int(rng.bounded(0, 4)); k > 0; --k)
                s += QChar(char16_t(rng.bounded(0x80, 0x10000)));
            for (int k = int(rng.bounded(0, 10)); k > 0; --k)
                s += QChar(char16_t(rng.bounded(0, 0x80)));
            samples << s;
        }
        QByteArray out = "prefix:";
        QByteArray expected = "prefix:";
        for (const QString &s : std::as_const(samples)) {
            QByteArray one;
            appendUtf8(one, s);
            QCOMPARE(one, s.toUtf8());
            appendUtf8(out, s);
            expected += s.toUtf8();
        }
        QCOMPARE(out, expected);
    }

    void stringsAreEscapedAsQtEscapesThem()
    {
        QStringList samples {QString(), QStringLiteral("plain"), QStringLiteral("quote \" and \\ backslash"),
            QStringLiteral("tab\tnew\nline\rcr\bbs\fff"), QStringLiteral("/slash/ $ORIGIN ${LIB}"),
            QStringLiteral("ünïcödé ✓ 😀"), QString(QChar(0x7f)) + QChar(0x1f) + QChar(0x01) + QChar(0x00)};
        QRandomGenerator rng(20261206);
        // Printable ASCII with one character to escape (or a non-ASCII one) anywhere: before, inside and after the
        // eight-unit steps of the fast path.
        const QString special = QStringLiteral("\"\\\n\t\x01\x1fé✓");
        for (int length = 0; length < 40; ++length) {
            for (int k = 0; k < 3; ++k) {
                QString s;
                for (int j = 0; j < length; ++j)
                    s += QChar(char16_t(rng.bounded(0x20, 0x7f)));
                s.replace(u'"', u'x').replace(u'\\', u'y');
                samples << s;
                if (length > 0)
                    s[int(rng.bounded(length))] = special[int(rng.bounded(special.size()))];
                samples << s;
            }
        }
        for (int i = 0; i < 200; ++i) {
            QString s;
            for (int k = 0; k < 12; ++k)
                s += QChar(char16_t(rng.bounded(0, 0xd7ff)));
            for (int k = 0; k < 6; ++k)
                s += QChar(char16_t(rng.bounded(0, 0x80)));
            samples << s;
        }
        std::string text;
        JsonWriter w(text);
        w.beginObject();
        w.key("a");
        w.value(samples);
        w.key("b");
        w.value(qint64(-1234567890123));
        w.key("c");
        w.null();
        w.key("d");
        w.beginArray();
        w.value(true);
        w.value(false);
        w.beginObject();
        w.endObject();
        w.beginArray();
        w.endArray();
        w.value(0);
        w.endArray();
        w.endObject();
        const QByteArray out = QByteArray::fromStdString(text);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(out, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(doc.object().value(u"a").toArray().size(), samples.size());
        for (qsizetype i = 0; i < samples.size(); ++i)
            QCOMPARE(doc.object().value(u"a").toArray().at(i).toString(), samples[i]);
        QCOMPARE(doc.toJson(QJsonDocument::Compact), out);
    }

    void graphsAreTheBytesQtWouldPrint()
    {
        DependencyResolver resolver(LoaderConfig::forThisMachine());
        int graphs = 0;
        QDirIterator it(QStringLiteral("/usr/bin"), QDir::Files);
        while (it.hasNext() && graphs < 60) {
            const Result<DependencyGraph> graph = resolver.resolve(it.next());
            if (!graph || graph->nodes.size() < 2)
                continue;
            ++graphs;
            const QByteArray written = dependencyGraphJson(*graph);
            QCOMPARE(QJsonDocument::fromJson(written).toJson(QJsonDocument::Compact), written);
            const QJsonObject o = QJsonDocument::fromJson(written).object();
            QCOMPARE(o.value(u"nodes").toArray().size(), graph->nodes.size());
            QCOMPARE(o.value(u"edges").toArray().size(), graph->edges.size());
        }
        QVERIFY(graphs >= 20);
    }
};

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
