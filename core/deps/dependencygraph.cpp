// SPDX-License-Identifier: MIT
#include "deps/dependencygraph.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <functional>

namespace linklab {
namespace {

QString ruleText(FoundBy rule)
{
    switch (rule) {
    case FoundBy::Root: return QStringLiteral("the file itself");
    case FoundBy::DirectPath: return QStringLiteral("a path in the NEEDED entry");
    case FoundBy::AlreadyLoaded: return QStringLiteral("already loaded");
    case FoundBy::Interpreter: return QStringLiteral("the program's interpreter (PT_INTERP), loaded first");
    case FoundBy::Rpath: return QStringLiteral("DT_RPATH");
    case FoundBy::LdLibraryPath: return QStringLiteral("LD_LIBRARY_PATH");
    case FoundBy::Runpath: return QStringLiteral("DT_RUNPATH");
    case FoundBy::Cache: return QStringLiteral("/etc/ld.so.cache");
    case FoundBy::Default: return QStringLiteral("the system directories");
    case FoundBy::NotFound: return QStringLiteral("not found");
    }
    return {};
}

} // namespace

QString foundByKey(FoundBy rule)
{
    switch (rule) {
    case FoundBy::Root: return QStringLiteral("root");
    case FoundBy::DirectPath: return QStringLiteral("direct-path");
    case FoundBy::AlreadyLoaded: return QStringLiteral("already-loaded");
    case FoundBy::Interpreter: return QStringLiteral("interpreter");
    case FoundBy::Rpath: return QStringLiteral("rpath");
    case FoundBy::LdLibraryPath: return QStringLiteral("ld_library_path");
    case FoundBy::Runpath: return QStringLiteral("runpath");
    case FoundBy::Cache: return QStringLiteral("ld.so.cache");
    case FoundBy::Default: return QStringLiteral("default");
    case FoundBy::NotFound: return QStringLiteral("not-found");
    }
    return {};
}

QList<int> DependencyGraph::loadOrder() const
{
    QList<int> order;
    for (int i = 0; i < nodes.size(); ++i)
        if (nodes[i].loadIndex >= 0)
            order << i;
    std::sort(order.begin(), order.end(), [this](int a, int b) { return nodes[a].loadIndex < nodes[b].loadIndex; });
    return order;
}

QList<int> DependencyGraph::missing() const
{
    QList<int> out;
    for (int i = 0; i < nodes.size(); ++i)
        if (!nodes[i].found)
            out << i;
    return out;
}

QJsonObject dependencyGraphToJson(const DependencyGraph &graph)
{
    QJsonArray nodes;
    for (const DependencyNode &n : graph.nodes) {
        QJsonArray tried;
        for (const Candidate &c : n.tried)
            tried.append(QJsonObject {{QStringLiteral("path"), c.path}, {QStringLiteral("rule"), foundByKey(c.rule)},
                {QStringLiteral("verdict"),
                    c.verdict.isEmpty() ? QJsonValue(QStringLiteral("taken")) : QJsonValue(c.verdict)}});
        QJsonObject o {
            {QStringLiteral("name"), n.name},
            {QStringLiteral("path"), n.found ? QJsonValue(n.path) : QJsonValue()},
            {QStringLiteral("found"), n.found},
            {QStringLiteral("reason"), foundByKey(n.rule)},
            {QStringLiteral("tried"), tried},
            {QStringLiteral("depth"), n.depth},
            {QStringLiteral("load_index"), n.loadIndex},
            {QStringLiteral("soname"), n.soname},
        };
        if (!n.ruleDetail.isEmpty())
            o.insert(QStringLiteral("detail"), n.ruleDetail);
        if (n.root)
            o.insert(QStringLiteral("root"), true);
        nodes.append(o);
    }
    QJsonArray edges;
    for (const DependencyEdge &e : graph.edges)
        edges.append(QJsonObject {
            {QStringLiteral("from"), e.from}, {QStringLiteral("to"), e.to}, {QStringLiteral("name"), e.name}});
    return {{QStringLiteral("file"), graph.file}, {QStringLiteral("nodes"), nodes}, {QStringLiteral("edges"), edges},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(graph.warnings)}};
}

QString dependencyTree(const DependencyGraph &graph)
{
    if (graph.nodes.isEmpty())
        return {};
    QString out = graph.nodes[0].path + u'\n';
    QSet<int> expanded {0};
    std::function<void(int, const QString &)> walk = [&](int node, const QString &prefix) {
        QList<const DependencyEdge *> children;
        for (const DependencyEdge &e : graph.edges)
            if (e.from == node)
                children << &e;
        for (qsizetype i = 0; i < children.size(); ++i) {
            const bool last = i == children.size() - 1;
            const DependencyNode &n = graph.nodes[children[i]->to];
            QString label = children[i]->name;
            if (!n.found)
                label += QStringLiteral(" not found");
            else
                label += QStringLiteral(" [%1]").arg(foundByKey(n.rule))
                    + (n.path != children[i]->name ? QStringLiteral(" ") + n.path : QString());
            const bool again = expanded.contains(children[i]->to);
            out += prefix + (last ? QStringLiteral("└── ") : QStringLiteral("├── ")) + label + u'\n';
            if (!again && n.found) {
                expanded.insert(children[i]->to);
                walk(children[i]->to, prefix + (last ? QStringLiteral("    ") : QStringLiteral("│   ")));
            }
        }
    };
    walk(0, QString());
    for (const QString &w : graph.warnings)
        out += QStringLiteral("warning: ") + w + u'\n';
    return out;
}

QString dependencyWhy(const DependencyGraph &graph, const QString &name)
{
    for (const DependencyNode &n : graph.nodes) {
        if (n.name != name && QFileInfo(n.path).fileName() != name)
            continue;
        QString out;
        const QString by = n.loader >= 0 ? graph.nodes[n.loader].path : QString();
        out += n.root ? QStringLiteral("%1 is the file itself.\n").arg(n.path)
                      : QStringLiteral("%1 is needed by %2.\n").arg(n.name, by);
        if (n.rule == FoundBy::Interpreter) {
            out += QStringLiteral("It is %1: %2.\n").arg(n.path, n.ruleDetail);
            return out;
        }
        if (!n.tried.isEmpty())
            out += QStringLiteral("The loader tries, in order:\n");
        for (const Candidate &c : n.tried)
            out += QStringLiteral("  %1 (%2): %3\n")
                       .arg(c.path, ruleText(c.rule), c.verdict.isEmpty() ? QStringLiteral("taken") : c.verdict);
        if (n.found)
            out += QStringLiteral("Found: %1, through %2%3.\n")
                       .arg(n.path, ruleText(n.rule),
                           n.ruleDetail.isEmpty() ? QString() : QStringLiteral(" (") + n.ruleDetail + u')');
        else
            out += QStringLiteral(
                "Not found: the program would not start (\"%1: cannot open shared object file: No such "
                "file or directory\"). Put its folder in LD_LIBRARY_PATH, link with "
                "-Wl,-rpath,FOLDER, or install it where the cache and system directories find it.\n")
                       .arg(n.name);
        return out;
    }
    return {};
}

QString dependencyDot(const DependencyGraph &graph)
{
    auto quote = [](QString s) -> QString { // QString, not a QStringBuilder that outlives `s`
        return u'"' + s.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\"")) + u'"';
    };
    QString out = QStringLiteral("digraph dependencies {\n  rankdir=LR;\n  node [shape=box, fontname=\"sans\"];\n");
    for (int i = 0; i < graph.nodes.size(); ++i) {
        const DependencyNode &n = graph.nodes[i];
        const QString label = n.root ? QFileInfo(n.path).fileName() : n.name;
        QString attrs = QStringLiteral("label=%1, tooltip=%2")
                            .arg(quote(label),
                                quote(n.found ? n.path + QStringLiteral(" (") + foundByKey(n.rule) + u')'
                                              : QStringLiteral("not found")));
        if (n.root)
            attrs += QStringLiteral(", style=bold");
        if (!n.found)
            attrs += QStringLiteral(", color=red, fontcolor=red");
        out += QStringLiteral("  n%1 [%2];\n").arg(i).arg(attrs);
    }
    for (const DependencyEdge &e : graph.edges)
        out += QStringLiteral("  n%1 -> n%2;\n").arg(e.from).arg(e.to);
    return out + QStringLiteral("}\n");
}

} // namespace linklab
