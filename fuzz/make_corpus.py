#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora from the test suite's payloads.

Seeds are tests/data/*.json, every JSON document written as (adjacent) string literals in
tests/**/*.cpp, and the mutations the schema tests make by hand, made here for every value of
every document: the value removed, replaced by each JSON type, an unknown key beside it. A
document goes to the reader of its payload type and to the round-trip target; fragments that
are not whole documents go to every reader (they still teach the fuzzer the grammar). The mock
target gets requests to every route with those documents as bodies.

    fuzz/make_corpus.py            # rewrites fuzz/corpus/<target>/
"""
import hashlib
import json
import pathlib
import re
import shutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
READERS = ["request", "report", "update", "stored", "error"]
TENANT = "ede9f834-70b3-476c-83d9-736f9f8c7dae"

# A run of C++ string literals with only whitespace between them: "..." or R"d(...)d".
LITERAL = re.compile(r'R"(?P<d>[^(\s]*)\((?P<raw>.*?)\)(?P=d)"|"(?P<esc>(?:[^"\\\n]|\\.)*)"', re.S)
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "'": "'", "0": "\0"}


def literal_runs(source):
    runs, current, last_end = [], [], None
    for m in LITERAL.finditer(source):
        if last_end is not None and source[last_end:m.start()].strip():
            runs.append("".join(current))
            current = []
        if m.group("raw") is not None:
            current.append(m.group("raw"))
        else:
            current.append(re.sub(r"\\(.)", lambda e: ESCAPES.get(e.group(1), e.group(1)),
                                  m.group("esc")))
        last_end = m.end()
    if current:
        runs.append("".join(current))
    return runs


def payload_type(doc):
    if not isinstance(doc, dict):
        return None
    if "error" in doc:
        return "error"
    if "items" in doc:
        return "stored"
    if "id" in doc and "version" in doc:
        return "report"
    if {"parameters", "schedule", "result_action"} <= doc.keys():
        return "request"
    if doc.keys() <= {"recipients", "parameters", "schedule"}:
        return "update"
    return None


def mutations(doc):
    """The document with one value changed, for every value: what the schema tests do by hand."""
    replacements = [None, True, 7, -1, 18446744073709551616, 1.5, "x", "", [], {}]

    def walk(value, path):
        yield path
        if isinstance(value, dict):
            for k, v in value.items():
                yield from walk(v, path + [k])
        elif isinstance(value, list):
            for i, v in enumerate(value):
                yield from walk(v, path + [i])

    def changed(path, action):
        copy = json.loads(json.dumps(doc))
        parent = copy
        for step in path[:-1]:
            parent = parent[step]
        action(parent, path[-1])
        return copy

    for path in walk(doc, []):
        if not path:
            continue
        yield changed(path, lambda p, k: p.pop(k))
        for r in replacements:
            yield changed(path, lambda p, k, r=r: p.__setitem__(k, r))
        if isinstance(path[-1], str):
            yield changed(path, lambda p, k: p.__setitem__(k + "_unknown", 1))


def mock_requests(seeds_by_type):
    """Requests in fuzz_mock_request's format (see fuzz/mock_request.cpp): every route of the
    API with the tests' documents as bodies, and the admin API."""
    bearer = "Authorization: Bearer $TOKEN"
    json_type = "Content-Type: application/json"
    out = []

    def request(method, target, headers=(), body=""):
        out.append("\n".join([method, target, *headers, "", body]))

    for body in seeds_by_type.get("request", [])[:40]:
        request("POST", "/api/2/reports", [bearer, json_type], body)
    for body in seeds_by_type.get("update", [])[:40]:
        request("PUT", "/api/2/reports/$MONTHLY", [bearer, json_type], body)
    request("PUT", "/api/2/reports/$ID", [bearer, json_type], '{"schedule": {"enabled": false}}')
    for target in ["/api/2/reports/$ID", "/api/2/reports/$SAVE/stored",
                   "/api/2/reports/$SAVE/stored/$STORED", f"/api/2/tenants/{TENANT}/reports",
                   "/api/2/reports/..", "/api/2/reports/%2F", "/api/2/nothing"]:
        request("GET", target, [bearer])
        request("HEAD", target, [bearer])
    for version in ["1", "2", "x", "18446744073709551616"]:
        request("DELETE", f"/api/2/reports/$MONTHLY?version={version}", [bearer])
    request("POST", "/api/2/reports", ["Authorization: Bearer $READONLY", json_type], "{}")
    request("POST", "/api/2/reports", [json_type], "{}")
    request("POST", "/api/2/reports", [bearer, "Content-Type: text/plain"], "{}")
    request("POST", "/api/2/idp/token",
            ["Authorization: Basic cmVwb3J0ZXI6czNjcmV0",
             "Content-Type: application/x-www-form-urlencoded"], "grant_type=client_credentials")
    for method in ["PATCH", "OPTIONS", "TRACE"]:
        request(method, "/api/2/reports", [bearer])
    for method, target in [("GET", "/__admin/journal"), ("GET", "/__admin/state"),
                           ("GET", "/__admin/outbox"), ("POST", "/__admin/token?scope=read_only"),
                           ("GET", "/__admin/faults"), ("DELETE", "/__admin/journal")]:
        request(method, target)
    request("POST", "/__admin/faults", [json_type],
            '{"method": "GET", "path": "/api/2/reports/*", "status": 503}')
    return out


def main():
    texts = [p.read_text() for p in sorted((ROOT / "tests" / "data").glob("*.json"))]
    for cpp in sorted((ROOT / "tests").rglob("*.cpp")):
        if "node_modules" in cpp.parts:
            continue
        texts += [t for t in literal_runs(cpp.read_text()) if t.lstrip()[:1] in ("{", "[")]

    seeds = {t: READERS + ["round_trip"] for t in texts}
    by_type = {}
    for text in texts:
        try:
            doc = json.loads(text)
        except ValueError:
            continue
        kind = payload_type(doc)
        if kind is None:
            continue
        by_type.setdefault(kind, []).append(text)
        for variant in mutations(doc):
            seeds.setdefault(json.dumps(variant), [kind, "round_trip"])

    for text in mock_requests(by_type):
        seeds.setdefault(text, ["mock_request"])

    if CORPUS.exists():
        for d in CORPUS.iterdir():
            if d.name.startswith("fuzz_"):
                shutil.rmtree(d)
    counts = {}
    for text, targets in seeds.items():
        name = hashlib.sha1(text.encode()).hexdigest()[:16]
        for t in targets:
            target = "fuzz_" + t if t in ("round_trip", "mock_request") else "fuzz_read_" + t
            folder = CORPUS / target
            folder.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text)
            counts[target] = counts.get(target, 0) + 1
    for target, n in sorted(counts.items()):
        print(f"{target}: {n} seeds")


if __name__ == "__main__":
    main()
