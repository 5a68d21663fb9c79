// SPDX-License-Identifier: MIT
#pragma once

// C types as a prototype spells them ("unsigned long", "const char *", "int32_t *"), reduced to what a call
// through libffi needs: which scalar, or which kind of pointer. Qt-free: this is the runner's own vocabulary.

#include <cstddef>
#include <cstdint>
#include <string>

namespace linklab::runner {

enum class Scalar {
    Bool,
    Char, // plain char: signed on x86-64, unsigned on AArch64; the runner uses the host's
    SChar,
    UChar,
    Short,
    UShort,
    Int,
    UInt,
    Long,
    ULong,
    LongLong,
    ULongLong,
    Float,
    Double,
};

struct CType {
    enum class Kind {
        Void, // only as a return type
        Scalar, // passed by value
        Pointer, // a pointer: see `target`
        Unsupported, // understood, but not callable (yet): `why` says what it is
    };
    // What a pointer points to, which decides what an argument may be.
    enum class Target {
        Scalar, // int *, char *, double *: a buffer of `scalar` (char *: a string buffer)
        Void, // void *: NULL, an address, or a string buffer
        Opaque, // struct s *, int **: NULL or an address
    };
    Kind kind = Kind::Unsupported;
    Scalar scalar = Scalar::Int; // the value's type (Scalar), or the pointee's (Pointer to Scalar)
    Target target = Target::Opaque;
    bool pointeeConst = false; // const T *: the callee promises not to write
    std::string spelling; // as given, trimmed
    std::string why; // for Unsupported (and parse errors): a sentence for the user

    bool isCharPointer() const
    {
        return kind == Kind::Pointer && target == Target::Scalar
            && (scalar == Scalar::Char || scalar == Scalar::SChar || scalar == Scalar::UChar);
    }
};

// Parses a C type's spelling. Never throws: an unknown or unsupported spelling comes back as Unsupported with
// the reason ("struct passed by value is not supported yet", "unknown type 'foo'").
CType parseCType(const std::string &spelling);

std::size_t scalarSize(Scalar s);
bool scalarIsSigned(Scalar s);
bool scalarIsFloating(Scalar s);
const char *scalarName(Scalar s);

} // namespace linklab::runner
