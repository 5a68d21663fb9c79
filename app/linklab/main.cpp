// SPDX-License-Identifier: MIT
#include "version.h"
#include "window/mainwindow.h"

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
    parser.process(app);

    linklab::MainWindow window;
    window.show();
    window.openFiles(parser.positionalArguments());
    return app.exec();
}
