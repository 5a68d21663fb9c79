// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace linklab {

// Why something could not be done, in plain words for the person who asked.
struct Failure {
    QString reason;
};

// A value or the reason there is none: what every check and parser in core returns, so that "OK" is never
// spelled as an empty string and the reason always travels with the failure.
//
//     Result<QStringList> words = splitShellWords(text);
//     if (!words)
//         return words.failure();
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_state(std::move(value))
    {
    }
    Result(Failure failure)
        : m_state(std::move(failure))
    {
    }

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<T>(m_state); }
    const T &value() const & { return std::get<T>(m_state); }
    T &&value() && { return std::get<T>(std::move(m_state)); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    T &&operator*() && { return std::move(*this).value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T valueOr(T fallback) const { return ok() ? value() : std::move(fallback); }

    const Failure &failure() const { return std::get<Failure>(m_state); }
    // Empty when ok().
    QString reason() const { return ok() ? QString() : failure().reason; }

private:
    std::variant<T, Failure> m_state;
};

// The outcome of a check with nothing to return: ok, or the reason it failed.
class [[nodiscard]] Check
{
public:
    Check() = default; // ok
    Check(Failure failure)
        : m_reason(std::move(failure.reason))
        , m_ok(false)
    {
    }
    static Check fail(QString reason) { return Failure {std::move(reason)}; }

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    // Empty when ok().
    const QString &reason() const { return m_reason; }

private:
    QString m_reason;
    bool m_ok = true;
};

} // namespace linklab
