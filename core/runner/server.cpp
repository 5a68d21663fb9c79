// SPDX-License-Identifier: MIT
#include "runner/server.h"

#include "runner/callengine.h"

#include <dlfcn.h>
#include <link.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace linklab::runner {
using json = nlohmann::json;
namespace {

std::string hexAddress(std::uintptr_t p)
{
    char text[32];
    std::snprintf(text, sizeof text, "0x%llx", static_cast<unsigned long long>(p));
    return text;
}

json failure(std::string why)
{
    return json {{"ok", false}, {"error", std::move(why)}};
}

std::string lastDlError(const char *fallback)
{
    const char *e = dlerror();
    return e ? std::string(e) : std::string(fallback);
}

bool writeAll(int fd, const std::string &data)
{
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += std::size_t(n);
    }
    return true;
}

} // namespace

bool parseDlopenFlags(const json &flags, int *mode, std::string *text, std::string *bad)
{
    int binding = 0;
    int extra = 0;
    bool sawLocal = false;
    const json list = flags.is_null() ? json::array() : flags;
    if (!list.is_array()) {
        *bad = list.dump();
        return false;
    }
    for (const json &f : list) {
        if (!f.is_string()) {
            *bad = f.dump();
            return false;
        }
        std::string name = f.get<std::string>();
        for (char &c : name)
            c = char(std::tolower(static_cast<unsigned char>(c)));
        if (name.rfind("rtld_", 0) == 0)
            name = name.substr(5);
        if (name == "lazy")
            binding = RTLD_LAZY;
        else if (name == "now")
            binding = RTLD_NOW;
        else if (name == "global")
            extra |= RTLD_GLOBAL;
        else if (name == "local")
            sawLocal = true; // RTLD_LOCAL is 0: the default, named for the reader
        else if (name == "nodelete")
            extra |= RTLD_NODELETE;
        else if (name == "noload")
            extra |= RTLD_NOLOAD;
        else if (name == "deepbind")
            extra |= RTLD_DEEPBIND;
        else {
            *bad = f.get<std::string>();
            return false;
        }
    }
    if (binding == 0)
        binding = RTLD_LAZY; // dlopen needs one of the two; RTLD_LAZY is what the textbook starts with
    *mode = binding | extra;
    std::string out = binding == RTLD_NOW ? "RTLD_NOW" : "RTLD_LAZY";
    const std::pair<int, const char *> names[] = {{RTLD_GLOBAL, "RTLD_GLOBAL"}, {RTLD_NODELETE, "RTLD_NODELETE"},
        {RTLD_NOLOAD, "RTLD_NOLOAD"}, {RTLD_DEEPBIND, "RTLD_DEEPBIND"}};
    for (const auto &[bit, label] : names)
        if (extra & bit)
            out += std::string(" | ") + label;
    if ((extra & RTLD_GLOBAL) == 0 && sawLocal)
        out += " | RTLD_LOCAL";
    *text = out;
    return true;
}

std::string Server::handleLine(const std::string &line)
{
    json request = json::parse(line, nullptr, false);
    json reply;
    if (request.is_discarded())
        reply = failure("malformed request: not a JSON object on one line");
    else
        reply = handle(request);
    return reply.dump(-1, ' ', false, json::error_handler_t::replace);
}

json Server::handle(const json &request)
{
    json reply;
    try {
        if (!request.is_object()) {
            reply = failure("malformed request: not a JSON object");
        } else {
            const json op = request.value("op", json());
            if (!op.is_string())
                reply = failure("malformed request: no \"op\"");
            else if (op == "open")
                reply = open(request);
            else if (op == "symbol")
                reply = symbol(request);
            else if (op == "call")
                reply = call(request);
            else if (op == "close")
                reply = close(request);
            else if (op == "linkmap")
                reply = linkMap();
            else if (op == "ping")
                reply = json {{"ok", true}, {"pid", ::getpid()}};
            else
                reply = failure("unknown request \"" + op.get<std::string>() + "\"");
        }
    } catch (const json::exception &e) {
        reply = failure(std::string("malformed request: ") + e.what());
    }
    if (request.is_object() && request.contains("id"))
        reply["id"] = request["id"];
    return reply;
}

json Server::open(const json &request)
{
    const json path = request.value("path", json());
    if (!path.is_string() && !path.is_null())
        return failure("open: \"path\" must be a string (or null for the runner itself)");
    int mode = 0;
    std::string flagsText, bad;
    if (!parseDlopenFlags(request.value("flags", json()), &mode, &flagsText, &bad))
        return failure("open: unknown flag " + bad + " (lazy, now, global, local, nodelete, noload, deepbind)");
    const std::string file = path.is_string() ? path.get<std::string>() : std::string();
    if (path.is_string() && file.find('\0') != std::string::npos)
        return failure("open: the path contains a NUL byte");
    const std::string call
        = "dlopen(" + (path.is_string() ? json(file).dump() : std::string("NULL")) + ", " + flagsText + ")";
    dlerror();
    void *handle = dlopen(path.is_string() ? file.c_str() : nullptr, mode);
    if (!handle) {
        const char *e = dlerror();
        std::string why = e ? e : "";
        if (why.empty() && (mode & RTLD_NOLOAD))
            why = file + ": not loaded (RTLD_NOLOAD opens only a library that is already loaded)";
        return json {{"ok", false}, {"error", why}, {"call", call}};
    }
    const std::int64_t id = m_next++;
    m_handles[id] = handle;
    m_paths[id] = file;
    return json {{"ok", true}, {"handle", id}, {"call", call}};
}

void *Server::handleOf(const json &request, std::string *error) const
{
    const json h = request.value("handle", json());
    if (!h.is_number_integer()) {
        *error = "no \"handle\": open the library first";
        return nullptr;
    }
    const auto it = m_handles.find(h.get<std::int64_t>());
    if (it == m_handles.end()) {
        *error = "handle " + h.dump() + " is not open (closed, or the runner was restarted)";
        return nullptr;
    }
    return it->second;
}

json Server::symbol(const json &request)
{
    std::string error;
    void *handle = handleOf(request, &error);
    if (!handle)
        return failure("symbol: " + error);
    const json name = request.value("name", json());
    if (!name.is_string() || name.get<std::string>().empty())
        return failure("symbol: no \"name\"");
    dlerror();
    void *address = dlsym(handle, name.get<std::string>().c_str());
    if (const char *e = dlerror())
        return failure(e);
    json reply = {{"ok", true}, {"address", hexAddress(reinterpret_cast<std::uintptr_t>(address))}};
    Dl_info info {};
    if (address && dladdr(address, &info)) {
        reply["object"] = info.dli_fname ? info.dli_fname : "";
        reply["object_base"] = hexAddress(reinterpret_cast<std::uintptr_t>(info.dli_fbase));
        reply["symbol"] = info.dli_sname ? json(info.dli_sname) : json();
        reply["symbol_address"] = hexAddress(reinterpret_cast<std::uintptr_t>(info.dli_saddr));
    }
    return reply;
}

json Server::call(const json &request)
{
    std::string error;
    void *handle = handleOf(request, &error);
    if (!handle)
        return failure("call: " + error);
    const json name = request.value("symbol", json());
    if (!name.is_string() || name.get<std::string>().empty())
        return failure("call: no \"symbol\"");
    dlerror();
    void *address = dlsym(handle, name.get<std::string>().c_str());
    if (const char *e = dlerror())
        return failure(e);
    if (!address)
        return failure(name.get<std::string>() + " is at address 0: nothing to call");
    CallOptions options;
    const json size = request.value("buffer_size", json());
    if (size.is_number_unsigned() || size.is_number_integer()) {
        const long long n = size.get<long long>();
        if (n < 1 || n > (64 << 20))
            return failure("call: buffer_size must be between 1 and 67108864 bytes");
        options.bufferSize = std::size_t(n);
    }
    return callFunction(address, request.value("prototype", json()), request.value("args", json::array()), options);
}

json Server::close(const json &request)
{
    std::string error;
    void *handle = handleOf(request, &error);
    if (!handle)
        return failure("close: " + error);
    const std::int64_t id = request["handle"].get<std::int64_t>();
    dlerror();
    const int status = dlclose(handle);
    m_handles.erase(id);
    m_paths.erase(id);
    if (status != 0)
        return json {{"ok", false}, {"status", status}, {"error", lastDlError("dlclose failed")}};
    return json {{"ok", true}, {"status", status}};
}

json Server::linkMap()
{
    json objects = json::array();
    dl_iterate_phdr(
        [](dl_phdr_info *info, size_t, void *data) {
            auto *list = static_cast<json *>(data);
            std::string path = info->dlpi_name ? info->dlpi_name : "";
            if (path.empty() && list->empty()) {
                char self[4096];
                const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
                path = n > 0 ? std::string(self, std::size_t(n)) : std::string("(the runner)");
            }
            if (path.empty())
                path = "(vdso)";
            list->push_back({{"path", path}, {"base", hexAddress(info->dlpi_addr)}});
            return 0;
        },
        &objects);
    return json {{"ok", true}, {"objects", std::move(objects)}};
}

int Server::serve(int in, int out)
{
    std::FILE *input = ::fdopen(in, "r");
    if (!input)
        return 2;
    char *line = nullptr;
    size_t capacity = 0;
    ssize_t length;
    while ((length = ::getline(&line, &capacity, input)) >= 0) {
        std::string text(line, std::size_t(length));
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
            text.pop_back();
        if (text.empty())
            continue;
        if (!writeAll(out, handleLine(text) + '\n'))
            break;
    }
    std::free(line);
    std::fclose(input);
    return 0;
}

} // namespace linklab::runner
