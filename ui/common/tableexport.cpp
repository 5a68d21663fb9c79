// SPDX-License-Identifier: MIT
#include "common/tableexport.h"

#include "common/roles.h"

#include <QAbstractItemModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace linklab::tableexport {

namespace {

QStringList headers(const QAbstractItemModel *model)
{
    QStringList titles;
    for (int column = 0; column < model->columnCount(); ++column)
        titles.append(model->headerData(column, Qt::Horizontal).toString());
    return titles;
}

QStringList rowTexts(const QAbstractItemModel *model, int row, const QModelIndex &parent)
{
    QStringList texts;
    for (int column = 0; column < model->columnCount(parent); ++column)
        texts.append(model->index(row, column, parent).data().toString());
    return texts;
}

bool isTree(const QAbstractItemModel *model)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->hasChildren(model->index(row, 0)))
            return true;
    }
    return false;
}

QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n'))
        && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString csvLine(const QStringList &fields)
{
    QStringList quoted;
    quoted.reserve(fields.size());
    for (const QString &field : fields)
        quoted.append(csvField(field));
    return quoted.join(QLatin1Char(',')) + QStringLiteral("\r\n");
}

void appendCsvRows(const QAbstractItemModel *model, const QModelIndex &parent, bool tree, QString &out)
{
    const QString parentName = parent.isValid() ? parent.siblingAtColumn(0).data().toString() : QString();
    for (int row = 0; row < model->rowCount(parent); ++row) {
        QStringList fields = rowTexts(model, row, parent);
        if (tree)
            fields.prepend(parentName);
        out += csvLine(fields);
        const QModelIndex child = model->index(row, 0, parent);
        if (tree && model->hasChildren(child))
            appendCsvRows(model, child, tree, out);
    }
}

// A cell's text as a JSON number when it is plain decimal (a hex address stays as shown, and values beyond 2^53
// would lose precision in most JSON readers).
std::optional<double> decimal(const QString &text)
{
    bool ok = false;
    const qlonglong number = text.toLongLong(&ok);
    if (ok && QString::number(number) == text && qAbs(number) < (qlonglong(1) << 53))
        return double(number);
    return std::nullopt;
}

QJsonArray jsonRows(const QAbstractItemModel *model, const QModelIndex &parent, const QStringList &titles)
{
    // One type per column: numbers only where every row of this level is decimal, so a column never mixes
    // 31 and "6", and a name that happens to be all digits stays text.
    const int rowCount = model->rowCount(parent);
    QList<bool> numeric(titles.size(), rowCount > 0);
    for (int column = 0; column < titles.size(); ++column)
        for (int row = 0; row < rowCount && numeric[column]; ++row)
            numeric[column] = decimal(model->index(row, column, parent).data().toString()).has_value();
    QJsonArray rows;
    for (int row = 0; row < rowCount; ++row) {
        QJsonObject object;
        for (int column = 0; column < titles.size(); ++column) {
            const QString text = model->index(row, column, parent).data().toString();
            object.insert(titles.at(column), numeric[column] ? QJsonValue(*decimal(text)) : QJsonValue(text));
        }
        const QModelIndex child = model->index(row, 0, parent);
        if (model->hasChildren(child))
            object.insert(QStringLiteral("children"), jsonRows(model, child, titles));
        rows.append(object);
    }
    return rows;
}

} // namespace

QString rowsToTsv(const QAbstractItemModel *model, const QModelIndexList &rows)
{
    QString out = headers(model).join(QLatin1Char('\t')) + QLatin1Char('\n');
    for (const QModelIndex &index : rows) {
        QStringList texts = rowTexts(model, index.row(), index.parent());
        // A tab or newline inside a cell would break the columns when pasted into a spreadsheet.
        for (QString &text : texts)
            text.replace(QLatin1Char('\t'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
        out += texts.join(QLatin1Char('\t')) + QLatin1Char('\n');
    }
    return out;
}

QByteArray toCsv(const QAbstractItemModel *model)
{
    const bool tree = isTree(model);
    QStringList titles = headers(model);
    if (tree)
        titles.prepend(QStringLiteral("Parent"));
    QString out = csvLine(titles);
    appendCsvRows(model, {}, tree, out);
    return out.toUtf8();
}

QByteArray toJson(const QAbstractItemModel *model)
{
    return QJsonDocument(jsonRows(model, {}, headers(model))).toJson(QJsonDocument::Indented);
}

} // namespace linklab::tableexport
