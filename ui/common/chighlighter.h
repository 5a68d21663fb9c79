// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace linklab {

// C syntax colours for the Build room's source viewer: keywords, types, strings, character constants,
// numbers, comments (// and /* */ across lines) and preprocessor lines.
class CHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit CHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;

private:
    struct Rule {
        QRegularExpression pattern;
        QTextCharFormat format;
    };

    QList<Rule> m_rules; // applied in order: later rules paint over earlier ones
    QTextCharFormat m_comment;
};

} // namespace linklab
