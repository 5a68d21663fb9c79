// SPDX-License-Identifier: MIT
// `linklab FILE` while LinkLab runs: the running window takes the file instead of a second window opening.
#include "fixturepaths.h"

#include "window/mainwindow.h"
#include "window/singleinstance.h"
#include "workspace/workspacefile.h"
#include "workspace/workspacemodel.h"

#include <QDir>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

using namespace linklab;

class TestSingleInstance : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LinkLabTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_singleinstance"));
        QVERIFY(m_tmp.isValid());
    }

    void nobodyRunning()
    {
        // No instance: sending fails at once, so the caller opens its own window (and listens).
        SingleInstance client(socketName(QStringLiteral("none")));
        QVERIFY(!client.isRunning(200));
        QVERIFY(!client.sendToRunning({QStringLiteral("/x")}, 200));
    }

    void runningWindowTakesTheFiles()
    {
        MainWindow window;
        window.show();
        const QString name = socketName(QStringLiteral("window"));
        SingleInstance server(name);
        QVERIFY(server.listen());
        connect(&server, &SingleInstance::filesReceived, &window, &MainWindow::receiveFiles);
        QSignalSpy received(&server, &SingleInstance::filesReceived);

        // The second `linklab` runs in another process; here its blocking send runs on another thread, so that
        // this thread's event loop can answer it. A relative path is made absolute by the sender.
        const QString relative = QDir::current().relativeFilePath(QStringLiteral(LINKLAB_FIXTURE_SHARED));
        QFuture<bool> sent = QtConcurrent::run([name, relative] {
            return SingleInstance(name).sendToRunning({relative, QStringLiteral(LINKLAB_FIXTURE_STATIC)});
        });
        QVERIFY(received.wait(10000));
        QTRY_VERIFY(sent.isFinished());
        QVERIFY(sent.result());
        QCOMPARE(received.constFirst().constFirst().toStringList(),
            (QStringList {QStringLiteral(LINKLAB_FIXTURE_SHARED), QStringLiteral(LINKLAB_FIXTURE_STATIC)}));
        // Opened in this window's workspace, the first selected.
        QCOMPARE(window.workspace()->rowCount(), 2);
        QCOMPARE(window.currentFile()->path(), QStringLiteral(LINKLAB_FIXTURE_SHARED));
        QTRY_VERIFY(window.workspace()->loadingFiles().isEmpty());

        // `linklab` with no file only brings the window forward.
        received.clear();
        QFuture<bool> empty = QtConcurrent::run([name] { return SingleInstance(name).sendToRunning({}); });
        QVERIFY(received.wait(10000));
        QTRY_VERIFY(empty.isFinished());
        QVERIFY(empty.result());
        QCOMPARE(received.constFirst().constFirst().toStringList(), QStringList());
        QCOMPARE(window.workspace()->rowCount(), 2);
    }

    void staleSocketIsReplaced()
    {
        // A crashed instance leaves its socket file behind: the next one replaces it instead of failing.
        const QString name = socketName(QStringLiteral("stale"));
        QFile leftover(name);
        QVERIFY(leftover.open(QIODevice::WriteOnly));
        leftover.close();
        SingleInstance server(name);
        QVERIFY(server.listen());
        QVERIFY(server.isListening());
        QFuture<bool> running = QtConcurrent::run([name] { return SingleInstance(name).isRunning(); });
        QTRY_VERIFY(running.isFinished());
        QVERIFY(running.result());
    }

private:
    QString socketName(const QString &what) const { return m_tmp.filePath(what + QStringLiteral(".socket")); }

    QTemporaryDir m_tmp;
};

QTEST_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
