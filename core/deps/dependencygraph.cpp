// SPDX-License-Identifier: MIT
#include "deps/dependencygraph.h"

#include "support/utf8.h"

#include "support/jsonwriter.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>
#include <array>
#include <functional>
#include <string>
#include <vector>

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

QByteArray dependencyGraphJson(const DependencyGraph &graph)
{
    // Keys in sorted order, as QJsonObject keeps them: the bytes are the ones QJsonDocument would print.
    std::string out;
    out.reserve(1024 + std::size_t(graph.nodes.size()) * 512);
    JsonWriter w(out);
    w.beginObject();
    w.key("edges");
    w.beginArray();
    for (const DependencyEdge &e : graph.edges) {
        w.beginObject();
        w.key("from");
        w.value(e.from);
        w.key("name");
        w.value(e.name);
        w.key("to");
        w.value(e.to);
        w.endObject();
    }
    w.endArray();
    w.key("file");
    w.value(graph.file);
    w.key("nodes");
    w.beginArray();
    for (const DependencyNode &n : graph.nodes) {
        w.beginObject();
        w.key("depth");
        w.value(n.depth);
        if (!n.ruleDetail.isEmpty()) {
            w.key("detail");
            w.value(n.ruleDetail);
        }
        w.key("found");
        w.value(n.found);
        w.key("load_index");
        w.value(n.loadIndex);
        w.key("name");
        w.value(n.name);
        w.key("path");
        if (n.found)
            w.value(n.path);
        else
            w.null();
        w.key("reason");
        w.value(foundByKey(n.rule));
        if (n.root) {
            w.key("root");
            w.value(true);
        }
        w.key("soname");
        w.value(n.soname);
        w.key("tried");
        w.beginArray();
        for (const Candidate &c : n.tried) {
            w.beginObject();
            w.key("path");
            w.value(c.path);
            w.key("rule");
            w.value(foundByKey(c.rule));
            w.key("verdict");
            w.value(c.verdict.isEmpty() ? QStringLiteral("taken") : c.verdict);
            w.endObject();
        }
        w.endArray();
        w.endObject();
    }
    w.endArray();
    w.key("warnings");
    w.value(graph.warnings);
    w.endObject();
    return QByteArray(out.data(), qsizetype(out.size()));
}

QJsonObject dependencyGraphToJson(const DependencyGraph &graph)
{
    return QJsonDocument::fromJson(dependencyGraphJson(graph)).object();
}

namespace {

// Writes the tree below one node; each node's children are expanded where it is first met.
struct TreeWriter {
    const DependencyGraph &graph;
    std::vector<int> first; // edges of node i: order[first[i]] .. order[first[i + 1]]
    std::vector<const DependencyEdge *> order;
    std::vector<bool> expanded;
    std::string &out;
    std::string prefix;
    // Each node's name and path as UTF-8, converted once however many lines name the node: spans of `text`.
    std::string text;
    struct Span {
        std::size_t at = 0, size = 0;
        bool made = false;
    };
    std::vector<Span> names, paths;
    using RuleKeys = std::array<std::string, std::size_t(FoundBy::NotFound) + 1>;
    const RuleKeys &ruleKeys = []() -> const RuleKeys & {
        static const RuleKeys keys = [] {
            RuleKeys made; // " [ld.so.cache]" and the others, made once
            for (std::size_t rule = 0; rule < made.size(); ++rule)
                made[rule] = " [" + foundByKey(FoundBy(rule)).toStdString() + ']';
            return made;
        }();
        return keys;
    }();

    void put(std::vector<Span> &spans, int node, const QString &value)
    {
        Span &span = spans[std::size_t(node)];
        if (!span.made) {
            span.at = text.size();
            appendUtf8(text, value);
            span.size = text.size() - span.at;
            span.made = true;
        }
        out.append(text, span.at, span.size);
    }

    TreeWriter(const DependencyGraph &g, std::string &o)
        : graph(g)
        , first(std::size_t(g.nodes.size()) + 1, 0)
        , order(std::size_t(g.edges.size()))
        , expanded(std::size_t(g.nodes.size()), false)
        , out(o)
        , names(std::size_t(g.nodes.size()))
        , paths(std::size_t(g.nodes.size()))
    {
        // Each node's outgoing edges, in the order the loader met them (a counting sort by source).
        for (const DependencyEdge &e : g.edges)
            if (e.from >= 0 && e.from < g.nodes.size())
                ++first[std::size_t(e.from) + 1];
        for (std::size_t i = 1; i < first.size(); ++i)
            first[i] += first[i - 1];
        std::vector<int> at(first.begin(), first.end() - 1);
        for (const DependencyEdge &e : g.edges)
            if (e.from >= 0 && e.from < g.nodes.size())
                order[std::size_t(at[std::size_t(e.from)]++)] = &e;
    }

    void walk(int node)
    {
        const int begin = first[std::size_t(node)], end = first[std::size_t(node) + 1];
        for (int k = begin; k < end; ++k) {
            const DependencyEdge &edge = *order[std::size_t(k)];
            const bool last = k == end - 1;
            const int to = edge.to;
            if (to < 0 || to >= graph.nodes.size())
                continue;
            const DependencyNode &n = graph.nodes[to];
            out += prefix;
            out += last ? "└── " : "├── ";
            if (edge.name == n.name)
                put(names, to, n.name);
            else
                appendUtf8(out, edge.name);
            if (!n.found) {
                out += " not found";
            } else {
                out += ruleKeys[std::size_t(n.rule)];
                if (n.path != edge.name) {
                    out += ' ';
                    put(paths, to, n.path);
                }
            }
            out += '\n';
            if (!expanded[std::size_t(to)] && n.found) {
                expanded[std::size_t(to)] = true;
                const std::size_t keep = prefix.size();
                prefix += last ? "    " : "│   ";
                walk(to);
                prefix.resize(keep);
            }
        }
    }
};

} // namespace

QByteArray dependencyTreeUtf8(const DependencyGraph &graph)
{
    if (graph.nodes.isEmpty())
        return {};
    std::string out;
    out.reserve(256 + std::size_t(graph.edges.size()) * 112);
    appendUtf8(out, graph.nodes[0].path);
    out += '\n';
    TreeWriter writer(graph, out);
    writer.expanded[0] = true;
    writer.walk(0);
    for (const QString &w : graph.warnings) {
        out += "warning: ";
        appendUtf8(out, w);
        out += '\n';
    }
    return QByteArray(out.data(), qsizetype(out.size()));
}

QString dependencyTree(const DependencyGraph &graph)
{
    return QString::fromUtf8(dependencyTreeUtf8(graph));
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
