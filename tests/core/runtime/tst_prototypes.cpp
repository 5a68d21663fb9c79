// SPDX-License-Identifier: MIT
// C prototypes through libclang: system headers, a fixture header written at test time (typedefs, names, variadic,
// structs, function pointers, qualifiers, arrays), bad headers, typed declarations, and the runner's JSON.
#include "runtime/prototypes.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

using namespace linklab;
using namespace Qt::StringLiterals;

namespace {

const QString mathHeader = u"/usr/include/math.h"_s;

// The fixture header; `line` of each declaration is checked below, so keep the order.
const QByteArray fixtureText = R"(#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "inner.h"
typedef unsigned long my_size;
struct point { int x, y; };
typedef struct { int a; } anon_t;
typedef int (*cmp_fn)(const void *, const void *);
typedef int fn_t(int);
my_size f(const char *s, my_size n);
int add(int, int b);
int printf(const char *, ...);
double norm(struct point p);
void sort(void *base, size_t n, int (*cmp)(const void *, const void *));
void sort2(cmp_fn cmp);
char *copy(char *restrict dst, const char *restrict src);
void fill(int v[4], const int n);
int counter();
int nothing(void);
uint8_t *bytes(uint8_t *p, bool b);
void (*handler(int sig, void (*h)(int)))(int);
anon_t make(anon_t v);
fn_t twice;
int add(int a, int b);
#warning "a warning is kept, not fatal"
#pragma once
)";

QStringList writtenTypes(const CPrototype &p)
{
    QStringList types;
    for (const CParameter &param : p.params)
        types.append(param.type);
    return types;
}

QStringList canonicalTypes(const CPrototype &p)
{
    QStringList types;
    for (const CParameter &param : p.params)
        types.append(param.canonical);
    return types;
}

QStringList names(const CPrototype &p)
{
    QStringList list;
    for (const CParameter &param : p.params)
        list.append(param.name);
    return list;
}

} // namespace

class TestPrototypes : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_header;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_header = m_dir.filePath(u"lib.h"_s);
        QVERIFY(test::writeFile(m_header, fixtureText));
        QVERIFY(test::writeFile(m_dir.filePath(u"include/inner.h"_s), "int inner_function(long x);\n"));
    }

    void mathHeaderHasLibm()
    {
        QElapsedTimer timer;
        timer.start();
        const Result<PrototypeSet> set = prototypesFromHeader(mathHeader);
        QVERIFY2(set.ok(), qPrintable(set.reason()));
        qInfo("math.h: %lld functions in %lld ms", qlonglong(set->functions.size()), timer.elapsed());

        const CPrototype *cos = set->find(u"cos"_s);
        QVERIFY(cos);
        QCOMPARE(cos->returnType, u"double"_s);
        QCOMPARE(cos->returnCanonical, u"double"_s);
        QCOMPARE(canonicalTypes(*cos), QStringList {u"double"_s});
        QVERIFY(!cos->variadic);
        // Declared by a macro in bits/mathcalls.h, which math.h includes: the place is where the macro was used.
        QVERIFY2(cos->file.endsWith(u"/mathcalls.h"_s), qPrintable(cos->file));
        QVERIFY(cos->line > 0);

        const CPrototype *pow = set->find(u"pow"_s);
        QVERIFY(pow);
        QCOMPARE(canonicalTypes(*pow), (QStringList {u"double"_s, u"double"_s}));
        QCOMPARE(names(*pow).size(), 2);

        const CPrototype *frexp = set->find(u"frexp"_s);
        QVERIFY(frexp);
        QCOMPARE(frexp->returnCanonical, u"double"_s);
        QCOMPARE(canonicalTypes(*frexp), (QStringList {u"double"_s, u"int *"_s}));

        QCOMPARE(set->find(u"no_such_function"_s), nullptr);
        QVERIFY(set->diagnostics.isEmpty());
    }

    void fixtureHeader_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("declaration");
        QTest::addColumn<QString>("returnType");
        QTest::addColumn<QString>("returnCanonical");
        QTest::addColumn<QStringList>("written");
        QTest::addColumn<QStringList>("canonical");
        QTest::addColumn<QStringList>("paramNames");
        QTest::addColumn<bool>("variadic");
        QTest::addColumn<int>("line");

        QTest::newRow("typedef") << u"f"_s << u"my_size f(const char *s, my_size n)"_s << u"my_size"_s
                                 << u"unsigned long"_s << QStringList {u"const char *"_s, u"my_size"_s}
                                 << QStringList {u"const char *"_s, u"unsigned long"_s} << QStringList {u"s"_s, u"n"_s}
                                 << false << 10;
        // Declared twice: the first declaration wins, with its missing name.
        QTest::newRow("missing name") << u"add"_s << u"int add(int, int b)"_s << u"int"_s << u"int"_s
                                      << QStringList {u"int"_s, u"int"_s} << QStringList {u"int"_s, u"int"_s}
                                      << QStringList {QString(), u"b"_s} << false << 11;
        QTest::newRow("variadic") << u"printf"_s << u"int printf(const char *, ...)"_s << u"int"_s << u"int"_s
                                  << QStringList {u"const char *"_s} << QStringList {u"const char *"_s}
                                  << QStringList {QString()} << true << 12;
        QTest::newRow("struct by value") << u"norm"_s << u"double norm(struct point p)"_s << u"double"_s << u"double"_s
                                         << QStringList {u"struct point"_s} << QStringList {u"struct point"_s}
                                         << QStringList {u"p"_s} << false << 13;
        QTest::newRow("function pointer")
            << u"sort"_s << u"void sort(void *base, size_t n, int (*cmp)(const void *, const void *))"_s << u"void"_s
            << u"void"_s << QStringList {u"void *"_s, u"size_t"_s, u"int (*)(const void *, const void *)"_s}
            << QStringList {u"void *"_s, u"unsigned long"_s, u"int (*)(const void *, const void *)"_s}
            << QStringList {u"base"_s, u"n"_s, u"cmp"_s} << false << 14;
        QTest::newRow("function pointer typedef")
            << u"sort2"_s << u"void sort2(cmp_fn cmp)"_s << u"void"_s << u"void"_s << QStringList {u"cmp_fn"_s}
            << QStringList {u"int (*)(const void *, const void *)"_s} << QStringList {u"cmp"_s} << false << 15;
        // A parameter's own qualifiers are not part of the function's type: the runner sees "char *".
        QTest::newRow("restrict") << u"copy"_s << u"char *copy(char *restrict dst, const char *restrict src)"_s
                                  << u"char *"_s << u"char *"_s
                                  << QStringList {u"char *restrict"_s, u"const char *restrict"_s}
                                  << QStringList {u"char *"_s, u"const char *"_s} << QStringList {u"dst"_s, u"src"_s}
                                  << false << 16;
        // An array parameter is the pointer C passes.
        QTest::newRow("array and const") << u"fill"_s << u"void fill(int v[4], const int n)"_s << u"void"_s << u"void"_s
                                         << QStringList {u"int[4]"_s, u"const int"_s}
                                         << QStringList {u"int *"_s, u"int"_s} << QStringList {u"v"_s, u"n"_s} << false
                                         << 17;
        QTest::newRow("old style") << u"counter"_s << u"int counter()"_s << u"int"_s << u"int"_s << QStringList {}
                                   << QStringList {} << QStringList {} << false << 18;
        QTest::newRow("void") << u"nothing"_s << u"int nothing(void)"_s << u"int"_s << u"int"_s << QStringList {}
                              << QStringList {} << QStringList {} << false << 19;
        QTest::newRow("stdint and bool") << u"bytes"_s << u"uint8_t *bytes(uint8_t *p, _Bool b)"_s << u"uint8_t *"_s
                                         << u"unsigned char *"_s << QStringList {u"uint8_t *"_s, u"_Bool"_s}
                                         << QStringList {u"unsigned char *"_s, u"_Bool"_s}
                                         << QStringList {u"p"_s, u"b"_s} << false << 20;
        QTest::newRow("returns a function pointer")
            << u"handler"_s << u"void (*handler(int sig, void (*h)(int)))(int)"_s << u"void (*)(int)"_s
            << u"void (*)(int)"_s << QStringList {u"int"_s, u"void (*)(int)"_s}
            << QStringList {u"int"_s, u"void (*)(int)"_s} << QStringList {u"sig"_s, u"h"_s} << false << 21;
        // clang names an anonymous struct by its typedef even canonically: a runner must refuse names it does not
        // know rather than look for "struct".
        QTest::newRow("anonymous struct")
            << u"make"_s << u"anon_t make(anon_t v)"_s << u"anon_t"_s << u"anon_t"_s << QStringList {u"anon_t"_s}
            << QStringList {u"anon_t"_s} << QStringList {u"v"_s} << false << 22;
        QTest::newRow("function typedef")
            << u"twice"_s << u"int twice(int)"_s << u"int"_s << u"int"_s << QStringList {u"int"_s}
            << QStringList {u"int"_s} << QStringList {QString()} << false << 23;
    }

    void fixtureHeader()
    {
        QFETCH(QString, name);
        QFETCH(QString, declaration);
        QFETCH(QString, returnType);
        QFETCH(QString, returnCanonical);
        QFETCH(QStringList, written);
        QFETCH(QStringList, canonical);
        QFETCH(QStringList, paramNames);
        QFETCH(bool, variadic);
        QFETCH(int, line);

        const Result<PrototypeSet> set = prototypesFromHeader(m_header, {m_dir.filePath(u"include"_s)});
        QVERIFY2(set.ok(), qPrintable(set.reason()));
        const CPrototype *p = set->find(name);
        QVERIFY(p);
        QCOMPARE(p->declaration, declaration);
        QCOMPARE(p->returnType, returnType);
        QCOMPARE(p->returnCanonical, returnCanonical);
        QCOMPARE(writtenTypes(*p), written);
        QCOMPARE(canonicalTypes(*p), canonical);
        QCOMPARE(names(*p), paramNames);
        QCOMPARE(p->variadic, variadic);
        QCOMPARE(p->file, m_header);
        QCOMPARE(p->line, line);
    }

    void fixtureHeaderWhole()
    {
        const Result<PrototypeSet> set = prototypesFromHeader(m_header, {m_dir.filePath(u"include"_s)});
        QVERIFY2(set.ok(), qPrintable(set.reason()));
        // What the header includes is listed too, with the file it came from.
        const CPrototype *inner = set->find(u"inner_function"_s);
        QVERIFY(inner);
        QCOMPARE(inner->declaration, u"int inner_function(long x)"_s);
        QCOMPARE(inner->file, m_dir.filePath(u"include/inner.h"_s));
        QCOMPARE(inner->line, 1);
        // Each name once, in the order of the header.
        QStringList listed;
        for (const CPrototype &p : set->functions)
            listed.append(p.name);
        QCOMPARE(listed,
            (QStringList {u"inner_function"_s, u"f"_s, u"add"_s, u"printf"_s, u"norm"_s, u"sort"_s, u"sort2"_s,
                u"copy"_s, u"fill"_s, u"counter"_s, u"nothing"_s, u"bytes"_s, u"handler"_s, u"make"_s, u"twice"_s}));
        // A warning is kept, as clang writes it, and does not fail the parse; a header's "#pragma once" is no
        // warning although the header is what clang parses.
        QCOMPARE(set->diagnostics, QStringList {m_header + u":25:2: warning: \"a warning is kept, not fatal\""_s});
    }

    void sourceFile()
    {
        // A project's own source after a build: bodies are skipped, static helpers listed too.
        const QString source = m_dir.filePath(u"ops.c"_s);
        QVERIFY(test::writeFile(source,
            "static int twice(int a) { return a * 2; }\n"
            "int ops_add(int a, int b) { int s = twice(a) / 2; return s + b; }\n"));
        const Result<PrototypeSet> set = prototypesFromHeader(source);
        QVERIFY2(set.ok(), qPrintable(set.reason()));
        QCOMPARE(set->functions.size(), 2);
        QCOMPARE(set->functions[1].declaration, u"int ops_add(int a, int b)"_s);
        QCOMPARE(set->functions[1].line, 2);
    }

    void badHeader_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected"); // after "<path>:"
        QTest::newRow("unknown type") << QByteArray("int ok(int);\n\nunknown_t oops(int);\n")
                                      << u"3:1: error: unknown type name 'unknown_t'"_s;
        QTest::newRow("missing include") << QByteArray("int ok(int);\n#include \"nowhere.h\"\n")
                                         << u"2:10: fatal error: 'nowhere.h' file not found"_s;
        QTest::newRow("unclosed parameter list")
            << QByteArray("int ok(int);\nint broken(int x;\n") << u"2:17: error: expected ')'"_s;
    }

    void badHeader()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        const QString path = m_dir.filePath(u"bad.h"_s);
        QVERIFY(test::writeFile(path, text));
        const Result<PrototypeSet> set = prototypesFromHeader(path);
        QVERIFY(!set.ok());
        // clang's own words, each error on a line of its own.
        QCOMPARE(set.reason().split(u'\n').first(), path + u':' + expected);
    }

    void unreadableFile()
    {
        const QString absent = m_dir.filePath(u"absent.h"_s);
        const Result<PrototypeSet> missing = prototypesFromHeader(absent);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.reason(), u"cannot read "_s + absent + u": No such file or directory"_s);

        const Result<PrototypeSet> folder = prototypesFromHeader(m_dir.path());
        QVERIFY(!folder.ok());
        QVERIFY2(folder.reason().startsWith(u"cannot read "_s + m_dir.path() + u": "_s), qPrintable(folder.reason()));
    }

    void severalThreadsAtOnce()
    {
        // The GUI parses on worker threads; every call has its own index.
        const QStringList headers {mathHeader, m_header, mathHeader, m_header};
        const QList<qsizetype> counts = QtConcurrent::blockingMapped(headers, [this](const QString &header) {
            const Result<PrototypeSet> set = prototypesFromHeader(header, {m_dir.filePath(u"include"_s)});
            return set.ok() ? set->functions.size() : qsizetype(-1);
        });
        QVERIFY(counts[0] > 100);
        QCOMPARE(counts[2], counts[0]);
        QCOMPARE(counts[1], qsizetype(15));
        QCOMPARE(counts[3], qsizetype(15));
    }

    void typedDeclaration_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("declaration");
        QTest::addColumn<QString>("returnCanonical");
        QTest::addColumn<QStringList>("canonical");
        QTest::addColumn<QStringList>("paramNames");
        QTest::addColumn<bool>("variadic");
        QTest::newRow("pow") << u"double pow(double x, double y)"_s << u"pow"_s << u"double pow(double x, double y)"_s
                             << u"double"_s << QStringList {u"double"_s, u"double"_s} << QStringList {u"x"_s, u"y"_s}
                             << false;
        QTest::newRow("strlen") << u"size_t strlen(const char *s)"_s << u"strlen"_s << u"size_t strlen(const char *s)"_s
                                << u"unsigned long"_s << QStringList {u"const char *"_s} << QStringList {u"s"_s}
                                << false;
        QTest::newRow("semicolon, no names")
            << u"  int add(int, int);  "_s << u"add"_s << u"int add(int, int)"_s << u"int"_s
            << QStringList {u"int"_s, u"int"_s} << QStringList {QString(), QString()} << false;
        QTest::newRow("sys/types and stdint") << u"ssize_t f(int32_t n, bool b, uint64_t *out)"_s << u"f"_s
                                              << u"ssize_t f(int32_t n, _Bool b, uint64_t *out)"_s << u"long"_s
                                              << QStringList {u"int"_s, u"_Bool"_s, u"unsigned long *"_s}
                                              << QStringList {u"n"_s, u"b"_s, u"out"_s} << false;
        QTest::newRow("variadic") << u"int printf(const char *format, ...)"_s << u"printf"_s
                                  << u"int printf(const char *format, ...)"_s << u"int"_s
                                  << QStringList {u"const char *"_s} << QStringList {u"format"_s} << true;
        QTest::newRow("definition") << u"int add(int a, int b) { return a + b; }"_s << u"add"_s
                                    << u"int add(int a, int b)"_s << u"int"_s << QStringList {u"int"_s, u"int"_s}
                                    << QStringList {u"a"_s, u"b"_s} << false;
    }

    void typedDeclaration()
    {
        QFETCH(QString, typed);
        QFETCH(QString, name);
        QFETCH(QString, declaration);
        QFETCH(QString, returnCanonical);
        QFETCH(QStringList, canonical);
        QFETCH(QStringList, paramNames);
        QFETCH(bool, variadic);
        const Result<CPrototype> p = prototypeFromDeclaration(typed);
        QVERIFY2(p.ok(), qPrintable(p.reason()));
        QCOMPARE(p->name, name);
        QCOMPARE(p->declaration, declaration);
        QCOMPARE(p->returnCanonical, returnCanonical);
        QCOMPARE(canonicalTypes(*p), canonical);
        QCOMPARE(names(*p), paramNames);
        QCOMPARE(p->variadic, variadic);
        QCOMPARE(p->file, QString());
        QCOMPARE(p->line, 0);
    }

    void typedDeclarationFails_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("reason");
        QTest::newRow("variable") << u"int x;"_s << u"not a function declaration"_s;
        QTest::newRow("function pointer variable") << u"int (*fp)(int)"_s << u"not a function declaration"_s;
        QTest::newRow("typedef") << u"typedef int fn(int);"_s << u"not a function declaration"_s;
        QTest::newRow("empty") << u"   "_s << u"not a function declaration"_s;
        QTest::newRow("garbage") << u"this is not C ("_s << u"<declaration>:1:1: error: unknown type name 'this'"_s;
        QTest::newRow("unclosed") << u"double pow(double x, double y"_s << u"<declaration>:1:30: error: expected ')'"_s;
        QTest::newRow("unknown type") << u"foo_t f(void)"_s << u"<declaration>:1:1: error: unknown type name 'foo_t'"_s;
    }

    void typedDeclarationFails()
    {
        QFETCH(QString, typed);
        QFETCH(QString, reason);
        const Result<CPrototype> p = prototypeFromDeclaration(typed);
        QVERIFY(!p.ok());
        QCOMPARE(p.reason().split(u'\n').first(), reason);
    }

    void runnerJson()
    {
        const Result<CPrototype> p = prototypeFromDeclaration(u"size_t copy(char *dst, const char *, size_t n)"_s);
        QVERIFY2(p.ok(), qPrintable(p.reason()));
        const QJsonObject expected {
            {u"name"_s, u"copy"_s},
            {u"return"_s, u"unsigned long"_s},
            {u"return_written"_s, u"size_t"_s},
            {u"params"_s,
                QJsonArray {
                    QJsonObject {{u"name"_s, u"dst"_s}, {u"type"_s, u"char *"_s}, {u"written"_s, u"char *"_s}},
                    QJsonObject {{u"name"_s, u""_s}, {u"type"_s, u"const char *"_s}, {u"written"_s, u"const char *"_s}},
                    QJsonObject {{u"name"_s, u"n"_s}, {u"type"_s, u"unsigned long"_s}, {u"written"_s, u"size_t"_s}},
                }},
            {u"variadic"_s, false},
        };
        QCOMPARE(toRunnerJson(*p), expected);

        const Result<CPrototype> printf = prototypeFromDeclaration(u"int printf(const char *format, ...)"_s);
        QVERIFY(printf.ok());
        const QJsonObject json = toRunnerJson(*printf);
        QCOMPARE(json.keys(), (QStringList {u"name"_s, u"params"_s, u"return"_s, u"return_written"_s, u"variadic"_s}));
        QCOMPARE(json[u"variadic"_s], QJsonValue(true));
    }
};

QTEST_GUILESS_MAIN(TestPrototypes)
#include "tst_prototypes.moc"
