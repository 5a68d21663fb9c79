// SPDX-License-Identifier: MIT
#include "window/singleinstance.h"

#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>

#include <unistd.h>

namespace linklab {

SingleInstance::SingleInstance(const QString &name, QObject *parent)
    : QObject(parent)
    , m_name(name)
{
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::defaultName()
{
    // In $XDG_RUNTIME_DIR (private to the user) when there is one; else a per-user name in the temp folder.
    const QString runtime = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    const QString name = QStringLiteral("linklab-%1.socket").arg(::getuid());
    return runtime.isEmpty() ? name : QDir(runtime).filePath(name);
}

bool SingleInstance::sendToRunning(const QStringList &paths, int timeoutMs) const
{
    QLocalSocket socket;
    socket.connectToServer(m_name);
    if (!socket.waitForConnected(timeoutMs))
        return false;
    QByteArray message;
    for (const QString &path : paths) {
        const QString absolute = QFileInfo(path).absoluteFilePath();
        if (!absolute.contains(u'\n'))
            message += absolute.toUtf8() + '\n';
    }
    message += '\n';
    socket.write(message);
    if (!socket.waitForBytesWritten(timeoutMs))
        return false;
    // The answer says the window took the files; without it the caller opens a window of its own.
    while (!socket.canReadLine()) {
        if (!socket.waitForReadyRead(timeoutMs))
            return false;
    }
    return socket.readLine().trimmed() == "ok";
}

bool SingleInstance::isRunning(int timeoutMs) const
{
    QLocalSocket socket;
    socket.connectToServer(m_name);
    return socket.waitForConnected(timeoutMs);
}

bool SingleInstance::listen()
{
    if (m_server)
        return m_server->isListening();
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_name)) {
        // Nobody answered on it (sendToRunning failed first), so it is a crashed instance's leftover.
        QLocalServer::removeServer(m_name);
        if (!m_server->listen(m_name))
            return false;
    }
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server->nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
                // Read until the empty line that ends the message; a message may come in several pieces.
                if (socket->property("done").toBool())
                    return;
                const QByteArray pending = socket->peek(socket->bytesAvailable());
                if (pending.startsWith('\n') || pending.contains("\n\n")) {
                    socket->setProperty("done", true);
                    QStringList paths;
                    for (const QByteArray &line : socket->readAll().split('\n')) {
                        if (!line.isEmpty())
                            paths.append(QString::fromUtf8(line));
                    }
                    socket->write("ok\n");
                    socket->flush();
                    Q_EMIT filesReceived(paths);
                }
            });
        }
    });
    return true;
}

bool SingleInstance::isListening() const
{
    return m_server && m_server->isListening();
}

} // namespace linklab
