// SPDX-License-Identifier: MIT
#include "fixturepaths.h"
#include "testsupport.h"

#include "common/jobtracker.h"
#include "workspace/workspacefile.h"
#include "workspace/workspacemodel.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace linklab;

class TestWorkspaceModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loadsOffTheGuiThread();
    void reopeningReturnsTheSameEntry();
    void errorsBecomeFailedEntries_data();
    void errorsBecomeFailedEntries();
    void reloadAndRemove();
    void rebuiltFileKeepsItsEntry();
    void sameNamesShowTheirFolder();
    void staleParseIsDropped();
};

void TestWorkspaceModel::rebuiltFileKeepsItsEntry()
{
    // A build with a version makes libx.so a symlink; rebuilt without one, libx.so is a file. Opening it again
    // (as the Build room does with what it made) must find the entry already there, not add a second one.
    QTemporaryDir dir;
    const QString real = dir.filePath(QStringLiteral("libx.so.1.0"));
    const QString link = dir.filePath(QStringLiteral("libx.so"));
    QVERIFY(QFile::copy(QStringLiteral(LINKLAB_FIXTURE_SHARED), real));
    QVERIFY(QFile::link(QStringLiteral("libx.so.1.0"), link));
    WorkspaceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    WorkspaceFile *entry = model.open(link);
    QTRY_VERIFY(model.loadingFiles().isEmpty());
    QVERIFY(QFile::remove(link));
    QVERIFY(QFile::copy(QStringLiteral(LINKLAB_FIXTURE_SHARED), link));
    bool added = true;
    QCOMPARE(model.open(link, &added), entry);
    QVERIFY(!added);
    QCOMPARE(model.rowCount(), 1);
    // A file that did not exist when it was opened is the same entry once it does.
    const QString later = dir.filePath(QStringLiteral("prog"));
    WorkspaceFile *missing = model.open(later);
    QTRY_COMPARE(missing->state(), WorkspaceFile::State::Failed);
    QVERIFY(QFile::copy(QStringLiteral(LINKLAB_FIXTURE_SHARED), later));
    QCOMPARE(model.open(later, &added), missing);
    QVERIFY(!added);
    QTRY_COMPARE(missing->state(), WorkspaceFile::State::Loaded);
    QCOMPARE(model.rowCount(), 2);
}

void TestWorkspaceModel::sameNamesShowTheirFolder()
{
    QTemporaryDir dir;
    const QString a = dir.filePath(QStringLiteral("one/build-linklab/prog"));
    const QString b = dir.filePath(QStringLiteral("two/build-linklab/prog"));
    for (const QString &path : {a, b}) {
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QVERIFY(QFile::copy(QStringLiteral(LINKLAB_FIXTURE_SHARED), path));
    }
    WorkspaceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    WorkspaceFile *first = model.open(a);
    QTRY_VERIFY(model.loadingFiles().isEmpty());
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("prog"));
    WorkspaceFile *second = model.open(b);
    QTRY_VERIFY(model.loadingFiles().isEmpty());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("prog — …/one/build-linklab"));
    QCOMPARE(model.index(1).data().toString(), QStringLiteral("prog — …/two/build-linklab"));
    model.remove(first);
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("prog"));
    QCOMPARE(model.file(0), second);
}

void TestWorkspaceModel::loadsOffTheGuiThread()
{
    WorkspaceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    WorkspaceFile *shared = model.open(QStringLiteral(LINKLAB_FIXTURE_SHARED));
    WorkspaceFile *archive = model.open(QStringLiteral(LINKLAB_FIXTURE_STATIC));
    QCOMPARE(model.rowCount(), 2);
    // The parse runs on a worker: right after open() the entry says it is loading.
    QCOMPARE(shared->state(), WorkspaceFile::State::Loading);
    const QString sharedName = QFileInfo(QStringLiteral(LINKLAB_FIXTURE_SHARED)).fileName();
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("Loading %1…").arg(sharedName));
    QCOMPARE(model.loadingFiles().size(), 2);

    QTRY_VERIFY(model.loadingFiles().isEmpty());
    QCOMPARE(shared->state(), WorkspaceFile::State::Loaded);
    QCOMPARE(archive->state(), WorkspaceFile::State::Loaded);
    QCOMPARE(model.index(0).data().toString(), sharedName);
    QCOMPARE(model.index(1).data().toString(), QStringLiteral("libfixture.a"));
    QVERIFY(shared->binary()->soname == QLatin1String("libfixture.so.1"));
    QVERIFY(archive->binary()->isArchive());
    QVERIFY(model.index(1).data(Qt::ToolTipRole).toString().contains(QStringLiteral(LINKLAB_FIXTURE_STATIC)));
    QVERIFY(!model.index(0).data(Qt::DecorationRole).value<QIcon>().isNull());
}

void TestWorkspaceModel::reopeningReturnsTheSameEntry()
{
    WorkspaceModel model;
    bool added = false;
    WorkspaceFile *first = model.open(QStringLiteral(LINKLAB_FIXTURE_SHARED), &added);
    QVERIFY(added);
    // Through a symlink (libfixture.so.1 -> libfixture.so.1.2.3) it is the same file.
    const QString link = QStringLiteral(LINKLAB_FIXTURE_DIR "/libfixture.so.1");
    QVERIFY(QFileInfo(link).isSymLink());
    QCOMPARE(model.open(link, &added), first);
    QVERIFY(!added);
    QCOMPARE(model.open(QStringLiteral(LINKLAB_FIXTURE_DIR "/./libfixture.so"), &added), first);
    QCOMPARE(model.rowCount(), 1);
    QTRY_VERIFY(model.loadingFiles().isEmpty());
}

void TestWorkspaceModel::errorsBecomeFailedEntries_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("directory") << QStringLiteral(LINKLAB_FIXTURE_DIR);
    QTest::newRow("missing") << QStringLiteral(LINKLAB_FIXTURE_DIR "/does-not-exist.so");
    QTest::newRow("text file") << QStringLiteral(LINKLAB_SOURCE_DIR "/tests/fixtures/fixture.map");
}

void TestWorkspaceModel::errorsBecomeFailedEntries()
{
    QFETCH(QString, path);
    WorkspaceModel model;
    QSignalSpy changed(&model, &WorkspaceModel::fileStateChanged);
    WorkspaceFile *file = model.open(path);
    QTRY_COMPARE(file->state(), WorkspaceFile::State::Failed);
    QVERIFY(!file->errorMessage().isEmpty());
    QVERIFY(!file->binary());
    QVERIFY(model.index(0).data(Qt::ToolTipRole).toString().contains(file->errorMessage()));
    QCOMPARE(changed.size(), 2); // loading, then failed
}

void TestWorkspaceModel::reloadAndRemove()
{
    WorkspaceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    WorkspaceFile *file = model.open(QStringLiteral(LINKLAB_FIXTURE_OBJECT));
    QTRY_COMPARE(file->state(), WorkspaceFile::State::Loaded);
    const auto before = file->binary();

    // Two reloads in a row: only the newest parse is delivered.
    QSignalSpy changed(file, &WorkspaceFile::stateChanged);
    model.reload(file);
    model.reload(file);
    QTRY_COMPARE(file->state(), WorkspaceFile::State::Loaded);
    QCOMPARE(changed.size(), 3); // loading, loading, loaded
    QVERIFY(file->binary() != before);

    // Removing a file while it loads drops its parse: once the worker is done and its result would have been
    // delivered, nothing changed state and the workspace is still empty.
    model.reload(file);
    QSignalSpy removed(&model, &WorkspaceModel::fileRemoved);
    QSignalSpy stateAfterRemoval(&model, &WorkspaceModel::fileStateChanged);
    model.remove(file);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(model.rowCount(), 0);
    linklab::JobTracker::pool()->waitForDone();
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QCOMPARE(stateAfterRemoval.size(), 0);
    QCOMPARE(model.rowCount(), 0);
}

// A reload while an older parse of the same entry still runs: the older result arrives last and must be dropped.
// The entry's path is a symlink moved from a big library (slow to parse) to the small fixture between the two.
void TestWorkspaceModel::staleParseIsDropped()
{
    const QString big
        = linklab::test::newestInstalled(QStringLiteral("/usr/lib/x86_64-linux-gnu"), QStringLiteral("libLLVM-*.so.1"));
    QVERIFY2(!big.isEmpty(), "no libLLVM-N.so.1 installed (libclang-dev brings one)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString link = dir.filePath(QStringLiteral("lib.so"));
    QVERIFY(QFile::link(QStringLiteral(LINKLAB_FIXTURE_OBJECT), link));
    WorkspaceModel model;
    WorkspaceFile *file = model.open(link);
    QTRY_COMPARE(file->state(), WorkspaceFile::State::Loaded);
    QCOMPARE(file->binary()->kind, BinaryKind::Relocatable);

    QSignalSpy changed(file, &WorkspaceFile::stateChanged);
    QVERIFY(QFile::remove(link) && QFile::link(big, link));
    model.reload(file); // the slow parse
    QTRY_VERIFY(linklab::JobTracker::pool()->activeThreadCount() >= 1);
    QVERIFY(QFile::remove(link) && QFile::link(QStringLiteral(LINKLAB_FIXTURE_SHARED), link));
    model.reload(file); // the one that counts
    QTRY_COMPARE(file->state(), WorkspaceFile::State::Loaded);
    QCOMPARE(file->binary()->soname, QStringLiteral("libfixture.so.1"));
    const auto delivered = file->binary();

    // Let the slow parse finish and its result reach the GUI thread: it must change nothing.
    linklab::JobTracker::pool()->waitForDone();
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QCOMPARE(file->state(), WorkspaceFile::State::Loaded);
    QCOMPARE(file->binary(), delivered);
    QCOMPARE(file->binary()->soname, QStringLiteral("libfixture.so.1"));
    QCOMPARE(changed.size(), 3); // loading, loading, loaded: never the stale one
}

QTEST_MAIN(TestWorkspaceModel)
#include "tst_workspacemodel.moc"
