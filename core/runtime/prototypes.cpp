// SPDX-License-Identifier: MIT
// The one file that owns libclang: its types never leave it.
#include "runtime/prototypes.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <clang-c/Index.h>
#include <dlfcn.h>

// libclang (and the LLVM it carries, ~100 MB) is loaded the first time a prototype is read, not when LinkLab
// starts: every linklab-cli command and the window would otherwise map and relocate it for nothing (+20 ms and
// +50 MiB for `symbols -D`). The functions below are the only ones used; each call goes through the pointer.
#define LINKLAB_LIBCLANG_FUNCTIONS(X)                                                                                  \
    X(clang_Cursor_getArgument)                                                                                        \
    X(clang_Cursor_getNumArguments)                                                                                    \
    X(clang_Location_isFromMainFile)                                                                                   \
    X(clang_createIndex)                                                                                               \
    X(clang_disposeDiagnostic)                                                                                         \
    X(clang_disposeIndex)                                                                                              \
    X(clang_disposeString)                                                                                             \
    X(clang_disposeTranslationUnit)                                                                                    \
    X(clang_formatDiagnostic)                                                                                          \
    X(clang_getArrayElementType)                                                                                       \
    X(clang_getCString)                                                                                                \
    X(clang_getCanonicalType)                                                                                          \
    X(clang_getCursorKind)                                                                                             \
    X(clang_getCursorLocation)                                                                                         \
    X(clang_getCursorSpelling)                                                                                         \
    X(clang_getCursorType)                                                                                             \
    X(clang_getDiagnostic)                                                                                             \
    X(clang_getDiagnosticLocation)                                                                                     \
    X(clang_getDiagnosticSeverity)                                                                                     \
    X(clang_getDiagnosticSpelling)                                                                                     \
    X(clang_getExpansionLocation)                                                                                      \
    X(clang_getFileName)                                                                                               \
    X(clang_getNumDiagnostics)                                                                                         \
    X(clang_getPointeeType)                                                                                            \
    X(clang_getPresumedLocation)                                                                                       \
    X(clang_getResultType)                                                                                             \
    X(clang_getTranslationUnitCursor)                                                                                  \
    X(clang_getTypeSpelling)                                                                                           \
    X(clang_isConstQualifiedType)                                                                                      \
    X(clang_isFunctionTypeVariadic)                                                                                    \
    X(clang_isRestrictQualifiedType)                                                                                   \
    X(clang_isVolatileQualifiedType)                                                                                   \
    X(clang_parseTranslationUnit)                                                                                      \
    X(clang_parseTranslationUnit2)                                                                                     \
    X(clang_visitChildren)

namespace {

struct Libclang {
#define LINKLAB_DECLARE(name) decltype(&::name) name##_ = nullptr;
    LINKLAB_LIBCLANG_FUNCTIONS(LINKLAB_DECLARE)
#undef LINKLAB_DECLARE
    QString error; // empty when every function was found
};

const Libclang &libclang()
{
    static const Libclang loaded = [] {
        Libclang l;
        void *handle = nullptr;
        QString tried;
        for (const char *name : {LINKLAB_LIBCLANG_PATH, "libclang-14.so.1", "libclang-14.so.13", "libclang.so.1"}) {
            if (*name == '\0')
                continue;
            handle = ::dlopen(name, RTLD_NOW | RTLD_LOCAL);
            if (handle)
                break;
            tried = QString::fromLocal8Bit(::dlerror());
        }
        if (!handle) {
            l.error = QStringLiteral("libclang could not be loaded (install libclang-14-dev): ") + tried;
            return l;
        }
#define LINKLAB_RESOLVE(name)                                                                                          \
    l.name##_ = reinterpret_cast<decltype(&::name)>(::dlsym(handle, #name));                                           \
    if (!l.name##_ && l.error.isEmpty())                                                                               \
        l.error = QStringLiteral("libclang has no ") + QStringLiteral(#name);
        LINKLAB_LIBCLANG_FUNCTIONS(LINKLAB_RESOLVE)
#undef LINKLAB_RESOLVE
        return l;
    }();
    return loaded;
}

} // namespace

#define clang_Cursor_getArgument libclang().clang_Cursor_getArgument_
#define clang_Cursor_getNumArguments libclang().clang_Cursor_getNumArguments_
#define clang_Location_isFromMainFile libclang().clang_Location_isFromMainFile_
#define clang_createIndex libclang().clang_createIndex_
#define clang_disposeDiagnostic libclang().clang_disposeDiagnostic_
#define clang_disposeIndex libclang().clang_disposeIndex_
#define clang_disposeString libclang().clang_disposeString_
#define clang_disposeTranslationUnit libclang().clang_disposeTranslationUnit_
#define clang_formatDiagnostic libclang().clang_formatDiagnostic_
#define clang_getArrayElementType libclang().clang_getArrayElementType_
#define clang_getCString libclang().clang_getCString_
#define clang_getCanonicalType libclang().clang_getCanonicalType_
#define clang_getCursorKind libclang().clang_getCursorKind_
#define clang_getCursorLocation libclang().clang_getCursorLocation_
#define clang_getCursorSpelling libclang().clang_getCursorSpelling_
#define clang_getCursorType libclang().clang_getCursorType_
#define clang_getDiagnostic libclang().clang_getDiagnostic_
#define clang_getDiagnosticLocation libclang().clang_getDiagnosticLocation_
#define clang_getDiagnosticSeverity libclang().clang_getDiagnosticSeverity_
#define clang_getDiagnosticSpelling libclang().clang_getDiagnosticSpelling_
#define clang_getExpansionLocation libclang().clang_getExpansionLocation_
#define clang_getFileName libclang().clang_getFileName_
#define clang_getNumDiagnostics libclang().clang_getNumDiagnostics_
#define clang_getPointeeType libclang().clang_getPointeeType_
#define clang_getPresumedLocation libclang().clang_getPresumedLocation_
#define clang_getResultType libclang().clang_getResultType_
#define clang_getTranslationUnitCursor libclang().clang_getTranslationUnitCursor_
#define clang_getTypeSpelling libclang().clang_getTypeSpelling_
#define clang_isConstQualifiedType libclang().clang_isConstQualifiedType_
#define clang_isFunctionTypeVariadic libclang().clang_isFunctionTypeVariadic_
#define clang_isRestrictQualifiedType libclang().clang_isRestrictQualifiedType_
#define clang_isVolatileQualifiedType libclang().clang_isVolatileQualifiedType_
#define clang_parseTranslationUnit libclang().clang_parseTranslationUnit_
#define clang_parseTranslationUnit2 libclang().clang_parseTranslationUnit2_
#define clang_visitChildren libclang().clang_visitChildren_

#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;

namespace linklab {

namespace {

QString take(CXString text)
{
    const QString value = QString::fromUtf8(clang_getCString(text));
    clang_disposeString(text);
    return value;
}

struct IndexDeleter {
    void operator()(void *index) const { clang_disposeIndex(index); }
};
struct UnitDeleter {
    void operator()(CXTranslationUnit unit) const { clang_disposeTranslationUnit(unit); }
};
using Index = std::unique_ptr<void, IndexDeleter>;
using Unit = std::unique_ptr<CXTranslationUnitImpl, UnitDeleter>;

// A pointer to `element`, spelled as clang spells pointers: "int *", "char **", "int (*)[3]".
QString pointerTo(const QString &element)
{
    if (const qsizetype bracket = element.indexOf(u'['); bracket >= 0)
        return element.left(bracket).trimmed() + u" (*)"_s + element.mid(bracket);
    return element + (element.endsWith(u'*') ? u"*"_s : u" *"_s);
}

// Drops the qualifiers a type carries itself, which C ignores in a function's type: "char *restrict" -> "char *",
// "int (*const)(int)" -> "int (*)(int)", "const unsigned long" -> "unsigned long".
QString withoutOwnQualifiers(const QString &spelling, const CXType &canonical)
{
    static const QRegularExpression qualifierWords(u"^(?:(?:const|volatile|restrict)\\s+)+"_s);
    static const QRegularExpression declaratorQualifiers(u"\\(\\*(?:\\s*(?:const|volatile|restrict))+\\s*\\)"_s);
    if (canonical.kind != CXType_Pointer) {
        QString plain = spelling;
        return plain.remove(qualifierWords);
    }
    const CXTypeKind pointee = clang_getCanonicalType(clang_getPointeeType(canonical)).kind;
    const bool declaratorInParens = pointee == CXType_FunctionProto || pointee == CXType_FunctionNoProto
        || pointee == CXType_ConstantArray || pointee == CXType_IncompleteArray || pointee == CXType_VariableArray;
    if (declaratorInParens) {
        // The innermost "(*...)" is the outermost pointer.
        const QRegularExpressionMatch match = declaratorQualifiers.match(spelling);
        if (!match.hasMatch())
            return spelling;
        return spelling.left(match.capturedStart()) + u"(*)"_s + spelling.mid(match.capturedEnd());
    }
    return spelling.left(spelling.lastIndexOf(u'*') + 1);
}

// The canonical spelling of what a function receives or returns: typedefs resolved, no qualifiers of its own,
// arrays decayed to pointers (libclang reports a parameter's type as written, before C adjusts it).
QString passedSpelling(const CXType &type)
{
    const CXType canonical = clang_getCanonicalType(type);
    switch (canonical.kind) {
    case CXType_ConstantArray:
    case CXType_IncompleteArray:
    case CXType_VariableArray:
    case CXType_DependentSizedArray:
        return pointerTo(take(clang_getTypeSpelling(clang_getCanonicalType(clang_getArrayElementType(canonical)))));
    default: break;
    }
    const QString spelling = take(clang_getTypeSpelling(canonical));
    if (!clang_isConstQualifiedType(canonical) && !clang_isVolatileQualifiedType(canonical)
        && !clang_isRestrictQualifiedType(canonical))
        return spelling;
    return withoutOwnQualifiers(spelling, canonical);
}

// `inner` declared with `type`: the name goes where C puts it, "int (*cmp)(int)", "int v[4]", "char *s".
QString declarator(const QString &type, const QString &inner)
{
    static const QRegularExpression pointerInParens(u"\\((\\*[\\w ]*)\\)"_s);
    if (inner.isEmpty())
        return type;
    if (const QRegularExpressionMatch match = pointerInParens.match(type); match.hasMatch()) {
        const QString star = match.captured(1);
        return type.left(match.capturedStart()) + u'(' + star + (star.endsWith(u'*') ? u""_s : u" "_s) + inner + u')'
            + type.mid(match.capturedEnd());
    }
    if (const qsizetype bracket = type.indexOf(u'['); bracket >= 0) {
        const QString head = type.left(bracket).trimmed();
        return head + (head.endsWith(u'*') ? u""_s : u" "_s) + inner + type.mid(bracket);
    }
    return type + (type.endsWith(u'*') ? u""_s : u" "_s) + inner;
}

QString declarationOf(const CPrototype &prototype, bool prototyped)
{
    QStringList params;
    for (const CParameter &param : prototype.params)
        params.append(declarator(param.type, param.name));
    if (prototype.variadic)
        params.append(u"..."_s);
    else if (params.isEmpty() && prototyped)
        params.append(u"void"_s);
    return declarator(prototype.returnType, prototype.name + u'(' + params.join(u", "_s) + u')');
}

CPrototype readPrototype(CXCursor cursor)
{
    CPrototype prototype;
    prototype.name = take(clang_getCursorSpelling(cursor));
    CXType type = clang_getCursorType(cursor);
    if (type.kind != CXType_FunctionProto && type.kind != CXType_FunctionNoProto)
        type = clang_getCanonicalType(type); // declared through a typedef of a function type: "fn_t f;"
    const CXType result = clang_getResultType(type);
    prototype.returnType = take(clang_getTypeSpelling(result));
    prototype.returnCanonical = passedSpelling(result);
    // Parameters from the declaration's cursors, which keep the names; an old-style "int f();" has none.
    const int count = clang_Cursor_getNumArguments(cursor);
    for (int i = 0; i < count; ++i) {
        const CXCursor arg = clang_Cursor_getArgument(cursor, unsigned(i));
        const CXType argType = clang_getCursorType(arg);
        prototype.params.append(
            {take(clang_getCursorSpelling(arg)), take(clang_getTypeSpelling(argType)), passedSpelling(argType)});
    }
    // libclang calls "int f();" variadic; it takes no arguments we know of, so the runner may call it with none.
    const bool prototyped = type.kind == CXType_FunctionProto;
    prototype.variadic = prototyped && clang_isFunctionTypeVariadic(type);
    prototype.declaration = declarationOf(prototype, prototyped);
    // The expansion location: math.h's functions are declared by macros in bits/mathcalls.h.
    CXFile file = nullptr;
    unsigned line = 0;
    clang_getExpansionLocation(clang_getCursorLocation(cursor), &file, &line, nullptr, nullptr);
    if (file)
        prototype.file = take(clang_getFileName(file));
    prototype.line = int(line);
    return prototype;
}

// "file:line:col: error: text" as clang prints it, at the presumed location: the one #line directives set
// (clang_formatDiagnostic ignores them, and a typed declaration relies on one).
QString formatDiagnostic(CXDiagnostic diagnostic, CXDiagnosticSeverity severity)
{
    CXString file;
    unsigned line = 0;
    unsigned column = 0;
    clang_getPresumedLocation(clang_getDiagnosticLocation(diagnostic), &file, &line, &column);
    const QString where = take(file);
    const QString kind = severity == CXDiagnostic_Fatal ? u"fatal error"_s
        : severity == CXDiagnostic_Error                ? u"error"_s
                                                        : u"warning"_s;
    const QString text = kind + u": "_s + take(clang_getDiagnosticSpelling(diagnostic));
    return where.isEmpty() ? text : u"%1:%2:%3: "_s.arg(where).arg(line).arg(column) + text;
}

struct Parsed {
    Unit unit;
    QStringList diagnostics; // warnings and errors
    QStringList errors;
};

Result<Parsed> parse(void *index, const QByteArray &file, const QStringList &includeDirs, CXUnsavedFile *unsaved)
{
    // -fno-builtin: otherwise clang merges a declaration of a library function with its own built-in one, so
    // "size_t strlen(const char *)" comes back returning "unsigned long", and "int pow(int, int)" typed by a user
    // draws a warning about the real pow.
    std::vector<QByteArray> args {"-x", "c", "-std=gnu11", "-fno-builtin"};
#ifdef LINKLAB_CLANG_RESOURCE_DIR
    // Where this LLVM keeps stddef.h and friends; left to libclang when the app runs where that folder is not.
    if (const QString resourceDir = QFile::decodeName(LINKLAB_CLANG_RESOURCE_DIR); QFileInfo(resourceDir).isDir()) {
        args.emplace_back("-resource-dir");
        args.emplace_back(QFile::encodeName(resourceDir));
    }
#endif
    for (const QString &dir : includeDirs)
        args.emplace_back("-I" + QFile::encodeName(dir));
    std::vector<const char *> argv;
    argv.reserve(args.size());
    for (const QByteArray &arg : args)
        argv.push_back(arg.constData());

    CXTranslationUnit raw = nullptr;
    const CXErrorCode code = clang_parseTranslationUnit2(index, file.constData(), argv.data(), int(argv.size()),
        unsaved, unsaved ? 1 : 0, CXTranslationUnit_SkipFunctionBodies | CXTranslationUnit_Incomplete, &raw);
    Parsed parsed {Unit(raw), {}, {}};
    if (code != CXError_Success || !raw)
        return Failure {u"clang could not parse %1 (libclang error %2)"_s.arg(QFile::decodeName(file)).arg(int(code))};

    const unsigned count = clang_getNumDiagnostics(raw);
    for (unsigned i = 0; i < count; ++i) {
        const CXDiagnostic diagnostic = clang_getDiagnostic(raw, i);
        const CXDiagnosticSeverity severity = clang_getDiagnosticSeverity(diagnostic);
        if (severity >= CXDiagnostic_Warning) {
            const QString text = formatDiagnostic(diagnostic, severity);
            parsed.diagnostics.append(text);
            if (severity >= CXDiagnostic_Error)
                parsed.errors.append(text);
        }
        clang_disposeDiagnostic(diagnostic);
    }
    return parsed;
}

// Calls `visit` with each function declared at the top level of the translation unit.
template<typename Visit>
void forEachFunction(CXTranslationUnit unit, Visit visit)
{
    clang_visitChildren(
        clang_getTranslationUnitCursor(unit),
        [](CXCursor cursor, CXCursor, CXClientData data) {
            if (clang_getCursorKind(cursor) == CXCursor_FunctionDecl)
                (*static_cast<Visit *>(data))(cursor);
            return CXChildVisit_Continue;
        },
        &visit);
}

} // namespace

const CPrototype *PrototypeSet::find(const QString &name) const
{
    const auto found = std::find_if(
        functions.cbegin(), functions.cend(), [&name](const CPrototype &prototype) { return prototype.name == name; });
    return found == functions.cend() ? nullptr : &*found;
}

Result<PrototypeSet> prototypesFromHeader(const QString &path, const QStringList &includeDirs)
{
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return Failure {u"cannot read %1: %2"_s.arg(path, file.errorString())};
    }
    if (!libclang().error.isEmpty())
        return Failure {libclang().error};
    // An index per call: libclang's objects are not shared between threads.
    const Index index(clang_createIndex(0, 0));
    Result<Parsed> parsed = parse(index.get(), QFile::encodeName(path), includeDirs, nullptr);
    if (!parsed)
        return parsed.failure();
    if (!parsed->errors.isEmpty())
        return Failure {parsed->errors.join(u'\n')};

    PrototypeSet set;
    set.diagnostics = parsed->diagnostics;
    QSet<QString> seen;
    forEachFunction(parsed->unit.get(), [&](CXCursor cursor) {
        const QString name = take(clang_getCursorSpelling(cursor));
        if (seen.contains(name))
            return;
        seen.insert(name);
        set.functions.append(readPrototype(cursor));
    });
    return set;
}

Result<CPrototype> prototypeFromDeclaration(const QString &declaration)
{
    const QString text = declaration.trimmed();
    if (text.isEmpty())
        return Failure {u"not a function declaration"_s};
    // The user's text on line 1 of a file clang names "<declaration>", after the headers that define the usual
    // type names, so clang's messages point into what the user typed.
    static const char fileName[] = "linklab-declaration.c";
    const QByteArray source = "#include <stddef.h>\n#include <stdint.h>\n#include <stdbool.h>\n#include <sys/types.h>\n"
                              "#line 1 \"<declaration>\"\n"
        + text.toUtf8() + (text.endsWith(u';') || text.endsWith(u'}') ? "\n" : ";\n");
    CXUnsavedFile unsaved {fileName, source.constData(), static_cast<unsigned long>(source.size())};

    if (!libclang().error.isEmpty())
        return Failure {libclang().error};
    const Index index(clang_createIndex(0, 0));
    Result<Parsed> parsed = parse(index.get(), QByteArray(fileName), {}, &unsaved);
    if (!parsed)
        return parsed.failure();
    if (!parsed->errors.isEmpty())
        return Failure {parsed->errors.join(u'\n')};

    std::optional<CPrototype> found;
    forEachFunction(parsed->unit.get(), [&](CXCursor cursor) {
        if (!found && clang_Location_isFromMainFile(clang_getCursorLocation(cursor)))
            found = readPrototype(cursor);
    });
    if (!found)
        return Failure {u"not a function declaration"_s};
    found->file.clear();
    found->line = 0;
    return *found;
}

QJsonObject toRunnerJson(const CPrototype &prototype)
{
    QJsonArray params;
    for (const CParameter &param : prototype.params)
        params.append(QJsonObject {{u"name"_s, param.name}, {u"type"_s, param.canonical}, {u"written"_s, param.type}});
    return QJsonObject {
        {u"name"_s, prototype.name},
        {u"return"_s, prototype.returnCanonical},
        {u"return_written"_s, prototype.returnType},
        {u"params"_s, params},
        {u"variadic"_s, prototype.variadic},
    };
}

} // namespace linklab
