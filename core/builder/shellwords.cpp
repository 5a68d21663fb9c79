// SPDX-License-Identifier: MIT
#include "builder/shellwords.h"

#include <QRegularExpression>

namespace linklab {

namespace {
const QRegularExpression &plainWord()
{
    // Characters no POSIX shell treats specially in a word (and '=' ',' ':' '@' '%' '+' which are safe too).
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    return re;
}

} // namespace

QString shellQuote(const QString &word)
{
    if (!word.isEmpty() && plainWord().match(word).hasMatch())
        return word;
    QString quoted = word;
    quoted.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + quoted + u'\'';
}

QString commandLine(const QStringList &argv)
{
    QStringList words;
    words.reserve(argv.size());
    for (const QString &a : argv)
        words.append(shellQuote(a));
    return words.join(u' ');
}

Result<QStringList> splitShellWords(const QString &text)
{
    QStringList words;
    QString word;
    bool inWord = false;
    enum { None, Single, Double } quote = None;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quote == Single) {
            if (c == u'\'')
                quote = None;
            else
                word += c;
            continue;
        }
        if (quote == Double) {
            if (c == u'"') {
                quote = None;
            } else if (c == u'\\' && i + 1 < text.size() && QStringView(u"$`\"\\\n").contains(text[i + 1])) {
                word += text[++i];
            } else {
                word += c;
            }
            continue;
        }
        if (c.isSpace()) {
            if (inWord)
                words.append(word);
            word.clear();
            inWord = false;
            continue;
        }
        inWord = true;
        if (c == u'\'') {
            quote = Single;
        } else if (c == u'"') {
            quote = Double;
        } else if (c == u'\\') {
            if (i + 1 < text.size())
                word += text[++i];
        } else {
            word += c;
        }
    }
    if (quote != None)
        return Failure {QStringLiteral("a quote is not closed")};
    if (inWord)
        words.append(word);
    return words;
}

} // namespace linklab
