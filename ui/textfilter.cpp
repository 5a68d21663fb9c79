// SPDX-License-Identifier: MIT
#include "textfilter.h"

namespace linklab {

TextFilter::TextFilter(QString pattern, Mode mode, Qt::CaseSensitivity cs)
    : m_pattern(std::move(pattern))
    , m_mode(mode)
    , m_cs(cs)
{
    if (m_pattern.isEmpty() || m_mode == Mode::Substring)
        return;
    const QString expression = m_mode == Mode::Wildcard
        ? QRegularExpression::wildcardToRegularExpression(m_pattern, QRegularExpression::UnanchoredWildcardConversion)
        : m_pattern;
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
