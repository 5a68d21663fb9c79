// SPDX-License-Identifier: MIT
#include "runtime/calls.h"

#include "runner/callengine.h"
#include "runner/ctype.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace linklab {
namespace {

QString quoted(const QString &text)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '"': out += QStringLiteral("\\\""); break;
        case '\\': out += QStringLiteral("\\\\"); break;
        case '\n': out += QStringLiteral("\\n"); break;
        case '\t': out += QStringLiteral("\\t"); break;
        default: out += c;
        }
    }
    return out + u'"';
}

bool isCharPointer(const QString &canonical)
{
    static const QRegularExpression re(QStringLiteral(R"(^(const\s+)?(signed\s+|unsigned\s+)?char\s*\*$)"));
    return re.match(canonical.trimmed()).hasMatch();
}

bool isNullText(const QString &t)
{
    const QString s = t.trimmed();
    return s == u"null" || s == u"NULL" || s == u"nullptr";
}

// An argument as it appears in the call line: strings quoted, everything else as typed.
QString argumentText(const CParameter &p, const QString &typed)
{
    if (isCharPointer(p.canonical) && !isNullText(typed))
        return quoted(typed);
    return typed.trimmed();
}

QString valueText(const QJsonValue &v, const QString &canonical)
{
    if (v.isNull() || v.isUndefined())
        return QStringLiteral("NULL");
    if (v.isString())
        return isCharPointer(canonical) ? quoted(v.toString()) : v.toString();
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isArray()) {
        QStringList items;
        for (const QJsonValue &e : v.toArray())
            items << valueText(e, QString());
        return u'[' + items.join(QStringLiteral(", ")) + u']';
    }
    const double d = v.toDouble();
    if (v.toVariant().typeId() == QMetaType::Double && d != qint64(d))
        return QString::number(d, 'g', 17);
    return v.toVariant().toString();
}

QString returnText(const QJsonObject &ret, const QString &canonical)
{
    if (canonical.trimmed() == u"void")
        return QString();
    const QJsonValue value = ret.value(QLatin1String("value"));
    if (ret.contains(QLatin1String("char")))
        return valueText(value, QString()) + QStringLiteral(" '") + ret.value(QLatin1String("char")).toString() + u'\'';
    if (ret.contains(QLatin1String("address")) && isCharPointer(canonical)) {
        if (value.isNull())
            return ret.value(QLatin1String("unreadable")).toBool()
                ? ret.value(QLatin1String("address")).toString() + QStringLiteral(" (not readable)")
                : QStringLiteral("NULL");
        return quoted(value.toString());
    }
    return valueText(value, canonical);
}

// Pointers show their buffer after the call; scalars passed by value cannot change and are not repeated.
bool showsAfter(const CParameter &p)
{
    return p.canonical.contains(u'*');
}

QString ctypesScalar(const QString &canonical)
{
    static const QHash<QString, QString> names = {
        {QStringLiteral("char"), QStringLiteral("c_char")},
        {QStringLiteral("signed char"), QStringLiteral("c_byte")},
        {QStringLiteral("unsigned char"), QStringLiteral("c_ubyte")},
        {QStringLiteral("short"), QStringLiteral("c_short")},
        {QStringLiteral("unsigned short"), QStringLiteral("c_ushort")},
        {QStringLiteral("int"), QStringLiteral("c_int")},
        {QStringLiteral("unsigned int"), QStringLiteral("c_uint")},
        {QStringLiteral("long"), QStringLiteral("c_long")},
        {QStringLiteral("unsigned long"), QStringLiteral("c_ulong")},
        {QStringLiteral("long long"), QStringLiteral("c_longlong")},
        {QStringLiteral("unsigned long long"), QStringLiteral("c_ulonglong")},
        {QStringLiteral("_Bool"), QStringLiteral("c_bool")},
        {QStringLiteral("float"), QStringLiteral("c_float")},
        {QStringLiteral("double"), QStringLiteral("c_double")},
    };
    QString t = canonical;
    t.remove(QStringLiteral("const ")).remove(QStringLiteral("volatile "));
    return names.value(t.trimmed(), QStringLiteral("c_void_p"));
}

QString ctypesType(const QString &canonical)
{
    const QString t = canonical.trimmed();
    if (t == u"void")
        return QStringLiteral("None");
    if (isCharPointer(t))
        return QStringLiteral("ctypes.c_char_p");
    if (t.endsWith(u'*')) {
        QString pointee = t.chopped(1).trimmed();
        if (pointee.contains(u'*') || ctypesScalar(pointee) == u"c_void_p")
            return QStringLiteral("ctypes.c_void_p");
        return QStringLiteral("ctypes.POINTER(ctypes.%1)").arg(ctypesScalar(pointee));
    }
    return QStringLiteral("ctypes.") + ctypesScalar(t);
}

QString identifier(const CParameter &p, int index)
{
    return p.name.isEmpty() ? QStringLiteral("arg%1").arg(index + 1) : p.name;
}

QStringList arrayItems(const QString &typed)
{
    QString t = typed.trimmed();
    if (t.startsWith(u'[') && t.endsWith(u']'))
        t = t.mid(1, t.size() - 2);
    QStringList items;
    for (const QString &s : t.split(u',', Qt::SkipEmptyParts))
        items << s.trimmed();
    return items;
}

} // namespace

QString argumentProblem(const QString &canonical, const QString &typed)
{
    const auto problem = runner::checkArgument(canonical.toStdString(), nlohmann::json(typed.toStdString()));
    return problem ? QString::fromStdString(*problem) : QString();
}

QString argumentHint(const QString &canonical)
{
    const runner::CType t = runner::parseCType(canonical.toStdString());
    switch (t.kind) {
    case runner::CType::Kind::Scalar:
        if (runner::scalarIsFloating(t.scalar))
            return QStringLiteral("number, e.g. 0.5");
        if (t.scalar == runner::Scalar::Bool)
            return QStringLiteral("true or false");
        if (t.scalar == runner::Scalar::Char || t.scalar == runner::Scalar::SChar || t.scalar == runner::Scalar::UChar)
            return QStringLiteral("'A' or a number");
        return QStringLiteral("whole number (42, -1, 0x2a)");
    case runner::CType::Kind::Pointer:
        if (t.isCharPointer())
            return QStringLiteral("text (null for NULL)");
        if (t.target == runner::CType::Target::Scalar)
            return QStringLiteral("[1, 2, 3] or one value (null for NULL)");
        return QStringLiteral("null or an address (0x...)");
    case runner::CType::Kind::Void: return QString();
    case runner::CType::Kind::Unsupported: return QString::fromStdString(t.why);
    }
    return QString();
}

QJsonObject openRequest(const QString &library, const QStringList &flags)
{
    return {{QStringLiteral("op"), QStringLiteral("open")}, {QStringLiteral("path"), library},
        {QStringLiteral("flags"), QJsonArray::fromStringList(flags)}};
}

QJsonObject callRequest(qint64 handle, const CallRecord &record)
{
    QJsonArray args;
    for (const QString &a : record.args)
        args.append(a);
    return {{QStringLiteral("op"), QStringLiteral("call")}, {QStringLiteral("handle"), handle},
        {QStringLiteral("symbol"), record.prototype.name},
        {QStringLiteral("prototype"), toRunnerJson(record.prototype)}, {QStringLiteral("args"), args},
        {QStringLiteral("buffer_size"), record.bufferSize}};
}

QString dlopenFlagsText(const QStringList &flags)
{
    QStringList out;
    out << (flags.contains(QStringLiteral("now")) ? QStringLiteral("RTLD_NOW") : QStringLiteral("RTLD_LAZY"));
    for (const char *f : {"global", "local", "nodelete", "noload", "deepbind"})
        if (flags.contains(QLatin1String(f)))
            out << QStringLiteral("RTLD_") + QString::fromLatin1(f).toUpper();
    return out.join(QStringLiteral(" | "));
}

QString callSummary(const CallRecord &r)
{
    const CPrototype &p = r.prototype;
    if (r.openFailed)
        return QStringLiteral("dlopen(%1, %2) failed: %3")
            .arg(quoted(r.library), dlopenFlagsText(r.flags), r.reply.error);
    QStringList shown;
    for (int i = 0; i < p.params.size() && i < r.args.size(); ++i)
        shown << argumentText(p.params[i], r.args[i]);
    QString line = p.name + u'(' + shown.join(QStringLiteral(", ")) + u')';
    QStringList lines;
    const RunnerReply &reply = r.reply;
    if (!reply.answered) {
        if (reply.timedOut)
            lines << line + QStringLiteral(" did not return: ") + reply.error;
        else if (!reply.signal.isEmpty())
            lines << line + QStringLiteral(" crashed: ") + reply.error.section(QStringLiteral(": "), 1);
        else if (reply.exitCode)
            lines << line + QStringLiteral(" ended the process with exit(%1)").arg(*reply.exitCode);
        else
            lines << line + QStringLiteral(" was not made: ") + reply.error;
        if (!reply.error.isEmpty() && (reply.signal.size() || reply.exitCode || reply.timedOut))
            lines << QStringLiteral("(the library's state was lost: the runner was restarted)");
    } else if (!reply.ok()) {
        lines << line + QStringLiteral(" was not called: ") + reply.error;
    } else {
        const QString ret = returnText(reply.body.value(QLatin1String("return")).toObject(), p.returnCanonical);
        lines << (ret.isEmpty() ? line : line + QStringLiteral(" = ") + ret);
        const QJsonArray after = reply.body.value(QLatin1String("args_after")).toArray();
        for (int i = 0; i < p.params.size() && i < after.size(); ++i) {
            if (!showsAfter(p.params[i]) || p.params[i].canonical.startsWith(QLatin1String("const ")))
                continue;
            const QJsonValue v = after[i].toObject().value(QLatin1String("value"));
            if (v.isNull())
                continue;
            lines << QStringLiteral("  %1 = %2").arg(identifier(p.params[i], i), valueText(v, p.params[i].canonical));
        }
    }
    if (!reply.out.isEmpty())
        lines << QStringLiteral("stdout:\n") + QString::fromLocal8Bit(reply.out).trimmed();
    if (reply.outDropped)
        lines << QStringLiteral("(%1 more bytes of stdout not kept)").arg(reply.outDropped);
    if (!reply.err.isEmpty())
        lines << QStringLiteral("stderr:\n") + QString::fromLocal8Bit(reply.err).trimmed();
    if (reply.errDropped)
        lines << QStringLiteral("(%1 more bytes of stderr not kept)").arg(reply.errDropped);
    return lines.join(u'\n') + u'\n';
}

QJsonObject callToJson(const CallRecord &r)
{
    const RunnerReply &reply = r.reply;
    QJsonObject out {
        {QStringLiteral("library"), r.library},
        {QStringLiteral("function"), r.prototype.name},
        {QStringLiteral("prototype"), r.prototype.declaration},
        {QStringLiteral("ok"), !r.openFailed && reply.ok()},
        {QStringLiteral("stdout"), QString::fromLocal8Bit(reply.out)},
        {QStringLiteral("stderr"), QString::fromLocal8Bit(reply.err)},
        {QStringLiteral("signal"), reply.signal.isEmpty() ? QJsonValue() : QJsonValue(reply.signal)},
        {QStringLiteral("exit_code"), reply.exitCode ? QJsonValue(*reply.exitCode) : QJsonValue()},
        {QStringLiteral("timed_out"), reply.timedOut},
        {QStringLiteral("error"), reply.ok() ? QJsonValue() : QJsonValue(reply.error)},
        {QStringLiteral("ms"),
            reply.body.contains(QLatin1String("ms")) ? reply.body.value(QLatin1String("ms")) : QJsonValue(reply.ms)},
    };
    if (!r.openFailed && reply.ok()) {
        QJsonObject ret = reply.body.value(QLatin1String("return")).toObject();
        ret[QStringLiteral("type")] = r.prototype.returnType;
        out[QStringLiteral("return")] = ret;
        QJsonArray after = reply.body.value(QLatin1String("args_after")).toArray();
        for (int i = 0; i < after.size() && i < r.prototype.params.size(); ++i) {
            QJsonObject a = after[i].toObject();
            a[QStringLiteral("type")] = r.prototype.params[i].type;
            after[i] = a;
        }
        out[QStringLiteral("args_after")] = after;
    } else {
        out[QStringLiteral("return")] = QJsonValue();
        out[QStringLiteral("args_after")] = QJsonArray();
    }
    return out;
}

QString callAsC(const CallRecord &r)
{
    const CPrototype &p = r.prototype;
    QStringList types, setup, passed, after;
    for (int i = 0; i < p.params.size(); ++i) {
        const CParameter &param = p.params[i];
        const QString name = identifier(param, i);
        const QString typed = i < r.args.size() ? r.args[i].trimmed() : QString();
        types << param.type;
        if (isNullText(typed)) {
            passed << QStringLiteral("NULL");
        } else if (isCharPointer(param.canonical)) {
            if (param.canonical.startsWith(QLatin1String("const "))) {
                passed << quoted(typed);
            } else {
                setup << QStringLiteral("    char %1[%2] = %3;")
                             .arg(name)
                             .arg(qMax<qsizetype>(r.bufferSize, typed.size() + 1))
                             .arg(quoted(typed));
                passed << name;
                after << QStringLiteral("    printf(\"%1 = %s\\n\", %1);").arg(name);
            }
        } else if (param.canonical.endsWith(u'*') && !param.canonical.contains(QLatin1String("void"))) {
            QString element = param.canonical.chopped(1).trimmed();
            const QStringList items = arrayItems(typed);
            setup << QStringLiteral("    %1 %2[] = {%3};").arg(element, name, items.join(QStringLiteral(", ")));
            passed << name;
        } else {
            passed << typed;
        }
    }
    const QString ptrType
        = QStringLiteral("%1 (*)(%2)")
              .arg(p.returnType, types.isEmpty() ? QStringLiteral("void") : types.join(QStringLiteral(", ")));
    QString text = QStringLiteral("#include <dlfcn.h>\n#include <stdio.h>\n\nint main(void)\n{\n");
    text += QStringLiteral("    void *handle = dlopen(%1, %2);\n").arg(quoted(r.library), dlopenFlagsText(r.flags));
    text += QStringLiteral(
        "    if (!handle) {\n        fprintf(stderr, \"%s\\n\", dlerror());\n        return 1;\n    }\n");
    text += QStringLiteral("    %1 = (%2)dlsym(handle, %3);\n")
                .arg(QStringLiteral("%1 (*%2)(%3)")
                         .arg(p.returnType, p.name,
                             types.isEmpty() ? QStringLiteral("void") : types.join(QStringLiteral(", "))),
                    ptrType, quoted(p.name));
    for (const QString &s : setup)
        text += s + u'\n';
    const QString callExpr = QStringLiteral("%1(%2)").arg(p.name, passed.join(QStringLiteral(", ")));
    if (p.returnCanonical.trimmed() == u"void") {
        text += QStringLiteral("    %1;\n").arg(callExpr);
    } else {
        text += QStringLiteral("    %1 result = %2;\n").arg(p.returnType, callExpr);
    }
    for (const QString &s : after)
        text += s + u'\n';
    text += QStringLiteral("    dlclose(handle);\n    return 0;\n}\n");
    return text;
}

QString callAsCtypes(const CallRecord &r)
{
    const CPrototype &p = r.prototype;
    QString mode = r.flags.contains(QStringLiteral("global")) ? QStringLiteral(", mode=ctypes.RTLD_GLOBAL") : QString();
    QString text = QStringLiteral("import ctypes\n\nlib = ctypes.CDLL(%1%2)\n").arg(quoted(r.library), mode);
    QStringList argtypes, passed, setup;
    for (int i = 0; i < p.params.size(); ++i) {
        const CParameter &param = p.params[i];
        const QString name = identifier(param, i);
        const QString typed = i < r.args.size() ? r.args[i].trimmed() : QString();
        const QString t = ctypesType(param.canonical);
        argtypes << t;
        if (isNullText(typed)) {
            passed << QStringLiteral("None");
        } else if (isCharPointer(param.canonical)) {
            if (param.canonical.startsWith(QLatin1String("const "))) {
                passed << u'b' + quoted(typed);
            } else {
                setup << QStringLiteral("%1 = ctypes.create_string_buffer(%2, %3)")
                             .arg(name, u'b' + quoted(typed))
                             .arg(qMax<qsizetype>(r.bufferSize, typed.size() + 1));
                passed << name;
            }
        } else if (t.startsWith(QLatin1String("ctypes.POINTER("))) {
            const QString element = t.mid(15).chopped(1);
            const QStringList items = arrayItems(typed);
            setup << QStringLiteral("%1 = (%2 * %3)(%4)")
                         .arg(name, element)
                         .arg(items.size())
                         .arg(items.join(QStringLiteral(", ")));
            passed << name;
        } else {
            passed << typed;
        }
    }
    text += QStringLiteral("lib.%1.argtypes = [%2]\n").arg(p.name, argtypes.join(QStringLiteral(", ")));
    text += QStringLiteral("lib.%1.restype = %2\n").arg(p.name, ctypesType(p.returnCanonical));
    for (const QString &s : setup)
        text += s + u'\n';
    text += QStringLiteral("print(lib.%1(%2))\n").arg(p.name, passed.join(QStringLiteral(", ")));
    return text;
}

} // namespace linklab
