// SPDX-License-Identifier: MIT
// The runner's logic in this process: type spellings, argument checks, every C type called through libffi and
// compared with what C computes, arrays and buffers, refusals, and the protocol's requests and errors. (What a
// library does to its process — crash, hang, exit — is tst_runnerclient's, with a real runner.)
#include "fixturepaths.h"
#include "runner/callengine.h"
#include "runner/ctype.h"
#include "runner/server.h"

#include <QTest>

#include <dlfcn.h>

#include <climits>
#include <cmath>
#include <cstdint>

using linklab::runner::CType;
using linklab::runner::Scalar;
using linklab::runner::Server;
using json = nlohmann::json;

// QCOMPARE cannot take nlohmann::json (its conversions make QTest's overloads ambiguous).
#define COMPARE_JSON(actual, expected)                                                                                 \
    do {                                                                                                               \
        const json a_ = (actual), e_ = (expected);                                                                     \
        QVERIFY2(a_ == e_, (a_.dump() + " != " + e_.dump()).c_str());                                                  \
    } while (false)

namespace {

json proto(const std::string &ret, std::initializer_list<std::string> types, const std::string &name = "f")
{
    json params = json::array();
    for (const std::string &t : types)
        params.push_back({{"name", ""}, {"type", t}});
    return {{"name", name}, {"return", ret}, {"params", params}, {"variadic", false}};
}

// The rows of refusedBeforeCalling (outside the class: moc does not follow these raw strings).
void refusalRows()
{
    QTest::addColumn<QByteArray>("prototype");
    QTest::addColumn<QByteArray>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("int too big") << QByteArray(R"({"return":"int","params":[{"type":"int"},{"type":"int"}]})")
                                 << QByteArray(R"(["2147483648", 1])")
                                 << "argument 1: '2147483648' is out of range for int (-2147483648 to 2147483647)";
    QTest::newRow("unsigned negative") << QByteArray(
        R"({"return":"int","params":[{"name":"x","type":"unsigned int"}]})")
                                       << QByteArray(R"([-1])")
                                       << "argument 1 (x): '-1' is out of range for unsigned int (0 to 4294967295)";
    QTest::newRow("char 300") << QByteArray(R"({"return":"char","params":[{"type":"char"}]})") << QByteArray(R"([300])")
                              << "out of range for char";
    QTest::newRow("not a number") << QByteArray(R"({"return":"int","params":[{"type":"int"}]})")
                                  << QByteArray(R"(["twelve"])") << "'twelve' is not a number";
    QTest::newRow("fraction for int") << QByteArray(R"({"return":"int","params":[{"type":"int"}]})")
                                      << QByteArray(R"([1.5])") << "is not a whole number";
    QTest::newRow("too few") << QByteArray(R"({"name":"add","return":"int","params":[{"type":"int"},{"type":"int"}]})")
                             << QByteArray(R"([1])") << "add takes 2 arguments, 1 given";
    QTest::newRow("variadic") << QByteArray(
        R"({"name":"printf","return":"int","params":[{"type":"const char *"}],"variadic":true})")
                              << QByteArray(R"(["x"])") << "printf is variadic";
    QTest::newRow("struct by value") << QByteArray(R"({"return":"int","params":[{"type":"struct point"}]})")
                                     << QByteArray(R"([1])") << "structs passed by value are not supported yet";
    QTest::newRow("function pointer") << QByteArray(R"x({"return":"int","params":[{"type":"int (*)(int)"}]})x")
                                      << QByteArray(R"([null])") << "function pointers are not supported yet";
    QTest::newRow("long double return") << QByteArray(R"({"return":"long double","params":[]})") << QByteArray(R"([])")
                                        << "long double is not supported yet";
    QTest::newRow("bad array") << QByteArray(R"({"return":"void","params":[{"type":"int *"}]})")
                               << QByteArray(R"(["[1, 2"])") << "is not a valid array";
    QTest::newRow("array element") << QByteArray(R"({"return":"void","params":[{"type":"short *"}]})")
                                   << QByteArray(R"([[1, 99999]])") << "element 1: '99999' is out of range for short";
    QTest::newRow("string for struct pointer") << QByteArray(R"({"return":"void","params":[{"type":"struct s *"}]})")
                                               << QByteArray(R"(["hello"])") << "takes null or an address";
    QTest::newRow("number for string") << QByteArray(R"({"return":"int","params":[{"type":"const char *"}]})")
                                       << QByteArray(R"([12])") << "is not a string";
    QTest::newRow("no prototype") << QByteArray("null") << QByteArray("[]") << "no prototype";
}

} // namespace

class TestRunnerServer : public QObject
{
    Q_OBJECT

    Server m_server;
    std::int64_t m_handle = 0;

    json call(const std::string &symbol, const json &prototype, const json &args, int bufferSize = 0)
    {
        json request
            = {{"op", "call"}, {"handle", m_handle}, {"symbol", symbol}, {"prototype", prototype}, {"args", args}};
        if (bufferSize)
            request["buffer_size"] = bufferSize;
        return m_server.handle(request);
    }
    json value(const json &reply) { return reply.at("return").at("value"); }

private slots:
    void initTestCase()
    {
        const json open = m_server.handle({{"op", "open"}, {"path", LINKLAB_FIXTURE_CALLS}, {"flags", {"now"}}});
        QVERIFY2(open.value("ok", false), open.dump().c_str());
        m_handle = open.at("handle").get<std::int64_t>();
        QCOMPARE(open.at("call").get<std::string>(), std::string("dlopen(\"" LINKLAB_FIXTURE_CALLS "\", RTLD_NOW)"));
    }

    void typeSpellings_data()
    {
        QTest::addColumn<QString>("spelling");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("scalar");
        QTest::addColumn<int>("target");
        const int S = int(CType::Kind::Scalar), P = int(CType::Kind::Pointer), U = int(CType::Kind::Unsupported),
                  V = int(CType::Kind::Void);
        const int TS = int(CType::Target::Scalar), TV = int(CType::Target::Void), TO = int(CType::Target::Opaque);
        QTest::newRow("int") << "int" << S << int(Scalar::Int) << 0;
        QTest::newRow("unsigned") << "unsigned" << S << int(Scalar::UInt) << 0;
        QTest::newRow("long unsigned int") << "long unsigned int" << S << int(Scalar::ULong) << 0;
        QTest::newRow("unsigned long long") << "unsigned long long" << S << int(Scalar::ULongLong) << 0;
        QTest::newRow("signed char") << "signed char" << S << int(Scalar::SChar) << 0;
        QTest::newRow("short int") << "short int" << S << int(Scalar::Short) << 0;
        QTest::newRow("size_t") << "size_t" << S << int(Scalar::ULong) << 0;
        QTest::newRow("int8_t") << "int8_t" << S << int(Scalar::SChar) << 0;
        QTest::newRow("_Bool") << "_Bool" << S << int(Scalar::Bool) << 0;
        QTest::newRow("float") << "float" << S << int(Scalar::Float) << 0;
        QTest::newRow("void") << "void" << V << 0 << 0;
        QTest::newRow("const char *") << "const char *" << P << int(Scalar::Char) << TS;
        QTest::newRow("int *restrict") << "int *restrict" << P << int(Scalar::Int) << TS;
        QTest::newRow("void *") << "void *" << P << 0 << TV;
        QTest::newRow("char **") << "char **" << P << int(Scalar::Char) << TO;
        QTest::newRow("struct s *") << "struct s *" << P << 0 << TO;
        QTest::newRow("struct by value") << "struct point" << U << 0 << 0;
        QTest::newRow("function pointer") << "int (*)(int)" << U << 0 << 0;
        QTest::newRow("long double") << "long double" << U << 0 << 0;
        QTest::newRow("unknown") << "my_type" << U << 0 << 0;
        QTest::newRow("typedef'd pointer") << "anon_t *" << P << 0 << TO;
        QTest::newRow("signed unsigned") << "signed unsigned int" << U << 0 << 0;
        QTest::newRow("empty") << "" << U << 0 << 0;
    }
    void typeSpellings()
    {
        QFETCH(QString, spelling);
        QFETCH(int, kind);
        QFETCH(int, scalar);
        QFETCH(int, target);
        const CType t = linklab::runner::parseCType(spelling.toStdString());
        QCOMPARE(int(t.kind), kind);
        if (t.kind == CType::Kind::Scalar || (t.kind == CType::Kind::Pointer && t.target == CType::Target::Scalar))
            QCOMPARE(int(t.scalar), scalar);
        if (t.kind == CType::Kind::Pointer)
            QCOMPARE(int(t.target), target);
        if (t.kind == CType::Kind::Unsupported)
            QVERIFY(!t.why.empty());
    }

    // Each C type through libffi, against the value C computes for the same expression.
    void everyType()
    {
        QCOMPARE(value(call("_strlen", proto("int", {"const char *"}), {"Holberton"})).get<int>(), 9);
        QCOMPARE(value(call("next_char", proto("char", {"char"}), {"'A'"})).get<int>(), 'B');
        COMPARE_JSON(call("next_char", proto("char", {"char"}), {"'A'"}).at("return").at("char"), "B");
        QCOMPARE(value(call("neg_schar", proto("signed char", {"signed char"}), {-128})).get<int>(),
            int(static_cast<signed char>(-(-128))));
        QCOMPARE(value(call("inc_uchar", proto("unsigned char", {"unsigned char"}), {"0xff"})).get<int>(), 0);
        QCOMPARE(value(call("neg_short", proto("short", {"short"}), {"-32767"})).get<int>(), 32767);
        QCOMPARE(value(call("inc_ushort", proto("unsigned short", {"unsigned short"}), {65535})).get<int>(), 0);
        QCOMPARE(value(call("add", proto("int", {"int", "int"}), {"2147483647", "-2147483648"})).get<int>(), -1);
        QCOMPARE(value(call("inc_uint", proto("unsigned int", {"unsigned int"}), {"4294967294"})).get<unsigned>(),
            4294967295u);
        QCOMPARE(
            value(call("mul_long", proto("long", {"long", "long"}), {"-3000000000", 3})).get<long>(), -9000000000L);
        QCOMPARE(value(call("inc_ulong", proto("unsigned long", {"unsigned long"}), {"0x7fffffffffffffff"}))
                     .get<unsigned long>(),
            0x8000000000000000UL);
        QCOMPARE(value(call("neg_llong", proto("long long", {"long long"}), {"-9223372036854775807"})).get<long long>(),
            9223372036854775807LL);
        QCOMPARE(value(call("max_ullong", proto("unsigned long long", {}), json::array())).get<unsigned long long>(),
            ULLONG_MAX);
        QCOMPARE(value(call("neg_int8", proto("int8_t", {"int8_t"}), {5})).get<int>(), -5);
        QCOMPARE(value(call("inc_uint16", proto("uint16_t", {"uint16_t"}), {65535})).get<int>(), 0);
        QCOMPARE(value(call("sub_int32", proto("int32_t", {"int32_t", "int32_t"}), {3, 10})).get<int>(), -7);
        QCOMPARE(value(call("shl_uint64", proto("uint64_t", {"uint64_t", "int"}), {1, 63})).get<std::uint64_t>(),
            std::uint64_t(1) << 63);
        QCOMPARE(value(call("count_char", proto("size_t", {"const char *", "char"}), {"banana", "'a'"})).get<int>(), 3);
        QCOMPARE(value(call("neg_ssize", proto("ssize_t", {"ssize_t"}), {-42})).get<long>(), 42L);
        QCOMPARE(value(call("not_bool", proto("_Bool", {"_Bool"}), {"true"})).get<bool>(), false);
        QCOMPARE(value(call("not_bool", proto("bool", {"bool"}), {0})).get<bool>(), true);
        QCOMPARE(value(call("half_float", proto("float", {"float"}), {"3"})).get<double>(), double(3.0f / 2.0f));
        QCOMPARE(value(call("scale", proto("double", {"double", "double"}), {2.5, "-4"})).get<double>(), 2.5 * -4);
        QCOMPARE(value(call("mixed", proto("double", {"int", "double", "float", "long", "char"}),
                           {1, 0.25, "0.5", "-2", "'\\n'"}))
                     .get<double>(),
            1 + 0.25 + double(0.5f) + -2.0 + '\n');
        const json v = call("nothing", proto("void", {}), json::array());
        QVERIFY(v.at("ok").get<bool>());
        QVERIFY(value(v).is_null());
        QVERIFY(v.at("ms").get<double>() >= 0);
    }

    void arraysAndBuffers()
    {
        // The textbook's addvec: x and y in, z out.
        json r = call("addvec", proto("void", {"int *", "int *", "int *", "int"}), {"[1, 2]", {3, 4}, "[0, 0]", 2});
        QVERIFY2(r.at("ok").get<bool>(), r.dump().c_str());
        COMPARE_JSON(r.at("args_after").at(2).at("value"), json({4, 6}));
        COMPARE_JSON(r.at("args_after").at(0).at("value"), json({1, 2}));
        // In-out scalars through pointers.
        r = call("swap", proto("void", {"int *", "int *"}), {"5", 7});
        COMPARE_JSON(r.at("args_after").at(0).at("value"), json({7}));
        COMPARE_JSON(r.at("args_after").at(1).at("value"), json({5}));
        r = call("sum_doubles", proto("double", {"const double *", "int"}), {"[0.5, 1.5, 2]", 3});
        QCOMPARE(value(r).get<double>(), 4.0);
        QCOMPARE(value(call("is_null", proto("int", {"const int *"}), {nullptr})).get<int>(), 1);
        QCOMPARE(value(call("is_null", proto("int", {"const int *"}), {"NULL"})).get<int>(), 1);
        // A writable char buffer: at least the buffer size, so the function has room to write.
        r = call("greet", proto("char *", {"char *", "const char *"}), {"Hello", "Holberton"});
        QCOMPARE(r.at("args_after").at(0).at("value").get<std::string>(), "Hello, Holberton!");
        QCOMPARE(r.at("args_after").at(0).at("buffer_size").get<int>(), 256);
        QCOMPARE(value(r).get<std::string>(), "Hello, Holberton!");
        r = call("fill", proto("void", {"char *", "int", "char"}), {"", 999, "'x'"}, 1000);
        QCOMPARE(r.at("args_after").at(0).at("value").get<std::string>(), std::string(999, 'x'));
        QCOMPARE(value(call("version", proto("const char *", {}), json::array())).get<std::string>(), "callfix 1.0");
        r = call("null_pointer", proto("void *", {}), json::array());
        QVERIFY(value(r).is_null());
        QCOMPARE(r.at("return").at("address").get<std::string>(), "0x0");
    }

    void refusedBeforeCalling_data() { refusalRows(); }
    void refusedBeforeCalling()
    {
        QFETCH(QByteArray, prototype);
        QFETCH(QByteArray, args);
        QFETCH(QString, message);
        // `crash` would kill this process if it were called: a refusal must come before any call.
        const json r = call("crash", json::parse(prototype.toStdString()), json::parse(args.toStdString()));
        QVERIFY(!r.at("ok").get<bool>());
        const QString error = QString::fromStdString(r.at("error").get<std::string>());
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void protocolErrors_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("message");
        QTest::newRow("not json") << QByteArray("{op: open") << "malformed request";
        QTest::newRow("array") << QByteArray("[1,2]") << "not a JSON object";
        QTest::newRow("no op") << QByteArray(R"({"path":"x"})") << "no \"op\"";
        QTest::newRow("unknown op") << QByteArray(R"({"op":"launch"})") << "unknown request \"launch\"";
        QTest::newRow("bad flag") << QByteArray(R"({"op":"open","path":"x","flags":["fast"]})") << "unknown flag fast";
        QTest::newRow("path type") << QByteArray(R"({"op":"open","path":5})") << "\"path\" must be a string";
        QTest::newRow("no handle") << QByteArray(R"({"op":"symbol","name":"x"})") << "open the library first";
        QTest::newRow("stale handle") << QByteArray(R"({"op":"close","handle":999})") << "handle 999 is not open";
        QTest::newRow("no symbol") << QByteArray(R"({"op":"call","handle":1})") << "no \"symbol\"";
        QTest::newRow("buffer size") << QByteArray(R"({"op":"call","handle":1,"symbol":"add","buffer_size":0})")
                                     << "buffer_size must be between";
        QTest::newRow("NUL in path") << QByteArray(R"({"op":"open","path":"a\u0000b"})") << "NUL byte";
    }
    void protocolErrors()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, message);
        const json reply = json::parse(m_server.handleLine(line.toStdString()));
        QCOMPARE(reply.at("ok").get<bool>(), false);
        const QString error = QString::fromStdString(reply.at("error").get<std::string>());
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void repliesEchoTheId()
    {
        const json reply = json::parse(m_server.handleLine(R"({"id": "abc", "op": "ping"})"));
        COMPARE_JSON(reply.at("id"), "abc");
        QCOMPARE(reply.at("pid").get<int>(), int(getpid()));
    }

    // The loader's own words, exactly: what dlopen and dlsym say in this same process.
    void loaderMessagesVerbatim()
    {
        const char *missing = "/nonexistent/libnothing.so";
        json r = m_server.handle({{"op", "open"}, {"path", missing}});
        QVERIFY(!r.at("ok").get<bool>());
        QVERIFY(dlopen(missing, RTLD_LAZY) == nullptr);
        QCOMPARE(r.at("error").get<std::string>(), std::string(dlerror()));

        r = m_server.handle({{"op", "symbol"}, {"handle", m_handle}, {"name", "no_such_function"}});
        QVERIFY(!r.at("ok").get<bool>());
        void *own = dlopen(LINKLAB_FIXTURE_CALLS, RTLD_NOW | RTLD_NOLOAD);
        QVERIFY(own);
        QVERIFY(dlsym(own, "no_such_function") == nullptr);
        QCOMPARE(r.at("error").get<std::string>(), std::string(dlerror()));

        // RTLD_NOW fails on the consumer's unresolved provided_value; RTLD_LAZY opens it and what resolves works.
        r = m_server.handle({{"op", "open"}, {"path", LINKLAB_FIXTURE_CONSUMER}, {"flags", {"now"}}});
        QVERIFY(!r.at("ok").get<bool>());
        QVERIFY2(r.at("error").get<std::string>().find("undefined symbol: provided_value") != std::string::npos,
            r.dump().c_str());
        r = m_server.handle({{"op", "open"}, {"path", LINKLAB_FIXTURE_CONSUMER}, {"flags", {"lazy", "local"}}});
        QVERIFY2(r.at("ok").get<bool>(), r.dump().c_str());
        QCOMPARE(r.at("call").get<std::string>(),
            std::string("dlopen(\"" LINKLAB_FIXTURE_CONSUMER "\", RTLD_LAZY | RTLD_LOCAL)"));
        const std::int64_t consumer = r.at("handle").get<std::int64_t>();
        r = m_server.handle({{"op", "call"}, {"handle", consumer}, {"symbol", "consumer_ok"},
            {"prototype", proto("int", {})}, {"args", json::array()}});
        QCOMPARE(value(r).get<int>(), 7);
        QVERIFY(m_server.handle({{"op", "close"}, {"handle", consumer}}).at("ok").get<bool>());
        // A closed handle is gone.
        r = m_server.handle({{"op", "symbol"}, {"handle", consumer}, {"name", "consumer_ok"}});
        QVERIFY(r.at("error").get<std::string>().find("is not open") != std::string::npos);
    }

    void symbolFacts()
    {
        const json r = m_server.handle({{"op", "symbol"}, {"handle", m_handle}, {"name", "addvec"}});
        QVERIFY2(r.at("ok").get<bool>(), r.dump().c_str());
        void *own = dlopen(LINKLAB_FIXTURE_CALLS, RTLD_NOW | RTLD_NOLOAD);
        char expected[32];
        std::snprintf(expected, sizeof expected, "0x%llx",
            static_cast<unsigned long long>(reinterpret_cast<std::uintptr_t>(dlsym(own, "addvec"))));
        QCOMPARE(r.at("address").get<std::string>(), std::string(expected));
        QCOMPARE(r.at("symbol").get<std::string>(), "addvec");
        QCOMPARE(r.at("symbol_address").get<std::string>(), std::string(expected));
        QCOMPARE(r.at("object").get<std::string>(), std::string(LINKLAB_FIXTURE_CALLS));
        dlclose(own);
    }

    void linkMapListsOpenLibraries()
    {
        auto paths = [this] {
            QStringList out;
            const json reply = m_server.handle(json {{"op", "linkmap"}});
            for (const json &o : reply.at("objects"))
                out << QString::fromStdString(o.at("path").get<std::string>());
            return out;
        };
        QVERIFY(!paths().contains(QStringLiteral(LINKLAB_FIXTURE_PROVIDER)));
        const json r = m_server.handle({{"op", "open"}, {"path", LINKLAB_FIXTURE_PROVIDER}});
        QVERIFY(r.at("ok").get<bool>());
        QVERIFY2(paths().contains(QStringLiteral(LINKLAB_FIXTURE_PROVIDER)), qPrintable(paths().join(u' ')));
        QVERIFY(m_server.handle({{"op", "close"}, {"handle", r.at("handle")}}).at("ok").get<bool>());
        QVERIFY(!paths().contains(QStringLiteral(LINKLAB_FIXTURE_PROVIDER)));
    }

    void unreadableStringIsNotRead()
    {
        bool readable = true;
        QCOMPARE(linklab::runner::readStringAt(reinterpret_cast<const void *>(std::uintptr_t(16)), 100, &readable),
            std::string());
        QVERIFY(!readable);
        QCOMPARE(linklab::runner::readStringAt("abc", 100, &readable), std::string("abc"));
        QVERIFY(readable);
    }
};

QTEST_GUILESS_MAIN(TestRunnerServer)
#include "tst_runnerserver.moc"
