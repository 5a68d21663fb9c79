// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace linklab {

// How the loader found a library (the order of glibc's search, ld.so(8)).
enum class FoundBy {
    Root, // the file asked about
    DirectPath, // a NEEDED name with a slash: used as a path
    AlreadyLoaded, // an object already loaded has that name, SONAME or file
    Interpreter, // the program's PT_INTERP: the loader itself, loaded first
    Rpath, // DT_RPATH of the object, or of one above it in the loading chain
    LdLibraryPath, // LD_LIBRARY_PATH
    Runpath, // DT_RUNPATH of the object itself
    Cache, // /etc/ld.so.cache
    Default, // the system directories
    NotFound,
};

// "rpath", "ld_library_path", "runpath", "ld.so.cache", "default", "direct-path", "already-loaded", "root",
// "interpreter", "not-found": the names of linklab-cli deps --json.
QString foundByKey(FoundBy rule);

// One file the loader would try for a name, and what came of it.
struct Candidate {
    QString path; // as the loader builds it: directory + name
    FoundBy rule = FoundBy::NotFound; // the search list it came from
    QString verdict; // empty: taken; else why not ("no such file", "wrong ELF class: 32-bit", ...)
};

struct DependencyNode {
    QString name; // the NEEDED string (for the root: the path given)
    QString path; // the string the loader would use, as ldd prints it; empty when missing
    bool found = false;
    bool root = false;
    FoundBy rule = FoundBy::NotFound;
    QString ruleDetail; // which object's RPATH/RUNPATH, or what was reused
    QList<Candidate> tried; // every candidate, in the loader's order
    int depth = 0; // 0 for the root
    int loadIndex = -1; // position in the loader's link map (breadth-first); -1 when missing
    int loader = -1; // the node whose NEEDED made the loader load this one
    // What the loader read from the file (empty when missing).
    QString soname;
    QStringList needed;
    QStringList rpath; // dropped when DT_RUNPATH is present, as the loader drops it
    QStringList runpath;
    bool nodefaultlib = false; // DF_1_NODEFLIB
    int elfClass = 0;
    std::uint16_t machine = 0;
};

struct DependencyEdge {
    int from = -1; // the object with the NEEDED entry
    int to = -1; // the node it resolved to (a missing node when not found)
    QString name; // the NEEDED string
};

struct DependencyGraph {
    QString file;
    QList<DependencyNode> nodes; // nodes[0] is the root
    QList<DependencyEdge> edges; // in the order the loader processes them
    QStringList warnings;

    // Node indexes in the loader's link-map order (what symbol lookup searches), root first.
    QList<int> loadOrder() const;
    QList<int> missing() const;
};

// `linklab-cli deps --json`: {"file", "nodes": [{"name", "path", "found", "reason", "tried", "depth", "load_index",
// "soname", "root"}], "edges": [{"from", "to", "name"}], "warnings"}.
// The same as compact JSON text, written straight (for many graphs at once: no QJsonDocument in between).
QByteArray dependencyGraphJson(const DependencyGraph &graph);
QJsonObject dependencyGraphToJson(const DependencyGraph &graph);
// `--tree`: one line per edge, first occurrences expanded, with the rule after each name.
QString dependencyTree(const DependencyGraph &graph);
QByteArray dependencyTreeUtf8(const DependencyGraph &graph); // the same, as UTF-8 bytes for printing
// `--why NAME`: the whole search for one library in plain words (empty when no node has that name).
QString dependencyWhy(const DependencyGraph &graph, const QString &name);
// `--dot`: the graph for Graphviz.
QString dependencyDot(const DependencyGraph &graph);

} // namespace linklab
