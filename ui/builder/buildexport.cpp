// SPDX-License-Identifier: MIT
#include "builder/buildexport.h"

#include "builder/outputsafety.h"

#include "builder/planexport.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSaveFile>
#include <QSettings>

namespace linklab {

namespace {
const QString ExportDirKey = QStringLiteral("build/exportDir");
} // namespace

BuildExport BuildExport::run(QWidget *parent, Format format, const BuildPlan &plan, const ProgramPlan *program)
{
    if (format == Format::Clipboard) {
        QApplication::clipboard()->setText(exportShellScript(plan, program));
        return {QApplication::translate("BuildExport", "Copied the build commands to the clipboard."), false};
    }
    const bool cmake = format == Format::CMake;
    QSettings settings;
    const QString dir = settings.value(ExportDirKey, QFileInfo(plan.sources.value(0)).absolutePath()).toString();
    const QString path = QFileDialog::getSaveFileName(parent,
        cmake ? QApplication::translate("BuildExport", "Export CMakeLists.txt")
              : QApplication::translate("BuildExport", "Export Shell Script"),
        QDir(dir).filePath(cmake ? QStringLiteral("CMakeLists.txt") : QStringLiteral("build.sh")),
        cmake ? QApplication::translate("BuildExport", "CMake files (CMakeLists.txt *.cmake)")
              : QApplication::translate("BuildExport", "Shell scripts (*.sh);;All files (*)"));
    if (path.isEmpty())
        return {};
    settings.setValue(ExportDirKey, QFileInfo(path).absolutePath());
    // The dialog asked before replacing a file, but a source or header of this very build is never replaced.
    if (const Check spared = checkOutputsSpareInputs(plan, program, {QFileInfo(path).absoluteFilePath()}); !spared)
        return {spared.reason(), true};
    // Paths in the CMakeLists.txt are relative to the folder it is saved in, so the project can move.
    const QString text
        = cmake ? exportCMake(plan, program, QFileInfo(path).absolutePath()) : exportShellScript(plan, program);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
        return {QApplication::translate("BuildExport", "Could not write %1: %2")
                    .arg(QDir::toNativeSeparators(path), file.errorString()),
            true};
    }
    if (!cmake)
        QFile::setPermissions(path, QFile::permissions(path) | QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther);
    return {QApplication::translate("BuildExport", "Wrote %1").arg(QDir::toNativeSeparators(path)), false};
}

} // namespace linklab
