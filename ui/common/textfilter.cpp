// SPDX-License-Identifier: MIT
#include "common/textfilter.h"

namespace linklab {
namespace {

// Qt 6.4's wildcardToRegularExpression treats the pattern as a file path ('*' stops at '/'), but symbol names
// such as "operator/" are not paths. '*' is any run of characters, '?' one character, [...] a set; the rest is
// literal. Unanchored, as the filter matches anywhere in a name.
QString wildcardToRegex(const QString &pattern)
{
    QString out;
    out.reserve(pattern.size() * 2);
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern[i];
        if (c == u'*') {
            out += QStringLiteral(".*");
        } else if (c == u'?') {
            out += u'.';
        } else if (c == u'[') {
            const qsizetype close = pattern.indexOf(u']', i + 2); // "[]...]" keeps a leading ']' in the set
            if (close < 0) {
                out += QStringLiteral("\\[");
                continue;
            }
            QString set = pattern.sliced(i + 1, close - i - 1);
            if (set.startsWith(u'!'))
                set[0] = u'^';
            out += u'[' + set.replace(QStringLiteral("\\"), QStringLiteral("\\\\")) + u']';
            i = close;
        } else {
            out += QRegularExpression::escape(QString(c));
        }
    }
    return out;
}

} // namespace

TextFilter::TextFilter(QString pattern, Mode mode, Qt::CaseSensitivity cs)
    : m_pattern(std::move(pattern))
    , m_mode(mode)
    , m_cs(cs)
{
    if (m_pattern.isEmpty() || m_mode == Mode::Substring)
        return;
    const QString expression = m_mode == Mode::Wildcard ? wildcardToRegex(m_pattern) : m_pattern;
    QRegularExpression::PatternOptions options = QRegularExpression::DontCaptureOption;
    if (m_cs == Qt::CaseInsensitive)
        options |= QRegularExpression::CaseInsensitiveOption;
    m_regex = QRegularExpression(expression, options);
    // The filter runs on every row; JIT-compile up front rather than on the first match.
    m_regex.optimize();
}

bool TextFilter::isValid() const
{
    return m_mode == Mode::Substring || m_pattern.isEmpty() || m_regex.isValid();
}

QString TextFilter::errorString() const
{
    return isValid() ? QString() : m_regex.errorString();
}

bool TextFilter::matches(QStringView text) const
{
    if (m_pattern.isEmpty())
        return true;
    if (m_mode == Mode::Substring)
        return text.contains(m_pattern, m_cs);
    // An invalid regex shows nothing rather than everything, so the mistake is visible.
    return m_regex.isValid() && m_regex.match(text).hasMatch();
}

} // namespace linklab
