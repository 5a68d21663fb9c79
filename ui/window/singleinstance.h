// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QStringList>

class QLocalServer;

namespace linklab {

// One LinkLab window per user, as desktop applications do: `linklab FILE` while LinkLab runs hands FILE to the
// running window (over a QLocalServer socket in the user's runtime folder) instead of opening a second window;
// `linklab --new-window FILE` opens another one anyway.
//
// The message is the absolute paths, one per line (a path cannot hold a newline LinkLab would open), ended by an
// empty line; the server answers "ok\n" once it has taken them, so the sender knows it may exit.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    // `name` is the socket's name; defaultName() is per user. Tests pass their own.
    explicit SingleInstance(const QString &name = defaultName(), QObject *parent = nullptr);
    ~SingleInstance() override;

    static QString defaultName();

    // Sends `paths` (made absolute against this process's folder) to a running instance; true when one took them.
    // Blocks for at most `timeoutMs`: it runs in main() before any window exists.
    bool sendToRunning(const QStringList &paths, int timeoutMs = 2000) const;
    // Starts answering other instances. A socket left by a crashed instance (nobody answers on it) is replaced.
    bool listen();
    // Whether another instance answers on the socket (without sending it anything).
    bool isRunning(int timeoutMs = 500) const;
    bool isListening() const;

Q_SIGNALS:
    // Another `linklab` asked this one to open these files (may be empty: "come to the front").
    void filesReceived(const QStringList &paths);

private:
    QString m_name;
    QLocalServer *m_server = nullptr;
};

} // namespace linklab
