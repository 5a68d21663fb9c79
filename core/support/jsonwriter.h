// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include "support/utf8.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <string>
#include <vector>

namespace linklab {

// Writes compact JSON straight into a string, for output too large to build as a QJsonDocument first (the
// dependency graphs of every program in /usr/bin). Strings are escaped exactly as QJsonDocument::toJson escapes
// them, so when keys are written in sorted order (as QJsonObject keeps them) the bytes are the ones QJsonDocument
// would print: tests/core/support/tst_jsonwriter checks that round trip. A std::string, not a QByteArray: its
// appends are inline, where QByteArray's go through insert() (a third of `deps --json` went there).
class JsonWriter
{
public:
    explicit JsonWriter(std::string &out)
        : m_out(out)
    {
    }

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }
    // The key of the next value, in an object.
    void key(const char *name)
    {
        separate();
        m_out += '"';
        m_out += name;
        m_out += "\":";
        m_afterKey = true;
    }
    void value(const QString &text)
    {
        separate();
        appendString(text);
    }
    void value(const char *text) { value(QString::fromUtf8(text)); }
    void value(bool b)
    {
        separate();
        m_out += b ? "true" : "false";
    }
    void value(int n) { value(qint64(n)); }
    void value(qint64 n)
    {
        separate();
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
        m_out.append(digits, std::size_t(end - digits));
    }
    void null()
    {
        separate();
        m_out += "null";
    }
    void value(const QStringList &list)
    {
        beginArray();
        for (const QString &s : list)
            value(s);
        endArray();
    }
    // A JSON text already complete (a nested document written by another writer).
    void raw(const QByteArray &json)
    {
        separate();
        m_out.append(json.constData(), std::size_t(json.size()));
    }

private:
    void open(char c)
    {
        separate();
        m_out += c;
        m_first.push_back(1);
    }
    void close(char c)
    {
        m_out += c;
        m_first.pop_back();
    }
    void separate()
    {
        if (m_afterKey) {
            m_afterKey = false;
            return;
        }
        if (!m_first.empty()) {
            if (!m_first.back())
                m_out += ',';
            m_first.back() = 0;
        }
    }
    void appendString(const QString &text)
    {
        static const char hex[] = "0123456789abcdef";
        m_out += '"';
        // Nearly every string is printable ASCII with nothing to escape: narrowed in place.
        const std::size_t at = m_out.size();
        const std::size_t n = std::size_t(text.size());
        m_out.resize(at + n);
        if (narrowAscii(reinterpret_cast<const char16_t *>(text.constData()), n, m_out.data() + at, true)) {
            m_out += '"';
            return;
        }
        m_out.resize(at);
        const auto plain = [](char c) { return static_cast<unsigned char>(c) >= 0x20 && c != '"' && c != '\\'; };
        const QByteArray utf8 = text.toUtf8();
        const char *p = utf8.constData();
        const char *const end = p + utf8.size();
        while (p < end) {
            const char *run = p; // the longest run that needs no escape, appended at once
            while (p < end && plain(*p))
                ++p;
            if (p > run)
                m_out.append(run, std::size_t(p - run));
            if (p == end)
                break;
            const auto c = static_cast<unsigned char>(*p++);
            switch (c) {
            case '"': m_out += "\\\""; break;
            case '\\': m_out += "\\\\"; break;
            case '\b': m_out += "\\b"; break;
            case '\f': m_out += "\\f"; break;
            case '\n': m_out += "\\n"; break;
            case '\r': m_out += "\\r"; break;
            case '\t': m_out += "\\t"; break;
            default:
                m_out += "\\u00";
                m_out += hex[c >> 4];
                m_out += hex[c & 15];
            }
        }
        m_out += '"';
    }

    std::string &m_out;
    std::vector<char> m_first; // per open object or array: nothing written in it yet
    bool m_afterKey = false;
};

} // namespace linklab
