// SPDX-License-Identifier: MIT
#pragma once

// One call of a C function through libffi, from a prototype and arguments as JSON values, with every argument
// checked against its type before anything is called. Qt-free: this runs inside linklab-runner.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>

namespace linklab::runner {

struct CallOptions {
    // A non-const `char *` (or `void *`) given a string gets a writable buffer of at least this many bytes,
    // so that functions that write into it (strcat, sprintf into a buffer) have room.
    std::size_t bufferSize = 256;
};

// Checks `args` against `prototype` ({"return": "int", "params": [{"name", "type"}], "variadic": false}), then
// calls `function`. Returns {"ok": true, "return": {"type", "value", ...}, "args_after": [{"type", "value"}],
// "ms": double} or, when the call was refused before it was made, {"ok": false, "error": "why"}.
// Argument values: JSON numbers, or strings in decimal, hex ("0x1f"), 'A' for a character, true/false for _Bool;
// null (or "null") for a NULL pointer; for `T *` an array ([1, 2] or "[1, 2]") or one value, passed as a buffer
// that is shown again after the call.
nlohmann::json callFunction(
    void *function, const nlohmann::json &prototype, const nlohmann::json &args, const CallOptions &options = {});

// Checks one argument against its type exactly as callFunction() would, without calling anything: the reason it
// would be refused, or nothing. (The Run room validates its form with it as the user types.)
std::optional<std::string> checkArgument(const std::string &type, const nlohmann::json &value);

// The NUL-terminated string at `address`, read without faulting (bytes that cannot be read end it early);
// `readable` is false when not even the first byte could be read.
std::string readStringAt(const void *address, std::size_t limit, bool *readable);

} // namespace linklab::runner
