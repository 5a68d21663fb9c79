// SPDX-License-Identifier: MIT
#pragma once

#include <QRegularExpression>
#include <QString>
#include <QStringView>

namespace linklab {

// A text pattern as the user typed it in a filter bar, compiled once so that matching
// tens of thousands of rows stays cheap.
class TextFilter
{
public:
    enum class Mode {
        Substring, // "deflate" matches "deflateInit_"
        Wildcard, // "deflate*Init" (unanchored, as QSortFilterProxyModel's wildcard)
        Regex, // "^inflate(Init|End)"
    };

    TextFilter() = default;
    TextFilter(QString pattern, Mode mode, Qt::CaseSensitivity cs);

    bool isEmpty() const { return m_pattern.isEmpty(); }
    bool isValid() const; // false for a regex that does not compile
    QString errorString() const;
    bool matches(QStringView text) const;

    const QString &pattern() const { return m_pattern; }
    Mode mode() const { return m_mode; }
    Qt::CaseSensitivity caseSensitivity() const { return m_cs; }

private:
    QString m_pattern;
    Mode m_mode = Mode::Substring;
    Qt::CaseSensitivity m_cs = Qt::CaseInsensitive;
    QRegularExpression m_regex; // wildcard and regex modes
};

} // namespace linklab
