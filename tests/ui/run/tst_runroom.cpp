// SPDX-License-Identifier: MIT
// The Run room as a student uses it, offscreen: pick the library, type a prototype, fill the form, press Call,
// read the result; arrays out, a crash that the window survives, the link map before and after, the loader's
// own words when dlopen fails, the form refusing a bad value, and prototypes found from a build's sources.
#include "fixturepaths.h"

#include "run/callform.h"
#include "run/runroom.h"
#include "runtime/runnerclient.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace linklab;

class TestRunRoom : public QObject
{
    Q_OBJECT

    static bool linkMapHas(RunRoom &room, const QString &path)
    {
        QTreeWidget *map = room.linkMapView();
        for (int i = 0; i < map->topLevelItemCount(); ++i)
            if (map->topLevelItem(i)->text(0) == path)
                return true;
        return false;
    }

    // Types `declaration` and waits for the form to take it.
    static bool usePrototype(RunRoom &room, const QString &declaration, const QString &name)
    {
        room.useDeclaration(declaration);
        return QTest::qWaitFor([&] { return room.form()->prototype().name == name; }, 10000);
    }

    static CallRecord callAndWait(RunRoom &room)
    {
        QSignalSpy done(&room, &RunRoom::callFinished);
        room.callSelected();
        if (!done.wait(15000))
            return {};
        return done.first().first().value<CallRecord>();
    }

    std::unique_ptr<RunRoom> newRoom()
    {
        auto room = std::make_unique<RunRoom>();
        room->resize(1200, 700);
        return room;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LinkLabTest"));
        QSettings().clear();
        qRegisterMetaType<CallRecord>();
        qputenv("LINKLAB_RUNNER", LINKLAB_RUNNER);
    }

    void courseCallFromTheForm()
    {
        auto room = newRoom();
        QSignalSpy scanned(room.get(), &RunRoom::scanFinished);
        room->setLibraryPath(QStringLiteral(LINKLAB_FIXTURE_CALLS));
        QVERIFY(scanned.wait(15000));
        QVERIFY(room->functions().contains(QStringLiteral("_strlen")));
        QVERIFY(room->functions().contains(QStringLiteral("addvec")));
        QVERIFY(!room->functions().contains(QStringLiteral("calls"))); // a static variable, not a function
        QVERIFY(usePrototype(*room, QStringLiteral("int _strlen(const char *s)"), QStringLiteral("_strlen")));
        room->form()->field(0)->setText(QStringLiteral("Holberton"));
        QVERIFY(room->form()->problem().isEmpty());
        QSignalSpy mapped(room.get(), &RunRoom::linkMapUpdated);
        const CallRecord r = callAndWait(*room);
        QVERIFY(r.reply.ok());
        QCOMPARE(room->resultView()->toPlainText().section(u'\n', 0, 0), QStringLiteral("_strlen(\"Holberton\") = 9"));
        QCOMPARE(room->history()->count(), 1);
        QVERIFY(room->cView()->toPlainText().contains(QLatin1String("dlsym(handle, \"_strlen\")")));
        QVERIFY(room->ctypesView()->toPlainText().contains(QLatin1String("lib._strlen.restype = ctypes.c_int")));
        // Calling loaded the library first: the link map shows it.
        QTRY_VERIFY_WITH_TIMEOUT(linkMapHas(*room, QStringLiteral(LINKLAB_FIXTURE_CALLS)), 10000);
        QVERIFY(room->isLoaded());

        // The textbook's addvec: z comes back filled.
        QVERIFY(usePrototype(
            *room, QStringLiteral("void addvec(int *x, int *y, int *z, int n)"), QStringLiteral("addvec")));
        const QStringList args
            = {QStringLiteral("[1, 2]"), QStringLiteral("[3, 4]"), QStringLiteral("[0, 0]"), QStringLiteral("2")};
        // Picked while loaded: where dlsym finds it, and in which object.
        QTRY_VERIFY_WITH_TIMEOUT(
            room->statusLabel()->text().startsWith(QLatin1String("dlsym(handle, \"addvec\") = 0x")), 10000);
        QVERIFY(room->statusLabel()->text().contains(QStringLiteral(LINKLAB_FIXTURE_CALLS)));
        room->form()->setValues(args);
        QVERIFY(callAndWait(*room).reply.ok());
        QVERIFY2(room->resultView()->toPlainText().contains(QLatin1String("z = [4, 6]")),
            qPrintable(room->resultView()->toPlainText()));

        // Unload: the library leaves the link map.
        room->unloadLibrary();
        QTRY_VERIFY_WITH_TIMEOUT(!linkMapHas(*room, QStringLiteral(LINKLAB_FIXTURE_CALLS)), 10000);
        QVERIFY(!room->isLoaded());
    }

    void crashIsReportedAndTheRoomCarriesOn()
    {
        auto room = newRoom();
        room->setLibraryPath(QStringLiteral(LINKLAB_FIXTURE_CALLS));
        QVERIFY(usePrototype(*room, QStringLiteral("int crash(void)"), QStringLiteral("crash")));
        const CallRecord crashed = callAndWait(*room);
        QCOMPARE(crashed.reply.signal, QStringLiteral("SIGSEGV"));
        QVERIFY(room->resultView()->toPlainText().startsWith(QLatin1String("crash() crashed: SIGSEGV")));
        QVERIFY(!room->isLoaded()); // the runner and the library with it are gone
        // The next call works in a fresh runner.
        QVERIFY(usePrototype(*room, QStringLiteral("int counter(void)"), QStringLiteral("counter")));
        QVERIFY(callAndWait(*room).reply.ok());
        QCOMPARE(room->resultView()->toPlainText().section(u'\n', 0, 0), QStringLiteral("counter() = 1"));
        QVERIFY(callAndWait(*room).reply.ok());
        QCOMPARE(room->resultView()->toPlainText().section(u'\n', 0, 0), QStringLiteral("counter() = 2"));
        // Re-running from the history repeats the call.
        QSignalSpy done(room.get(), &RunRoom::callFinished);
        emit room->history()->itemActivated(room->history()->item(1));
        QVERIFY(done.wait(10000));
        QCOMPARE(room->resultView()->toPlainText().section(u'\n', 0, 0), QStringLiteral("counter() = 3"));
    }

    void dlopenFailureShowsDlerror()
    {
        auto room = newRoom();
        room->setLibraryPath(QStringLiteral("/nonexistent/libgone.so"));
        room->setFlags({QStringLiteral("now"), QStringLiteral("global")});
        QCOMPARE(
            room->callPreview()->text(), QStringLiteral("dlopen(\"/nonexistent/libgone.so\", RTLD_NOW | RTLD_GLOBAL)"));
        QSignalSpy loaded(room.get(), &RunRoom::libraryLoaded);
        room->loadLibrary();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.first().first().toBool(), false);
        QVERIFY2(room->statusLabel()->text().contains(QLatin1String(
                     "/nonexistent/libgone.so: cannot open shared object file: No such file or directory")),
            qPrintable(room->statusLabel()->text()));
    }

    void formRefusesBadValues()
    {
        auto room = newRoom();
        room->setLibraryPath(QStringLiteral(LINKLAB_FIXTURE_CALLS));
        QVERIFY(usePrototype(*room, QStringLiteral("int add(int a, int b)"), QStringLiteral("add")));
        auto *call = room->findChild<QPushButton *>(QStringLiteral("callButton"));
        QVERIFY(call);
        QVERIFY(!call->isEnabled()); // empty fields
        room->form()->setValues({QStringLiteral("1"), QStringLiteral("99999999999")});
        QVERIFY(!call->isEnabled());
        QVERIFY2(room->form()->problem().contains(QLatin1String("out of range for int")),
            qPrintable(room->form()->problem()));
        room->form()->setValues({QStringLiteral("1"), QStringLiteral("0x29")});
        QVERIFY(call->isEnabled());
        QVERIFY(callAndWait(*room).reply.ok());
        QCOMPARE(room->resultView()->toPlainText().section(u'\n', 0, 0), QStringLiteral("add(1, 0x29) = 42"));
        // A variadic prototype is refused before anything runs.
        QVERIFY(usePrototype(*room, QStringLiteral("int printf(const char *f, ...)"), QStringLiteral("printf")));
        QVERIFY(room->form()->problem().contains(QLatin1String("variadic")));
        QVERIFY(!call->isEnabled());
    }

    void prototypesFromTheSourcesItWasBuiltFrom()
    {
        QTemporaryDir dir;
        QFile source(dir.filePath(QStringLiteral("twice.c")));
        QVERIFY(source.open(QIODevice::WriteOnly));
        source.write("double twice(double x) { return 2 * x; }\nint hidden_helper(int y) { return y; }\n");
        source.close();
        QProcess gcc;
        gcc.setWorkingDirectory(dir.path());
        gcc.start(QStringLiteral("gcc"),
            {QStringLiteral("-shared"), QStringLiteral("-fPIC"), QStringLiteral("-MMD"), QStringLiteral("-o"),
                QStringLiteral("libtwice.so"), QStringLiteral("twice.c")});
        QVERIFY(gcc.waitForFinished(60000));
        QCOMPARE(gcc.exitCode(), 0);
        auto room = newRoom();
        QSignalSpy scanned(room.get(), &RunRoom::scanFinished);
        room->setLibraryPath(dir.filePath(QStringLiteral("libtwice.so")));
        QVERIFY(scanned.wait(15000));
        QVERIFY(room->selectFunction(QStringLiteral("twice")));
        QCOMPARE(room->form()->prototype().declaration, QStringLiteral("double twice(double x)"));
        room->form()->setValues({QStringLiteral("21.5")});
        QVERIFY(callAndWait(*room).reply.ok());
        QCOMPARE(room->resultView()->toPlainText().section(u'\n', 0, 0), QStringLiteral("twice(21.5) = 43"));
    }
};

QTEST_MAIN(TestRunRoom)
#include "tst_runroom.moc"
