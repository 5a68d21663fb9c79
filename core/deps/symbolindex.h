// SPDX-License-Identifier: MIT
#pragma once

// The symbol index: every defined, non-local dynamic symbol of each library scanned, with its versions, kept on
// disk between runs so that "which library defines cos?" does not read the whole system each time. An entry is
// used while its file keeps its device, inode, size and modification time; a changed or new library is read again
// (in parallel) and the file rewritten atomically. A damaged or foreign index file is ignored and replaced.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace linklab {

class SymbolIndex
{
public:
    // One library as it was read: its identity on disk and its definitions.
    struct Entry {
        quint64 device = 0, inode = 0, size = 0;
        qint64 mtimeNs = 0;
        qint32 elfClass = 0;
        quint16 machine = 0;
        quint16 type = 0; // e_type: only ET_DYN libraries provide symbols
        QString warning; // why it could not be read, if it could not
        // "\nNAME\x01VERSION\x01D" per definition (D '1' for the default `@@` version, else '0').
        QByteArray definitions;
    };
    struct Definition {
        QString version;
        bool isDefault = false;
    };
    struct Stats {
        int cached = 0; // libraries answered from the index file
        int read = 0; // libraries read (new or changed)
        bool saved = false; // the index file was written
    };

    // `file`: where the index lives; defaultFile() when empty.
    explicit SymbolIndex(QString file = QString());

    // $LINKLAB_CACHE_DIR/symbol-index-v1, else the user's cache folder (~/.cache/linklab/symbol-index-v1).
    static QString defaultFile();

    // Brings `libraries` up to date: each is stat()ed; those the index does not hold as they are now are read.
    // The index file is rewritten when anything changed (and a warning added when it cannot be).
    Stats update(const QStringList &libraries, QStringList *warnings = nullptr);

    const Entry *entry(const QString &path) const;
    // The definitions of `symbol` in the library at `path` (after update()); empty when it defines none.
    QList<Definition> definitions(const QString &path, const QString &symbol) const;

    QString file() const { return m_file; }

private:
    bool load();
    bool save(QStringList *warnings) const;

    QString m_file;
    QHash<QString, Entry> m_entries;
    bool m_loaded = false;
};

} // namespace linklab
