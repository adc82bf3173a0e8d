#!/usr/bin/env python3
"""Check exports as analysts' tools read them (used by the system tests; needs jsonschema and networkx).

Usage:
  python3 scripts/check_exports.py plover FILE      # every line is a PLOVER record (docs/plover-event.schema.json)
  python3 scripts/check_exports.py changes FILE     # every line is a line of an incremental export
                                                    # (docs/plover-changes.schema.json), the watermark last
  python3 scripts/check_exports.py graphml FILE     # NetworkX reads it: a directed graph, one edge per
                                                    # directed pair, every attribute typed

Prints one JSON summary line on success (counts; for graphml the edges as [source iso2, target iso2, weight]);
exits 1 with the reasons otherwise.
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fail(reasons):
    for r in reasons[:20]:
        print(r, file=sys.stderr)
    sys.exit(1)


def validators():
    try:
        import jsonschema
        from referencing import Registry, Resource
    except ImportError:
        sys.exit("check_exports.py needs jsonschema: pip install jsonschema")
    schemas = {}
    for name in ("plover-event.schema.json", "plover-changes.schema.json"):
        with open(os.path.join(ROOT, "docs", name), encoding="utf-8") as f:
            schemas[name] = json.load(f)
    registry = Registry().with_resources(
        [(s["$id"], Resource.from_contents(s)) for s in schemas.values()])
    make = lambda s: jsonschema.Draft202012Validator(s, registry=registry, format_checker=jsonschema.FormatChecker())
    return make(schemas["plover-event.schema.json"]), make(schemas["plover-changes.schema.json"])


def lines(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if text and not text.endswith("\n"):
        fail(["the export does not end with a line break"])
    return [l for l in text.split("\n") if l != ""]


def check_json_lines(kind, path):
    event, changes = validators()
    validator = event if kind == "plover" else changes
    errors = []
    counts = {"records": 0, "removed": 0, "watermark": None}
    ids = []
    rows = lines(path)
    for n, line in enumerate(rows, 1):
        try:
            obj = json.loads(line)
        except ValueError as e:
            errors.append(f"line {n}: not JSON: {e}")
            continue
        for e in validator.iter_errors(obj):
            errors.append(f"line {n}: {e.message} at {list(e.absolute_path)}")
        if "removed" in obj:
            counts["removed"] += 1
        elif "watermark" in obj:
            if n != len(rows):
                errors.append(f"line {n}: the watermark is not the last line")
            counts["watermark"] = obj["watermark"]
        else:
            counts["records"] += 1
            ids.append(obj.get("id"))
    if kind == "changes" and counts["watermark"] is None:
        errors.append("no watermark line")
    if len(set(ids)) != len(ids):
        errors.append("an event id appears twice")
    if errors:
        fail(errors)
    print(json.dumps(counts))


def check_graphml(path):
    try:
        import networkx as nx
    except ImportError:
        sys.exit("check_exports.py needs networkx: pip install networkx")
    import xml.etree.ElementTree as ET

    errors = []
    # Typed attributes only: every key declares attr.name and attr.type, every data element names a key.
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(path).getroot()
    keys = {k.get("id"): k for k in root.findall("g:key", ns)}
    for k in keys.values():
        if not k.get("attr.name") or k.get("attr.type") not in ("boolean", "int", "long", "float", "double", "string"):
            errors.append(f"key {k.get('id')} is not typed")
    for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data"):
        if d.get("key") not in keys:
            errors.append(f"data with undeclared key {d.get('key')}")
    # NetworkX reads it; a multigraph reader keeps parallel edges, so none are hidden.
    g = nx.read_graphml(path, force_multigraph=True)
    if not g.is_directed():
        errors.append("the graph is not directed")
    pairs = {}
    for u, v, data in g.edges(data=True):
        pairs[(u, v)] = pairs.get((u, v), 0) + 1
        if not isinstance(data.get("weight"), float) or data["weight"] <= 0:
            errors.append(f"edge {u}->{v} has no positive weight: {data}")
    twice = [p for p, n in pairs.items() if n > 1]
    if twice:
        errors.append(f"parallel edges for {twice}")
    for n, data in g.nodes(data=True):
        if "cow" in data and not isinstance(data["cow"], int):
            errors.append(f"node {n}: cow is not an int")
    if errors:
        fail(errors)
    edges = sorted([g.nodes[u]["iso2"], g.nodes[v]["iso2"], d["weight"]] for u, v, d in g.edges(data=True))
    print(json.dumps({"nodes": g.number_of_nodes(), "edges": edges}))


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("plover", "changes", "graphml"):
        sys.exit(__doc__)
    kind, path = sys.argv[1], sys.argv[2]
    if kind == "graphml":
        check_graphml(path)
    else:
        check_json_lines(kind, path)


if __name__ == "__main__":
    main()
