// SPDX-License-Identifier: MIT
#pragma once

#include "binary/binaryinfo.h"

#include <QScrollArea>

#include <memory>

class QFormLayout;
class QLabel;

namespace linklab {

// The header facts of one file in plain words: a sentence, then a form (kind, class, machine,
// SONAME, NEEDED, ...) and the warnings from a partly broken file.
class OverviewPage : public QScrollArea
{
    Q_OBJECT
public:
    explicit OverviewPage(QWidget *parent = nullptr);
    void setBinary(const std::shared_ptr<const BinaryInfo> &binary);

    QString sentence() const;
    // The form as "label: value" lines, for tests and for copying.
    QStringList facts() const;
    QStringList warnings() const;

private:
    void addFact(const QString &label, const QString &value, const QString &toolTip = {});
    void addElfFacts(const BinaryInfo &info);
    void addArchiveFacts(const BinaryInfo &info);

    QLabel *m_sentence;
    QLabel *m_warnings;
    QFormLayout *m_form;
    QStringList m_facts;
    QStringList m_warningList;
};

} // namespace linklab
