// SPDX-License-Identifier: MIT
// The ar reader: GNU archives with index and long names, BSD "#1/N" names and __.SYMDEF, thin archives, and
// broken archives that must give warnings instead of crashes.
#include "binary/openbinary.h"
#include "fixturepaths.h"

#include <QFile>
#include <QFileInfo>
#include <QTest>

using namespace linklab;

namespace {

QByteArray header(const QByteArray &name, qsizetype size)
{
    QByteArray h = name.leftJustified(16, ' ');
    h += QByteArray("0").leftJustified(12, ' '); // date
    h += QByteArray("0").leftJustified(6, ' '); // uid
    h += QByteArray("0").leftJustified(6, ' '); // gid
    h += QByteArray("644").leftJustified(8, ' ');
    h += QByteArray::number(size).leftJustified(10, ' ');
    h += "`\n";
    return h;
}

QByteArray member(const QByteArray &name, const QByteArray &data)
{
    QByteArray m = header(name, data.size()) + data;
    if (m.size() % 2)
        m += '\n';
    return m;
}

QByteArray readFixture(const char *path)
{
    QFile f(QString::fromUtf8(path));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", path);
    return f.readAll();
}

QByteArray le32(quint32 v)
{
    QByteArray b(4, '\0');
    for (int i = 0; i < 4; ++i)
        b[i] = char((v >> (8 * i)) & 0xff);
    return b;
}

BinaryInfo openData(const QByteArray &bytes)
{
    OpenResult r = openBinaryData(bytes, QStringLiteral("test.a"));
    if (auto *e = std::get_if<OpenError>(&r))
        qFatal("archive not read: %s", qPrintable(e->message));
    return std::get<BinaryInfo>(std::move(r));
}

} // namespace

class TestArchiveReader : public QObject
{
    Q_OBJECT

private slots:
    void gnuArchiveFromAr()
    {
        OpenResult r = openBinary(QStringLiteral(LINKLAB_FIXTURE_STATIC));
        QVERIFY(std::holds_alternative<BinaryInfo>(r));
        const auto &info = std::get<BinaryInfo>(r);
        QCOMPARE(info.kind, BinaryKind::Archive);
        QCOMPARE(info.members.size(), 3);
        QStringList names;
        for (const auto &m : info.members) {
            names << m.name;
            QVERIFY2(m.binary, qPrintable(m.error));
            QCOMPARE(m.binary->kind, BinaryKind::Relocatable);
        }
        QCOMPARE(names,
            (QStringList {
                QStringLiteral("strfix.c.o"), QStringLiteral("mathfix.c.o"), QStringLiteral("cppfix.cpp.o")}));
        QVERIFY(info.hasArchiveIndex);
        QVERIFY(info.archiveIndex.contains(qMakePair(QStringLiteral("fixture_add"), QStringLiteral("mathfix.c.o"))));
        QVERIFY(info.archiveIndex.contains(qMakePair(QStringLiteral("fixture_strlen"), QStringLiteral("strfix.c.o"))));
        QVERIFY(info.warnings.isEmpty());
    }

    void thinArchiveListsPaths()
    {
        OpenResult r = openBinary(QStringLiteral(LINKLAB_FIXTURE_THIN));
        QVERIFY(std::holds_alternative<BinaryInfo>(r));
        const auto &info = std::get<BinaryInfo>(r);
        QCOMPARE(info.kind, BinaryKind::ThinArchive);
        QCOMPARE(info.members.size(), 3);
        for (const auto &m : info.members) {
            QVERIFY2(QFileInfo(m.path).isAbsolute(), qPrintable(m.path));
            QVERIFY2(QFileInfo::exists(m.path), qPrintable(m.path));
            QVERIFY2(m.binary, qPrintable(m.error));
        }
    }

    void gnuLongNames()
    {
        const QByteArray object = readFixture(LINKLAB_FIXTURE_OBJECT);
        const QByteArray names = "a_member_name_longer_than_sixteen.o/\nsecond_long_member_name_here.o/\n";
        const QByteArray ar = "!<arch>\n" + member("//", names) + member("/0", object) + member("/37", object);
        const BinaryInfo info = openData(ar);
        QCOMPARE(info.members.size(), 2);
        QCOMPARE(info.members[0].name, QStringLiteral("a_member_name_longer_than_sixteen.o"));
        QCOMPARE(info.members[1].name, QStringLiteral("second_long_member_name_here.o"));
        QVERIFY(info.members[1].binary);
        QVERIFY(!info.hasArchiveIndex);
    }

    void bsdNamesAndSymdef()
    {
        const QByteArray object = readFixture(LINKLAB_FIXTURE_OBJECT);
        const QByteArray longName = "bsd_style_long_member_name.o";
        // __.SYMDEF: ranlib entries {string index, member header offset}, then the strings.
        const QByteArray strings = QByteArray("fixture_strlen\0", 15);
        const QByteArray symdefName = "__.SYMDEF SORTED";
        const qsizetype symdefSize = 4 + 8 + 4 + strings.size();
        const qsizetype memberOffset = 8 + 60 + symdefName.size() + symdefSize + (symdefName.size() + symdefSize) % 2;
        const QByteArray symdef
            = le32(8) + le32(0) + le32(quint32(memberOffset)) + le32(quint32(strings.size())) + strings;
        const QByteArray ar = "!<arch>\n" + member("#1/" + QByteArray::number(symdefName.size()), symdefName + symdef)
            + member("#1/" + QByteArray::number(longName.size()), longName + object);
        const BinaryInfo info = openData(ar);
        QVERIFY2(info.warnings.isEmpty(), qPrintable(info.warnings.join(u'\n')));
        QCOMPARE(info.members.size(), 1);
        QCOMPARE(info.members[0].name, QString::fromLatin1(longName));
        QCOMPARE(info.members[0].size, quint64(object.size()));
        QVERIFY(info.members[0].binary);
        QVERIFY(info.hasArchiveIndex);
        QCOMPARE(info.archiveIndex.size(), 1);
        QCOMPARE(info.archiveIndex[0].first, QStringLiteral("fixture_strlen"));
        QCOMPARE(info.archiveIndex[0].second, QString::fromLatin1(longName));
    }

    void brokenArchives_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("warning");
        QTest::addColumn<bool>("error"); // nm fails on it (exit status 1): an error, not only a warning
        QTest::addColumn<int>("membersRead");
        const QByteArray object = readFixture(LINKLAB_FIXTURE_OBJECT);
        QByteArray badMagic = member("b.o/", object);
        badMagic[58] = 'X';
        QTest::newRow("bad header magic") << QByteArray("!<arch>\n" + member("a.o/", object) + badMagic)
                                          << QStringLiteral("malformed archive") << true << 1;
        QTest::newRow("bad size digits") << QByteArray("!<arch>\n" + header("a.o/", 4).replace("4 ", "x "))
                                         << QStringLiteral("malformed member header") << false << 0;
        // As nm: the member that runs past the end is read from what there is, and its symbols shown.
        QTest::newRow("size past end") << QByteArray("!<arch>\n" + header("a.o/", 1 << 30) + object)
                                       << QStringLiteral("past the end of the archive") << false << 1;
        QTest::newRow("truncated header") << QByteArray("!<arch>\n" + header("a.o/", 4).first(30))
                                          << QStringLiteral("ends inside a member header") << false << 0;
        QTest::newRow("long name out of range")
            << QByteArray("!<arch>\n" + member("//", "x/\n") + member("/999", object))
            << QStringLiteral("outside the long-name table") << false << 1;
        QTest::newRow("index count too big") << QByteArray("!<arch>\n" + member("/", QByteArray("\xff\xff\xff\xff", 4)))
                                             << QStringLiteral("more than it can hold") << false << 0;
    }
    void brokenArchives()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, warning);
        QFETCH(bool, error);
        QFETCH(int, membersRead);
        const BinaryInfo info = openData(bytes);
        const QString said = (info.errors + info.warnings).join(u'\n');
        QVERIFY2(said.contains(warning), qPrintable(said));
        QCOMPARE(!info.errors.isEmpty(), error);
        QCOMPARE(info.members.size(), membersRead);
        if (QByteArray(QTest::currentDataTag()) == "size past end") {
            QVERIFY(info.members[0].binary);
            QVERIFY(!info.members[0].binary->symbols.isEmpty());
        }
    }

    // Many members pointing at one long-name entry without an end: names are capped and decoded once.
    void longNameTableWithoutEnd()
    {
        QByteArray ar = "!<arch>\n" + member("//", QByteArray(100000, 'x'));
        for (int i = 0; i < 2000; ++i)
            ar += member("/0", QByteArray());
        const BinaryInfo info = openData(ar);
        QCOMPARE(info.members.size(), 2000);
        QCOMPARE(info.members.first().name.size(), 4096);
        QCOMPARE(info.members.last().name.size(), 4096);
    }

    // A thin archive naming one file many times parses it once and shares the result.
    void thinArchiveParsesEachFileOnce()
    {
        const QString target = QStringLiteral(LINKLAB_FIXTURE_SHARED);
        const QByteArray path = QFile::encodeName(target) + "/\n";
        const qint64 size = QFileInfo(target).size();
        QByteArray ar = "!<thin>\n" + member("//", path);
        for (int i = 0; i < 50; ++i)
            ar += header("/0", size);
        OpenResult r = openBinaryData(ar, QStringLiteral("/tmp/amp.a"));
        QVERIFY(std::holds_alternative<BinaryInfo>(r));
        const auto &info = std::get<BinaryInfo>(r);
        QCOMPARE(info.members.size(), 50);
        QVERIFY(info.members.first().binary);
        for (const auto &m : info.members)
            QCOMPARE(m.binary.get(), info.members.first().binary.get());
    }

    void memberThatIsNotElf()
    {
        const BinaryInfo info = openData("!<arch>\n" + member("readme.txt/", "just text\n"));
        QCOMPARE(info.members.size(), 1);
        QVERIFY(!info.members[0].binary);
        QCOMPARE(info.members[0].error, QStringLiteral("text file: not an ELF file"));
    }
};

QTEST_GUILESS_MAIN(TestArchiveReader)
#include "tst_archivereader.moc"
