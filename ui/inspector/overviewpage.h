// SPDX-License-Identifier: MIT
#pragma once

#include "binary/binaryinfo.h"
#include "binary/openbinary.h"

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
    // `stage` says what a staged read has brought in so far: the symbol and relocation facts read "reading…"
    // until their stage arrives.
    void setBinary(const std::shared_ptr<const BinaryInfo> &binary, LoadStage stage = LoadStage::Complete);

    QString sentence() const;
    // The form as "label: value" lines, for tests and for copying.
    QStringList facts() const;
    QStringList warnings() const;

private:
    void addFact(const QString &label, const QString &value, const QString &toolTip = {});
    void addElfFacts(const BinaryInfo &info, LoadStage stage);
    void addArchiveFacts(const BinaryInfo &info);

    QLabel *m_sentence;
    QLabel *m_warnings;
    QFormLayout *m_form;
    QStringList m_facts;
    QStringList m_warningList;
};

} // namespace linklab
