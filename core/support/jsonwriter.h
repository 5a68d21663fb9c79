// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include "support/utf8.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <vector>

namespace linklab {

// Writes compact JSON straight into a byte array, for output too large to build as a QJsonDocument first (the
// dependency graphs of every program in /usr/bin). Strings are escaped exactly as QJsonDocument::toJson escapes
// them, so when keys are written in sorted order (as QJsonObject keeps them) the bytes are the ones QJsonDocument
// would print: tests/core/support/tst_jsonwriter checks that round trip.
class JsonWriter
{
public:
    explicit JsonWriter(QByteArray &out)
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
        const std::size_t length = std::strlen(name);
        char *p = grow(qsizetype(length) + 3);
        *p++ = '"';
        std::memcpy(p, name, length);
        p[length] = '"';
        p[length + 1] = ':';
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
        if (b)
            m_out.append("true", 4);
        else
            m_out.append("false", 5);
    }
    void value(int n) { value(qint64(n)); }
    void value(qint64 n)
    {
        separate();
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
        m_out.append(digits, end - digits);
    }
    void null()
    {
        separate();
        m_out.append("null", 4);
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
        m_out += json;
    }

private:
    // Room for `n` more bytes at the end, returned for writing.
    char *grow(qsizetype n)
    {
        const qsizetype at = m_out.size();
        m_out.resize(at + n);
        return m_out.data() + at;
    }
    void open(char c)
    {
        separate();
        m_out += c;
        m_first.push_back(true);
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
            m_first.back() = false;
        }
    }
    void appendString(const QString &text)
    {
        static const char hex[] = "0123456789abcdef";
        m_out += '"';
        const qsizetype at = m_out.size();
        appendUtf8(m_out, text);
        const auto plain = [](char c) { return static_cast<unsigned char>(c) >= 0x20 && c != '"' && c != '\\'; };
        if (std::all_of(m_out.cbegin() + at, m_out.cend(), plain)) { // nearly every string: nothing to escape
            m_out += '"';
            return;
        }
        const QByteArray utf8 = m_out.mid(at);
        m_out.truncate(at);
        const char *p = utf8.constData();
        const char *const end = p + utf8.size();
        while (p < end) {
            const char *run = p; // the longest run that needs no escape, appended at once
            while (p < end && static_cast<unsigned char>(*p) >= 0x20 && *p != '"' && *p != '\\')
                ++p;
            if (p > run)
                m_out.append(run, p - run);
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

    QByteArray &m_out;
    std::vector<bool> m_first; // per open object or array: nothing written in it yet
    bool m_afterKey = false;
};

} // namespace linklab
