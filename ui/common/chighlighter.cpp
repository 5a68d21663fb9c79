// SPDX-License-Identifier: MIT
#include "common/chighlighter.h"

namespace linklab {

namespace {
enum BlockState { Normal = 0, InComment = 1 };

QTextCharFormat charFormat(const QColor &color, bool bold = false, bool italic = false)
{
    QTextCharFormat f;
    f.setForeground(color);
    if (bold)
        f.setFontWeight(QFont::Bold);
    f.setFontItalic(italic);
    return f;
}

QRegularExpression words(const char *list)
{
    return QRegularExpression(QStringLiteral("\\b(?:%1)\\b").arg(QLatin1String(list)));
}
} // namespace

CHighlighter::CHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
    , m_comment(charFormat(QColor(0x6a, 0x73, 0x7d), false, true))
{
    // C11/C17 keywords (without the type names, which get their own colour).
    m_rules.append({words("auto|break|case|const|continue|default|do|else|enum|extern|for|goto|if|inline|"
                          "register|restrict|return|sizeof|static|struct|switch|typedef|union|volatile|while|"
                          "_Alignas|_Alignof|_Atomic|_Generic|_Noreturn|_Static_assert|_Thread_local"),
        charFormat(QColor(0x00, 0x33, 0xb3), true)});
    m_rules.append({words("void|char|short|int|long|float|double|signed|unsigned|_Bool|bool|_Complex|"
                          "size_t|ssize_t|ptrdiff_t|intptr_t|uintptr_t|off_t|FILE|"
                          "u?int(?:8|16|32|64)_t|NULL|true|false"),
        charFormat(QColor(0x87, 0x10, 0x94))});
    // Numbers: decimal, hex, octal, floating point with exponent and suffixes.
    m_rules.append(
        {QRegularExpression(QStringLiteral("\\b(?:0[xX][0-9a-fA-F']+|[0-9][0-9']*(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)"
                                           "[uUlLfF]*\\b")),
            charFormat(QColor(0x17, 0x50, 0xeb))});
    m_rules.append({QRegularExpression(QStringLiteral("'(?:\\\\.|[^'\\\\])*'")), charFormat(QColor(0x06, 0x7d, 0x17))});
    m_rules.append(
        {QRegularExpression(QStringLiteral("\"(?:\\\\.|[^\"\\\\])*\"")), charFormat(QColor(0x06, 0x7d, 0x17))});
    // A preprocessor line: the directive and everything after it (includes <...> too).
    m_rules.append(
        {QRegularExpression(QStringLiteral("^\\s*#\\s*[a-z]+\\b")), charFormat(QColor(0x9e, 0x6a, 0x03), true)});
    m_rules.append(
        {QRegularExpression(QStringLiteral("(?<=#include)\\s*<[^>]*>")), charFormat(QColor(0x06, 0x7d, 0x17))});
}

void CHighlighter::highlightBlock(const QString &text)
{
    for (const Rule &rule : std::as_const(m_rules)) {
        for (auto it = rule.pattern.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch match = it.next();
            setFormat(int(match.capturedStart()), int(match.capturedLength()), rule.format);
        }
    }

    // Comments last: they win over everything inside them. A quote before "//" or "/*" means the marker may be
    // inside a string, so scan the line once, tracking string and character literals.
    int start = previousBlockState() == InComment ? 0 : -1;
    setCurrentBlockState(Normal);
    QChar quote;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        const QChar next = i + 1 < text.size() ? text.at(i + 1) : QChar();
        if (start >= 0) { // inside /* */
            if (c == u'*' && next == u'/') {
                setFormat(start, i + 2 - start, m_comment);
                start = -1;
                ++i;
            }
            continue;
        }
        if (!quote.isNull()) {
            if (c == u'\\')
                ++i;
            else if (c == quote)
                quote = QChar();
            continue;
        }
        if (c == u'"' || c == u'\'') {
            quote = c;
        } else if (c == u'/' && next == u'/') {
            setFormat(i, int(text.size()) - i, m_comment);
            return;
        } else if (c == u'/' && next == u'*') {
            start = i;
            ++i;
        }
    }
    if (start >= 0) {
        setFormat(start, int(text.size()) - start, m_comment);
        setCurrentBlockState(InComment);
    }
}

} // namespace linklab
