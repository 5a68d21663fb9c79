// SPDX-License-Identifier: MIT
#pragma once

// The runner's side of the protocol: one JSON object per line in, one per line out. Qt-free, so the runner
// stays a small process and the parser can be fuzzed on its own.
//
// Requests ({"id": any, "op": ..., ...}; the reply echoes "id"):
//   {"op": "open", "path": "./libx.so" | null, "flags": ["lazy"|"now", "global"|"local", "nodelete", "noload",
//    "deepbind"]}                                  -> {"ok", "handle", "call": "dlopen(...)"} | {"ok": false, "error"}
//   {"op": "symbol", "handle", "name"}              -> {"ok", "address", "object", "object_base", "symbol",
//                                                       "symbol_address"} (dladdr's facts)
//   {"op": "call", "handle", "symbol", "prototype", "args", "buffer_size"} -> see callFunction()
//   {"op": "close", "handle"}                       -> {"ok", "status"}
//   {"op": "linkmap"}                               -> {"ok", "objects": [{"path", "base"}]}
//   {"op": "ping"}                                  -> {"ok", "pid"}
// A malformed line or an unknown request gets {"ok": false, "error"}; nothing a request says can crash the
// runner (what the *library* does is another matter: the client watches the process for that).

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>

namespace linklab::runner {

class Server
{
public:
    // Handles one request line; returns the reply (one line of JSON, no newline).
    std::string handleLine(const std::string &line);
    nlohmann::json handle(const nlohmann::json &request);

    // Reads requests from `in` and writes replies to `out` until `in` closes. Returns the process exit status.
    int serve(int in, int out);

private:
    nlohmann::json open(const nlohmann::json &request);
    nlohmann::json symbol(const nlohmann::json &request);
    nlohmann::json call(const nlohmann::json &request);
    nlohmann::json close(const nlohmann::json &request);
    nlohmann::json linkMap();
    void *handleOf(const nlohmann::json &request, std::string *error) const;

    std::map<std::int64_t, void *> m_handles;
    std::map<std::int64_t, std::string> m_paths;
    std::int64_t m_next = 1;
};

// Parses dlopen flags given by name; returns false (and the offending name) on an unknown one.
bool parseDlopenFlags(const nlohmann::json &flags, int *mode, std::string *text, std::string *bad);

} // namespace linklab::runner
