// SPDX-License-Identifier: MIT
#include "runner/callengine.h"

#include "runner/ctype.h"

#include <ffi.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <variant>
#include <vector>

namespace linklab::runner {
using json = nlohmann::json;
namespace {

ffi_type *ffiTypeOf(Scalar s)
{
    switch (s) {
    case Scalar::Bool: return &ffi_type_uint8;
    case Scalar::Char: return std::numeric_limits<char>::is_signed ? &ffi_type_schar : &ffi_type_uchar;
    case Scalar::SChar: return &ffi_type_schar;
    case Scalar::UChar: return &ffi_type_uchar;
    case Scalar::Short: return &ffi_type_sshort;
    case Scalar::UShort: return &ffi_type_ushort;
    case Scalar::Int: return &ffi_type_sint;
    case Scalar::UInt: return &ffi_type_uint;
    case Scalar::Long: return &ffi_type_slong;
    case Scalar::ULong: return &ffi_type_ulong;
    case Scalar::LongLong: return &ffi_type_sint64;
    case Scalar::ULongLong: return &ffi_type_uint64;
    case Scalar::Float: return &ffi_type_float;
    case Scalar::Double: return &ffi_type_double;
    }
    return &ffi_type_void;
}

std::string hexAddress(const void *p)
{
    char text[32];
    std::snprintf(text, sizeof text, "0x%llx", static_cast<unsigned long long>(reinterpret_cast<std::uintptr_t>(p)));
    return text;
}

std::string trimmed(const std::string &s)
{
    const std::size_t a = s.find_first_not_of(" \t\r\n");
    if (a == std::string::npos)
        return {};
    return s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
}

bool isNullValue(const json &v)
{
    if (v.is_null())
        return true;
    if (v.is_string()) {
        const std::string t = trimmed(v.get<std::string>());
        return t == "null" || t == "NULL" || t == "nullptr";
    }
    return false;
}

// An integer as a sign and a magnitude, so that every C type's range can be checked exactly.
struct Integer {
    bool negative = false;
    unsigned long long magnitude = 0;
};
using Parsed = std::variant<Integer, std::string>; // value or error

std::optional<int> charLiteral(const std::string &t)
{
    if (t.size() < 3 || t.front() != '\'' || t.back() != '\'')
        return std::nullopt;
    const std::string body = t.substr(1, t.size() - 2);
    if (body.size() == 1 && body[0] != '\\')
        return static_cast<unsigned char>(body[0]);
    if (body.size() == 2 && body[0] == '\\') {
        switch (body[1]) {
        case 'n': return '\n';
        case 't': return '\t';
        case 'r': return '\r';
        case '0': return 0;
        case '\\': return '\\';
        case '\'': return '\'';
        case '"': return '"';
        case 'a': return '\a';
        case 'b': return '\b';
        case 'f': return '\f';
        case 'v': return '\v';
        default: return std::nullopt;
        }
    }
    return std::nullopt;
}

Parsed parseInteger(const json &v)
{
    if (v.is_boolean())
        return Integer {false, v.get<bool>() ? 1ull : 0ull};
    if (v.is_number_unsigned())
        return Integer {false, v.get<unsigned long long>()};
    if (v.is_number_integer()) {
        const long long x = v.get<long long>();
        return Integer {x < 0, x < 0 ? 0ull - static_cast<unsigned long long>(x) : static_cast<unsigned long long>(x)};
    }
    if (v.is_number_float()) {
        const double d = v.get<double>();
        if (std::trunc(d) != d || std::fabs(d) > 1.8e19)
            return std::string("is not a whole number");
        return Integer {d < 0, static_cast<unsigned long long>(std::fabs(d))};
    }
    if (!v.is_string())
        return std::string("is not a number");
    const std::string t = trimmed(v.get<std::string>());
    if (t == "true")
        return Integer {false, 1};
    if (t == "false")
        return Integer {false, 0};
    if (const auto c = charLiteral(t))
        return Integer {false, static_cast<unsigned long long>(*c)};
    std::size_t at = 0;
    Integer out;
    if (at < t.size() && (t[at] == '-' || t[at] == '+')) {
        out.negative = t[at] == '-';
        ++at;
    }
    int base = 10;
    if (t.size() > at + 2 && t[at] == '0' && (t[at + 1] == 'x' || t[at + 1] == 'X')) {
        base = 16;
        at += 2;
    } else if (t.size() > at + 2 && t[at] == '0' && (t[at + 1] == 'b' || t[at + 1] == 'B')) {
        base = 2;
        at += 2;
    }
    if (at >= t.size())
        return std::string("is not a number");
    const char *begin = t.data() + at;
    const char *end = t.data() + t.size();
    const auto [ptr, ec] = std::from_chars(begin, end, out.magnitude, base);
    if (ec == std::errc::result_out_of_range)
        return std::string("is too large for any C integer");
    if (ec != std::errc() || ptr != end)
        return std::string("is not a number (decimal, 0x hex, or 'c' for a character)");
    if (out.magnitude == 0)
        out.negative = false;
    return out;
}

std::variant<double, std::string> parseFloating(const json &v)
{
    if (v.is_number())
        return v.get<double>();
    if (!v.is_string())
        return std::string("is not a number");
    const std::string t = trimmed(v.get<std::string>());
    if (t.empty())
        return std::string("is empty");
    char *end = nullptr;
    const double d = std::strtod(t.c_str(), &end);
    if (end != t.c_str() + t.size())
        return std::string("is not a number");
    return d;
}

std::string describe(const json &v)
{
    std::string s = v.is_string() ? v.get<std::string>() : v.dump(-1, ' ', false, json::error_handler_t::replace);
    if (s.size() > 40)
        s = s.substr(0, 37) + "...";
    return s;
}

// Writes `v` as a value of scalar type `s` at `out`, or says why it cannot.
std::optional<std::string> storeScalar(Scalar s, const json &v, unsigned char *out)
{
    if (scalarIsFloating(s)) {
        const auto parsed = parseFloating(v);
        if (const auto *error = std::get_if<std::string>(&parsed))
            return "'" + describe(v) + "' " + *error;
        const double d = std::get<double>(parsed);
        if (s == Scalar::Float) {
            const float f = static_cast<float>(d);
            std::memcpy(out, &f, sizeof f);
        } else {
            std::memcpy(out, &d, sizeof d);
        }
        return std::nullopt;
    }
    const Parsed parsed = parseInteger(v);
    if (const auto *error = std::get_if<std::string>(&parsed))
        return "'" + describe(v) + "' " + *error;
    const Integer n = std::get<Integer>(parsed);
    const std::size_t size = scalarSize(s);
    const bool isSigned = scalarIsSigned(s);
    const int bits = int(size * 8);
    const unsigned long long maxPositive = s == Scalar::Bool ? 1ull
        : isSigned                                           ? (1ull << (bits - 1)) - 1
        : bits == 64                                         ? std::numeric_limits<unsigned long long>::max()
                                                             : (1ull << bits) - 1;
    const unsigned long long maxNegative = isSigned ? (1ull << (bits - 1)) : 0;
    if ((!n.negative && n.magnitude > maxPositive) || (n.negative && n.magnitude > maxNegative)) {
        std::string range = isSigned ? "-" + std::to_string(maxNegative) + " to " + std::to_string(maxPositive)
                                     : "0 to " + std::to_string(maxPositive);
        return "'" + describe(v) + "' is out of range for " + scalarName(s) + " (" + range + ")";
    }
    const unsigned long long bitsValue = n.negative ? 0ull - n.magnitude : n.magnitude;
    if (s == Scalar::Bool) {
        const bool b = bitsValue != 0;
        std::memcpy(out, &b, sizeof b);
        return std::nullopt;
    }
    // Little or big endian alike: store through the type of the right width.
    switch (size) {
    case 1: {
        const std::uint8_t x = static_cast<std::uint8_t>(bitsValue);
        std::memcpy(out, &x, 1);
        break;
    }
    case 2: {
        const std::uint16_t x = static_cast<std::uint16_t>(bitsValue);
        std::memcpy(out, &x, 2);
        break;
    }
    case 4: {
        const std::uint32_t x = static_cast<std::uint32_t>(bitsValue);
        std::memcpy(out, &x, 4);
        break;
    }
    default: {
        const std::uint64_t x = bitsValue;
        std::memcpy(out, &x, 8);
        break;
    }
    }
    return std::nullopt;
}

json loadScalar(Scalar s, const unsigned char *in)
{
    switch (s) {
    case Scalar::Bool: {
        bool b;
        std::memcpy(&b, in, sizeof b);
        return b;
    }
    case Scalar::Char: {
        char c;
        std::memcpy(&c, in, 1);
        return static_cast<int>(c);
    }
    case Scalar::SChar: {
        signed char c;
        std::memcpy(&c, in, 1);
        return static_cast<int>(c);
    }
    case Scalar::UChar: return static_cast<unsigned>(*in);
    case Scalar::Short: {
        short x;
        std::memcpy(&x, in, sizeof x);
        return x;
    }
    case Scalar::UShort: {
        unsigned short x;
        std::memcpy(&x, in, sizeof x);
        return x;
    }
    case Scalar::Int: {
        int x;
        std::memcpy(&x, in, sizeof x);
        return x;
    }
    case Scalar::UInt: {
        unsigned x;
        std::memcpy(&x, in, sizeof x);
        return x;
    }
    case Scalar::Long: {
        long x;
        std::memcpy(&x, in, sizeof x);
        return x;
    }
    case Scalar::ULong: {
        unsigned long x;
        std::memcpy(&x, in, sizeof x);
        return x;
    }
    case Scalar::LongLong: {
        long long x;
        std::memcpy(&x, in, sizeof x);
        return x;
    }
    case Scalar::ULongLong: {
        unsigned long long x;
        std::memcpy(&x, in, sizeof x);
        return x;
    }
    case Scalar::Float: {
        float f;
        std::memcpy(&f, in, sizeof f);
        if (!std::isfinite(f))
            return std::isnan(f) ? "nan" : (f > 0 ? "inf" : "-inf");
        return static_cast<double>(f);
    }
    case Scalar::Double: {
        double d;
        std::memcpy(&d, in, sizeof d);
        if (!std::isfinite(d))
            return std::isnan(d) ? "nan" : (d > 0 ? "inf" : "-inf");
        return d;
    }
    }
    return nullptr;
}

bool isCharScalar(Scalar s)
{
    return s == Scalar::Char || s == Scalar::SChar || s == Scalar::UChar;
}

// A character as C would write it, for the reader of a char result.
std::string charText(int c)
{
    const unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f)
        return std::string(1, char(u));
    char text[8];
    std::snprintf(text, sizeof text, "\\x%02x", u);
    return text;
}

// What one argument became: where its value lives for libffi, and how to show it after the call.
struct Argument {
    CType type;
    alignas(16) unsigned char slot[16] = {};
    std::unique_ptr<unsigned char[]> buffer;
    std::size_t elements = 0; // in `buffer`
    bool isString = false; // a char buffer shown as text
    bool isNull = false;
    bool isAddress = false; // a raw address the user gave
};

std::optional<std::string> prepare(Argument &arg, const json &value, const CallOptions &options)
{
    const CType &t = arg.type;
    if (t.kind == CType::Kind::Scalar)
        return storeScalar(t.scalar, value, arg.slot);
    // A pointer.
    void *pointer = nullptr;
    if (isNullValue(value)) {
        arg.isNull = true;
    } else if (t.target == CType::Target::Opaque || (t.target == CType::Target::Void && !value.is_string())
        || (t.target == CType::Target::Void && value.is_string()
            && trimmed(value.get<std::string>()).rfind("0x", 0) == 0)) {
        const Parsed parsed = parseInteger(value);
        if (std::holds_alternative<std::string>(parsed) || std::get<Integer>(parsed).negative)
            return "'" + describe(value) + "' is not an address: " + t.spelling + " takes null or an address (0x...)";
        arg.isAddress = true;
        pointer = reinterpret_cast<void *>(static_cast<std::uintptr_t>(std::get<Integer>(parsed).magnitude));
    } else if (t.target == CType::Target::Void || (t.target == CType::Target::Scalar && isCharScalar(t.scalar))) {
        if (!value.is_string())
            return "'" + describe(value) + "' is not a string: " + t.spelling + " takes a string or null";
        const std::string text = value.get<std::string>();
        const std::size_t size = t.pointeeConst ? text.size() + 1 : std::max(text.size() + 1, options.bufferSize);
        arg.buffer = std::make_unique<unsigned char[]>(size);
        std::memcpy(arg.buffer.get(), text.data(), text.size());
        arg.elements = size;
        arg.isString = true;
        pointer = arg.buffer.get();
    } else {
        // T *: an array of T (or one T), passed as a buffer.
        json items = value;
        if (value.is_string()) {
            const std::string text = trimmed(value.get<std::string>());
            if (!text.empty() && text.front() == '[') {
                items = json::parse(text, nullptr, false);
                if (items.is_discarded())
                    return "'" + describe(value) + "' is not a valid array: write it as [1, 2, 3]";
            }
        }
        if (!items.is_array())
            items = json::array({items});
        if (items.empty())
            return "an empty array gives the function nothing to point at: give at least one element, or null";
        const std::size_t width = scalarSize(t.scalar);
        arg.elements = items.size();
        arg.buffer = std::make_unique<unsigned char[]>(arg.elements * width + 16);
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (auto error = storeScalar(t.scalar, items[i], arg.buffer.get() + i * width))
                return "element " + std::to_string(i) + ": " + *error;
        }
        pointer = arg.buffer.get();
    }
    std::memcpy(arg.slot, &pointer, sizeof pointer);
    return std::nullopt;
}

json after(const Argument &arg)
{
    json out = {{"type", arg.type.spelling}};
    if (arg.type.kind == CType::Kind::Scalar) {
        out["value"] = loadScalar(arg.type.scalar, arg.slot);
        return out;
    }
    if (arg.isNull) {
        out["value"] = nullptr;
        return out;
    }
    void *pointer;
    std::memcpy(&pointer, arg.slot, sizeof pointer);
    if (arg.isAddress) {
        out["value"] = hexAddress(pointer);
        return out;
    }
    if (arg.isString) {
        const auto *bytes = reinterpret_cast<const char *>(arg.buffer.get());
        out["value"] = std::string(bytes, strnlen(bytes, arg.elements));
        out["buffer_size"] = arg.elements;
        return out;
    }
    json items = json::array();
    const std::size_t width = scalarSize(arg.type.scalar);
    for (std::size_t i = 0; i < arg.elements; ++i)
        items.push_back(loadScalar(arg.type.scalar, arg.buffer.get() + i * width));
    out["value"] = std::move(items);
    return out;
}

} // namespace

std::string readStringAt(const void *address, std::size_t limit, bool *readable)
{
    std::string out;
    *readable = false;
    if (address == nullptr)
        return out;
    constexpr std::size_t kChunk = 256;
    auto at = reinterpret_cast<std::uintptr_t>(address);
    while (out.size() < limit) {
        char chunk[kChunk];
        // Never cross a page boundary in one read, so a string that ends just before unmapped memory is whole.
        const std::size_t toPageEnd = 4096 - (at % 4096);
        const std::size_t want = std::min({kChunk, toPageEnd, limit - out.size()});
        iovec local {chunk, want};
        iovec remote {reinterpret_cast<void *>(at), want};
        const ssize_t got = process_vm_readv(getpid(), &local, 1, &remote, 1, 0);
        if (got <= 0)
            return out;
        *readable = true;
        const void *nul = std::memchr(chunk, 0, std::size_t(got));
        if (nul) {
            out.append(chunk, static_cast<const char *>(nul) - chunk);
            return out;
        }
        out.append(chunk, std::size_t(got));
        at += std::size_t(got);
    }
    return out;
}

std::optional<std::string> checkArgument(const std::string &type, const json &value)
{
    Argument a;
    a.type = parseCType(type);
    if (a.type.kind == CType::Kind::Unsupported)
        return a.type.why;
    if (a.type.kind == CType::Kind::Void)
        return std::string("a parameter cannot be void");
    return prepare(a, value, CallOptions {});
}

json callFunction(void *function, const json &prototype, const json &args, const CallOptions &options)
{
    auto refuse = [](std::string why) { return json {{"ok", false}, {"error", std::move(why)}}; };
    if (!prototype.is_object())
        return refuse("no prototype: the runner needs the function's C declaration to call it");
    const std::string name = prototype.value("name", std::string("the function"));
    if (prototype.value("variadic", false))
        return refuse(name
            + " is variadic (takes '...', like printf): calls of variadic functions are not "
              "supported yet");
    const json params = prototype.value("params", json::array());
    if (!params.is_array())
        return refuse("the prototype's params are not a list");
    const json givenArgs = args.is_null() ? json::array() : args;
    if (!givenArgs.is_array())
        return refuse("the arguments are not a list");
    if (givenArgs.size() != params.size()) {
        return refuse(name + " takes " + std::to_string(params.size()) + " argument" + (params.size() == 1 ? "" : "s")
            + ", " + std::to_string(givenArgs.size()) + " given");
    }
    const CType returnType = parseCType(prototype.value("return", std::string()));
    if (returnType.kind == CType::Kind::Unsupported)
        return refuse("return type '" + returnType.spelling + "': " + returnType.why);

    std::vector<Argument> arguments(params.size());
    std::vector<ffi_type *> types(params.size());
    std::vector<void *> values(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
        const json &p = params[i];
        const std::string typeName = p.is_object() ? p.value("type", std::string()) : std::string();
        const std::string paramName = p.is_object() ? p.value("name", std::string()) : std::string();
        const std::string label
            = "argument " + std::to_string(i + 1) + (paramName.empty() ? "" : " (" + paramName + ")");
        Argument &a = arguments[i];
        a.type = parseCType(typeName);
        if (a.type.kind == CType::Kind::Unsupported)
            return refuse(label + ", type '" + a.type.spelling + "': " + a.type.why);
        if (a.type.kind == CType::Kind::Void)
            return refuse(label + ": a parameter cannot be void");
        if (auto error = prepare(a, givenArgs[i], options))
            return refuse(label + ": " + *error);
        types[i] = a.type.kind == CType::Kind::Scalar ? ffiTypeOf(a.type.scalar) : &ffi_type_pointer;
        values[i] = a.slot;
    }
    ffi_type *returnFfi = returnType.kind == CType::Kind::Void ? &ffi_type_void
        : returnType.kind == CType::Kind::Pointer              ? &ffi_type_pointer
                                                               : ffiTypeOf(returnType.scalar);
    ffi_cif cif;
    if (ffi_prep_cif(&cif, FFI_DEFAULT_ABI, unsigned(params.size()), returnFfi, types.data()) != FFI_OK)
        return refuse("libffi could not prepare this call");

    // libffi widens integer results narrower than a register to ffi_arg.
    alignas(16) unsigned char result[32] = {};
    std::fflush(nullptr);
    const auto start = std::chrono::steady_clock::now();
    ffi_call(&cif, FFI_FN(function), result, values.data());
    const auto end = std::chrono::steady_clock::now();
    std::fflush(nullptr); // the function's own output goes out before the reply

    json ret = {{"type", returnType.spelling}};
    if (returnType.kind == CType::Kind::Void) {
        ret["value"] = nullptr;
    } else if (returnType.kind == CType::Kind::Pointer) {
        void *p;
        std::memcpy(&p, result, sizeof p);
        ret["address"] = hexAddress(p);
        if (p == nullptr) {
            ret["value"] = nullptr;
        } else if (returnType.isCharPointer() || returnType.target == CType::Target::Void) {
            bool readable = false;
            const std::string text = readStringAt(p, 1 << 20, &readable);
            if (returnType.isCharPointer() && readable)
                ret["value"] = text;
            else if (returnType.isCharPointer())
                ret["value"] = nullptr, ret["unreadable"] = true;
            else
                ret["value"] = hexAddress(p);
        } else {
            ret["value"] = hexAddress(p);
        }
    } else {
        const Scalar s = returnType.scalar;
        unsigned char narrow[16] = {};
        if (!scalarIsFloating(s) && scalarSize(s) < sizeof(ffi_arg)) {
            // Narrow integers come back widened in an ffi_arg; take the low bytes through the value.
            ffi_arg wide;
            std::memcpy(&wide, result, sizeof wide);
            switch (scalarSize(s)) {
            case 1: {
                const std::uint8_t x = static_cast<std::uint8_t>(wide);
                std::memcpy(narrow, &x, 1);
                break;
            }
            case 2: {
                const std::uint16_t x = static_cast<std::uint16_t>(wide);
                std::memcpy(narrow, &x, 2);
                break;
            }
            default: {
                const std::uint32_t x = static_cast<std::uint32_t>(wide);
                std::memcpy(narrow, &x, 4);
                break;
            }
            }
        } else {
            std::memcpy(narrow, result, scalarSize(s));
        }
        ret["value"] = loadScalar(s, narrow);
        if (isCharScalar(s))
            ret["char"] = charText(ret["value"].get<int>());
    }

    json argsAfter = json::array();
    for (const Argument &a : arguments)
        argsAfter.push_back(after(a));
    return json {{"ok", true}, {"return", std::move(ret)}, {"args_after", std::move(argsAfter)},
        {"ms", std::chrono::duration<double, std::milli>(end - start).count()}};
}

} // namespace linklab::runner
