// SPDX-License-Identifier: MIT
#pragma once

#include "support/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace linklab {

// Canonical spellings describe what the function receives, so the runner can match them: typedefs resolved,
// a parameter's own qualifiers dropped (they are not part of the function's type: `const char *restrict s` is
// "const char *", `const int n` is "int"), and array parameters decayed to the pointer C passes (`int v[4]` is
// "int *"). Written spellings stay as clang prints the declaration.
struct CParameter {
    QString name; // as declared; empty when the declaration has none
    QString type; // as written, typedefs kept: "size_t", "const char *", "int32_t *"
    QString canonical; // clang's canonical spelling, typedefs resolved: "unsigned long", "const char *", "int *"
};

struct CPrototype {
    QString name;
    QString returnType; // as written
    QString returnCanonical; // canonical
    QList<CParameter> params;
    bool variadic = false;
    // As a person writes it: "double pow(double x, double y)" (typedefs kept, names kept). "int f(void)" for a
    // prototype without parameters, "int f()" for an old-style declaration that says nothing of them.
    QString declaration;
    QString file; // where it was declared (empty for a typed declaration)
    int line = 0;
};

struct PrototypeSet {
    // Every function declaration in the header and what it includes, in the order clang met them; first
    // declaration wins.
    QList<CPrototype> functions;
    // clang's warnings and errors, "file:line:col: error: text" (errors make the parse fail).
    QStringList diagnostics;
    // nullptr when absent. A linear search: build a QHash over `functions` to look up many names.
    const CPrototype *find(const QString &name) const;
};

// Parses a header (or a .c source) with libclang's C API as C (-x c -std=gnu11), includeDirs added as -I.
// Fails (clang's own error diagnostics joined by newlines, or "cannot read FILE: ...") when the file is missing or
// has errors. Safe to call from several threads at once: each call has its own libclang index.
Result<PrototypeSet> prototypesFromHeader(const QString &path, const QStringList &includeDirs = {});

// One declaration typed by a user: "double pow(double x, double y)" or "int add(int, int);". stddef.h, stdint.h,
// stdbool.h and sys/types.h are visible, so size_t/int32_t/bool/ssize_t work. Fails with clang's message when it
// does not parse, or "not a function declaration" when it declares no function.
Result<CPrototype> prototypeFromDeclaration(const QString &declaration);

// The prototype as the runner protocol wants it: {"name", "return": returnCanonical, "return_written": returnType,
// "params": [{"name", "type": canonical, "written": type}], "variadic": bool}
QJsonObject toRunnerJson(const CPrototype &prototype);

} // namespace linklab
