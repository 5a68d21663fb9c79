// SPDX-License-Identifier: MIT
#include "version.h"
#include "window/mainwindow.h"
#include "window/singleinstance.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    // QSettings reads these: the recent files, window geometry and last directory live under "LinkLab".
    QApplication::setOrganizationName(QStringLiteral("LinkLab"));
    QApplication::setApplicationName(QStringLiteral("LinkLab"));
    QApplication::setApplicationDisplayName(QStringLiteral("LinkLab"));
    QApplication::setApplicationVersion(QStringLiteral(LINKLAB_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("linklab"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main",
        "A desktop lab for C libraries: inspect object files, archives, "
        "shared libraries and executables."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("file"), QApplication::translate("main", "Files to open."), QStringLiteral("[FILE...]"));
    const QCommandLineOption newWindow(QStringLiteral("new-window"),
        QApplication::translate("main", "Open a window of its own, even when LinkLab is already running."));
    parser.addOption(newWindow);
    parser.process(app);

    // A LinkLab already running takes the files, as desktop applications do.
    linklab::SingleInstance instance;
    if (!parser.isSet(newWindow) && instance.sendToRunning(parser.positionalArguments()))
        return 0;

    linklab::MainWindow window;
    // The first window answers the next `linklab FILE`; a --new-window beside a running one leaves it that role.
    if (!parser.isSet(newWindow) || !instance.isRunning())
        instance.listen();
    QObject::connect(&instance, &linklab::SingleInstance::filesReceived, &window, &linklab::MainWindow::receiveFiles);
    window.show();
    if (!parser.positionalArguments().isEmpty())
        window.receiveFiles(parser.positionalArguments());
    return app.exec();
}
