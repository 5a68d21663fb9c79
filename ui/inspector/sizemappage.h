// SPDX-License-Identifier: MIT
#pragma once

#include "binary/binaryinfo.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QPushButton;

namespace linklab {

class JobTracker;
class SizeMapView;
class SizeTableModel;
class TablePage;

// Where the bytes of a file go: a treemap of its sections split into their symbols (members first for an
// archive), area = size in memory or in the file, and the same figures in a table below it. One search box dims
// the blocks that do not match and filters the table. Measured on a worker the first time the page is shown.
class SizeMapPage : public QWidget
{
    Q_OBJECT
public:
    explicit SizeMapPage(std::shared_ptr<const BinaryInfo> binary, QWidget *parent = nullptr);

    SizeMapView *view() const { return m_view; }
    TablePage *table() const { return m_table; }
    SizeTableModel *model() const { return m_model; }
    QComboBox *measureCombo() const { return m_measure; }
    QPushButton *exportButton() const { return m_export; }
    // Starts measuring now (the page does when first shown).
    void measure();
    bool isMeasured() const;

Q_SIGNALS:
    // A symbol's block was clicked (or its table row activated): `member` is empty for a plain file.
    void symbolActivated(const QString &member, int symbolIndex, const QString &name);
    void measured();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void chooseExport();
    void activateRow(int row);

    std::shared_ptr<const BinaryInfo> m_binary;
    SizeMapView *m_view;
    SizeTableModel *m_model;
    TablePage *m_table;
    QComboBox *m_measure;
    QPushButton *m_export;
    QLabel *m_summary;
    JobTracker *m_job;
    bool m_started = false;
};

} // namespace linklab
