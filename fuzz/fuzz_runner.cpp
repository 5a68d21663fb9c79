// SPDX-License-Identifier: MIT
// libFuzzer harness for linklab-runner's request parsing: the protocol server (malformed lines, every request
// with wrong fields) and the argument checker (a C type spelling on the first line, a JSON value after it: the
// text a user types into the Run room's form). "open" requests are skipped: loading what the fuzzer names would
// run that library's code, which is the runner's job, not a parser's.
#include "runner/callengine.h"
#include "runner/ctype.h"
#include "runner/server.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string input(reinterpret_cast<const char *>(data), size);
    const nlohmann::json request = nlohmann::json::parse(input, nullptr, false);
    if (!(request.is_object() && request.contains("op") && request["op"] == "open")) {
        static linklab::runner::Server server;
        (void)server.handleLine(input);
    }
    const std::size_t nl = input.find('\n');
    const std::string type = input.substr(0, nl);
    (void)linklab::runner::parseCType(type);
    if (nl != std::string::npos) {
        const nlohmann::json value = nlohmann::json::parse(input.substr(nl + 1), nullptr, false);
        if (!value.is_discarded())
            (void)linklab::runner::checkArgument(type, value);
        (void)linklab::runner::checkArgument(type, nlohmann::json(input.substr(nl + 1)));
    }
    return 0;
}
