// SPDX-License-Identifier: MIT
#include "runner/ctype.h"

#include <climits>
#include <map>
#include <vector>

namespace linklab::runner {
namespace {

std::vector<std::string> tokens(const std::string &s)
{
    std::vector<std::string> out;
    std::string word;
    auto flush = [&] {
        if (!word.empty())
            out.push_back(word);
        word.clear();
    };
    for (const char c : s) {
        if (c == '*' || c == '(' || c == ')' || c == '[' || c == ']' || c == ',') {
            flush();
            out.emplace_back(1, c);
        } else if (c == ' ' || c == '\t' || c == '\n') {
            flush();
        } else {
            word += c;
        }
    }
    flush();
    return out;
}

// Typedef names a person types without a header; canonical spellings from libclang never need them.
const std::map<std::string, Scalar> &knownTypedefs()
{
    static const std::map<std::string, Scalar> names = {
        {"size_t", Scalar::ULong},
        {"ssize_t", Scalar::Long},
        {"ptrdiff_t", Scalar::Long},
        {"intptr_t", Scalar::Long},
        {"uintptr_t", Scalar::ULong},
        {"off_t", Scalar::Long},
        {"int8_t", Scalar::SChar},
        {"uint8_t", Scalar::UChar},
        {"int16_t", Scalar::Short},
        {"uint16_t", Scalar::UShort},
        {"int32_t", Scalar::Int},
        {"uint32_t", Scalar::UInt},
        {"int64_t", Scalar::Long},
        {"uint64_t", Scalar::ULong},
        {"wchar_t", Scalar::Int},
        {"bool", Scalar::Bool},
        {"_Bool", Scalar::Bool},
    };
    return names;
}

CType unsupported(const std::string &spelling, std::string why)
{
    CType t;
    t.kind = CType::Kind::Unsupported;
    t.spelling = spelling;
    t.why = std::move(why);
    return t;
}

} // namespace

CType parseCType(const std::string &given)
{
    const std::size_t first = given.find_first_not_of(" \t\n");
    const std::size_t last = given.find_last_not_of(" \t\n");
    const std::string spelling = first == std::string::npos ? std::string() : given.substr(first, last - first + 1);
    if (spelling.empty())
        return unsupported(spelling, "no type given");

    int stars = 0;
    bool constBeforeStar = false;
    bool isStruct = false, isEnum = false;
    std::string tag;
    int unsignedCount = 0, signedCount = 0, longCount = 0, shortCount = 0, charCount = 0, intCount = 0;
    int voidCount = 0, boolCount = 0, floatCount = 0, doubleCount = 0;
    std::vector<std::string> other;
    for (const std::string &tok : tokens(spelling)) {
        if (tok == "(" || tok == ")")
            return unsupported(spelling, "function pointers are not supported yet");
        if (tok == "[" || tok == "]")
            return unsupported(spelling, "array types are not supported here: use a pointer (int *x)");
        if (tok == ",")
            return unsupported(spelling, "not a single type");
        if (tok == "*") {
            ++stars;
            continue;
        }
        if (tok == "const") {
            if (stars == 0)
                constBeforeStar = true;
            continue;
        }
        if (tok == "volatile" || tok == "restrict" || tok == "__restrict" || tok == "__restrict__" || tok == "register")
            continue;
        if (stars > 0)
            return unsupported(spelling, "'" + tok + "' after '*' is not a type I understand");
        if (tok == "struct" || tok == "union") {
            isStruct = true;
            continue;
        }
        if (tok == "enum") {
            isEnum = true;
            continue;
        }
        if ((isStruct || isEnum) && tag.empty()) {
            tag = tok;
            continue;
        }
        if (tok == "unsigned")
            ++unsignedCount;
        else if (tok == "signed")
            ++signedCount;
        else if (tok == "long")
            ++longCount;
        else if (tok == "short")
            ++shortCount;
        else if (tok == "char")
            ++charCount;
        else if (tok == "int")
            ++intCount;
        else if (tok == "void")
            ++voidCount;
        else if (tok == "_Bool" || tok == "bool")
            ++boolCount;
        else if (tok == "float")
            ++floatCount;
        else if (tok == "double")
            ++doubleCount;
        else
            other.push_back(tok);
    }

    CType t;
    t.spelling = spelling;
    t.pointeeConst = stars > 0 && constBeforeStar;
    auto pointerOrScalar = [&](Scalar s) {
        t.scalar = s;
        if (stars == 0) {
            t.kind = CType::Kind::Scalar;
        } else {
            t.kind = CType::Kind::Pointer;
            t.target = stars == 1 ? CType::Target::Scalar : CType::Target::Opaque;
        }
        return t;
    };

    if (isStruct) {
        if (stars == 0)
            return unsupported(spelling, "structs passed by value are not supported yet");
        t.kind = CType::Kind::Pointer;
        t.target = CType::Target::Opaque;
        return t;
    }
    if (isEnum) // C enums are int-sized on every ABI LinkLab runs on
        return pointerOrScalar(Scalar::Int);
    if (!other.empty()) {
        if (other.size() == 1
            && unsignedCount + signedCount + longCount + shortCount + charCount + intCount + voidCount + boolCount
                    + floatCount + doubleCount
                == 0) {
            const auto it = knownTypedefs().find(other.front());
            if (it != knownTypedefs().end())
                return pointerOrScalar(it->second);
            if (stars > 0) { // FILE *, a typedef'd struct's pointer: an address the callee owns
                t.kind = CType::Kind::Pointer;
                t.target = CType::Target::Opaque;
                return t;
            }
        }
        return unsupported(spelling,
            "unknown type '" + other.front() + "' (give the header that defines it, or the type it stands for)");
    }
    if (voidCount > 0) {
        if (voidCount + unsignedCount + signedCount + longCount + shortCount + charCount + intCount + boolCount
                + floatCount + doubleCount
            != 1)
            return unsupported(spelling, "not a valid C type");
        if (stars == 0) {
            t.kind = CType::Kind::Void;
            return t;
        }
        t.kind = CType::Kind::Pointer;
        t.target = stars == 1 ? CType::Target::Void : CType::Target::Opaque;
        return t;
    }
    if (floatCount + doubleCount > 0) {
        if (unsignedCount + signedCount + shortCount + charCount + intCount + boolCount > 0
            || floatCount + doubleCount > 1)
            return unsupported(spelling, "not a valid C type");
        if (longCount > 0)
            return unsupported(spelling, "long double is not supported yet");
        return pointerOrScalar(floatCount ? Scalar::Float : Scalar::Double);
    }
    if (boolCount > 0) {
        if (boolCount > 1 || unsignedCount + signedCount + longCount + shortCount + charCount + intCount > 0)
            return unsupported(spelling, "not a valid C type");
        return pointerOrScalar(Scalar::Bool);
    }
    if (unsignedCount > 0 && signedCount > 0)
        return unsupported(spelling, "both signed and unsigned");
    if (unsignedCount > 1 || signedCount > 1 || charCount > 1 || intCount > 1 || shortCount > 1 || longCount > 2)
        return unsupported(spelling, "not a valid C type");
    const bool isUnsigned = unsignedCount > 0;
    if (charCount) {
        if (shortCount || longCount || intCount)
            return unsupported(spelling, "not a valid C type");
        return pointerOrScalar(isUnsigned ? Scalar::UChar : signedCount ? Scalar::SChar : Scalar::Char);
    }
    if (shortCount) {
        if (longCount)
            return unsupported(spelling, "not a valid C type");
        return pointerOrScalar(isUnsigned ? Scalar::UShort : Scalar::Short);
    }
    if (longCount == 2)
        return pointerOrScalar(isUnsigned ? Scalar::ULongLong : Scalar::LongLong);
    if (longCount == 1)
        return pointerOrScalar(isUnsigned ? Scalar::ULong : Scalar::Long);
    if (intCount || unsignedCount || signedCount)
        return pointerOrScalar(isUnsigned ? Scalar::UInt : Scalar::Int);
    return unsupported(spelling, "not a valid C type");
}

std::size_t scalarSize(Scalar s)
{
    switch (s) {
    case Scalar::Bool: return sizeof(bool);
    case Scalar::Char:
    case Scalar::SChar:
    case Scalar::UChar: return 1;
    case Scalar::Short:
    case Scalar::UShort: return sizeof(short);
    case Scalar::Int:
    case Scalar::UInt: return sizeof(int);
    case Scalar::Long:
    case Scalar::ULong: return sizeof(long);
    case Scalar::LongLong:
    case Scalar::ULongLong: return sizeof(long long);
    case Scalar::Float: return sizeof(float);
    case Scalar::Double: return sizeof(double);
    }
    return 0;
}

bool scalarIsSigned(Scalar s)
{
    switch (s) {
    case Scalar::Char: return CHAR_MIN < 0;
    case Scalar::SChar:
    case Scalar::Short:
    case Scalar::Int:
    case Scalar::Long:
    case Scalar::LongLong:
    case Scalar::Float:
    case Scalar::Double: return true;
    default: return false;
    }
}

bool scalarIsFloating(Scalar s)
{
    return s == Scalar::Float || s == Scalar::Double;
}

const char *scalarName(Scalar s)
{
    switch (s) {
    case Scalar::Bool: return "_Bool";
    case Scalar::Char: return "char";
    case Scalar::SChar: return "signed char";
    case Scalar::UChar: return "unsigned char";
    case Scalar::Short: return "short";
    case Scalar::UShort: return "unsigned short";
    case Scalar::Int: return "int";
    case Scalar::UInt: return "unsigned int";
    case Scalar::Long: return "long";
    case Scalar::ULong: return "unsigned long";
    case Scalar::LongLong: return "long long";
    case Scalar::ULongLong: return "unsigned long long";
    case Scalar::Float: return "float";
    case Scalar::Double: return "double";
    }
    return "?";
}

} // namespace linklab::runner
