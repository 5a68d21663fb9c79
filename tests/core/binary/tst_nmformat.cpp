// SPDX-License-Identifier: MIT
// nm's type letters and line format, on hand-made symbol tables where each rule of bfd_decode_symclass is visible.
#include "binary/binaryinfo.h"
#include "binary/demangle.h"
#include "binary/nmformat.h"

#include <QTest>

using namespace linklab;

namespace {

SectionInfo section(int index, const char *name, std::uint32_t type, std::uint64_t flags)
{
    SectionInfo s;
    s.index = index;
    s.name = QString::fromLatin1(name);
    s.type = type;
    s.flags = flags;
    return s;
}

BinaryInfo sampleBinary()
{
    BinaryInfo b;
    b.elfClass = 64;
    b.machine = 62;
    constexpr std::uint32_t PROGBITS = 1, NOBITS = 8;
    constexpr std::uint64_t W = 1, A = 2, X = 4, MS = 0x30;
    b.sections = {section(0, "", 0, 0), section(1, ".text", PROGBITS, A | X), section(2, ".data", PROGBITS, W | A),
        section(3, ".bss", NOBITS, W | A), section(4, ".rodata", PROGBITS, A), section(5, ".debug_info", PROGBITS, 0),
        section(6, ".comment", PROGBITS, MS), section(7, ".tbss", NOBITS, W | A | 0x400),
        section(8, ".idata$2", PROGBITS, W | A), section(9, ".dynsym", 11, A), section(10, ".symtab", 2, 0)};
    return b;
}

SymbolInfo symbol(std::uint8_t bind, std::uint8_t type, std::uint16_t shndx, const char *name = "s")
{
    SymbolInfo s;
    s.index = 1;
    s.name = QString::fromLatin1(name);
    s.bind = bind;
    s.type = type;
    s.sectionIndex = shndx;
    return s;
}

} // namespace

class TestNmFormat : public QObject
{
    Q_OBJECT

private slots:
    void letters_data()
    {
        QTest::addColumn<int>("bind");
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("shndx");
        QTest::addColumn<char>("letter");
        enum { LOCAL = 0, GLOBAL = 1, WEAK = 2, UNIQUE = 10 };
        enum { NOTYPE = 0, OBJECT = 1, FUNC = 2, TLS = 6, IFUNC = 10 };
        QTest::newRow("global text") << int(GLOBAL) << int(FUNC) << 1 << 'T';
        QTest::newRow("local text") << int(LOCAL) << int(FUNC) << 1 << 't';
        QTest::newRow("global data") << int(GLOBAL) << int(OBJECT) << 2 << 'D';
        QTest::newRow("local bss") << int(LOCAL) << int(OBJECT) << 3 << 'b';
        QTest::newRow("global rodata") << int(GLOBAL) << int(OBJECT) << 4 << 'R';
        QTest::newRow("debug section") << int(LOCAL) << int(NOTYPE) << 5 << 'N';
        QTest::newRow("read-only non-alloc") << int(LOCAL) << int(NOTYPE) << 6 << 'n';
        QTest::newRow("tls bss") << int(GLOBAL) << int(TLS) << 7 << 'B';
        QTest::newRow("pe idata name") << int(GLOBAL) << int(OBJECT) << 8 << 'I';
        QTest::newRow("absolute") << int(GLOBAL) << int(OBJECT) << 0xfff1 << 'A';
        QTest::newRow("local absolute") << int(LOCAL) << int(NOTYPE) << 0xfff1 << 'a';
        QTest::newRow("common") << int(GLOBAL) << int(OBJECT) << 0xfff2 << 'C';
        QTest::newRow("undefined") << int(GLOBAL) << int(FUNC) << 0 << 'U';
        QTest::newRow("weak undefined") << int(WEAK) << int(FUNC) << 0 << 'w';
        QTest::newRow("weak undefined object") << int(WEAK) << int(OBJECT) << 0 << 'v';
        QTest::newRow("weak defined") << int(WEAK) << int(FUNC) << 1 << 'W';
        QTest::newRow("weak defined object") << int(WEAK) << int(OBJECT) << 2 << 'V';
        QTest::newRow("ifunc") << int(GLOBAL) << int(IFUNC) << 1 << 'i';
        QTest::newRow("unique") << int(UNIQUE) << int(OBJECT) << 2 << 'u';
        QTest::newRow("os-specific binding") << 11 << int(FUNC) << 1 << '?';
        QTest::newRow("bad section index") << int(GLOBAL) << int(FUNC) << 500 << 'A';
    }
    void letters()
    {
        QFETCH(int, bind);
        QFETCH(int, type);
        QFETCH(int, shndx);
        QFETCH(char, letter);
        const BinaryInfo b = sampleBinary();
        QCOMPARE(nmTypeLetter(symbol(std::uint8_t(bind), std::uint8_t(type), std::uint16_t(shndx)), b), letter);
    }

    // nm -C's demangling (binutils' bfd_demangle over libiberty), on names where __cxa_demangle differs or
    // where prefixes and versions must be set aside and put back.
    void demangling_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain C") << QStringLiteral("main") << QStringLiteral("main");
        QTest::newRow("function") << QStringLiteral("_ZN7fixture5scaleEii")
                                  << QStringLiteral("fixture::scale(int, int)");
        QTest::newRow("_Float16 typeinfo") << QStringLiteral("_ZTIDF16_") << QStringLiteral("typeinfo for _Float16");
        QTest::newRow("version kept")
            << QStringLiteral("_ZNSaIcEC1ERKS_@GLIBCXX_3.4")
            << QStringLiteral("std::allocator<char>::allocator(std::allocator<char> const&)@GLIBCXX_3.4");
        QTest::newRow("ppc64 dot symbol")
            << QStringLiteral("._ZN7fixture5scaleEii") << QStringLiteral(".fixture::scale(int, int)");
        QTest::newRow("not mangled after dot") << QStringLiteral(".foo") << QStringLiteral(".foo");
        QTest::newRow("only a version") << QStringLiteral("@@V1") << QStringLiteral("@@V1");
    }
    void demangling()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        QCOMPARE(demangle(name), expected);
    }

    void linesFormatSortAndVersions()
    {
        BinaryInfo b = sampleBinary();
        b.elfClass = 32;
        auto add = [&](SymbolInfo s, std::uint64_t value, SymbolTable table = SymbolTable::Dynamic) {
            s.table = table;
            s.index = int(b.symbols.size()) + 1;
            s.value = value;
            s.nm = nmTypeLetter(s, b);
            b.symbols.append(s);
        };
        SymbolInfo vHidden = symbol(1, 2, 1, "func");
        vHidden.version = QStringLiteral("V_1.2");
        vHidden.versionHidden = true;
        SymbolInfo vDefault = symbol(1, 2, 1, "func");
        vDefault.version = QStringLiteral("V_1.0");
        SymbolInfo common = symbol(1, 1, 0xfff2, "buf");
        common.size = 0x64;
        SymbolInfo undefinedVersioned = symbol(1, 2, 0, "puts");
        undefinedVersioned.version = QStringLiteral("GLIBC_2.2.5");
        undefinedVersioned.versionHidden = false; // nm still prints '@' for an undefined symbol
        add(vHidden, 0x20);
        add(vDefault, 0x10);
        add(common, 0x20);
        add(undefinedVersioned, 0);
        add(symbol(0, 3, 1, ".text"), 0); // section symbols are only listed by nm -a
        add(symbol(1, 2, 1, "static_only"), 0x30, SymbolTable::Static);

        NmOptions options;
        options.dynamic = true;
        QCOMPARE(nmLines(b, options),
            QByteArray("00000064 C buf\n"
                       "00000020 T func@V_1.2\n"
                       "00000010 T func@@V_1.0\n"
                       "         U puts@GLIBC_2.2.5\n"));
        options.undefinedOnly = true;
        QCOMPARE(nmLines(b, options), QByteArray("         U puts@GLIBC_2.2.5\n"));
        options.undefinedOnly = false;
        options.definedOnly = true;
        QCOMPARE(nmSymbols(b, options).size(), 3);
        options.dynamic = false;
        QCOMPARE(nmLines(b, options), QByteArray("00000030 T static_only\n"));

        // nm finds tables through their section headers: without a .dynsym section header, -D lists nothing.
        b.sections.removeAt(9);
        options.dynamic = true;
        QVERIFY(!nmHasSymbols(b, true));
        QVERIFY(nmLines(b, options).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestNmFormat)
#include "tst_nmformat.moc"
