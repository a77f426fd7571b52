"""Reads the mock's report files with Python's own csv, json and html.parser modules (programs
reportkit did not write), in DIR: report.csv (csv_v2_0 with SKUs), report.json (json_v2_0) and
report.html. The second argument is the expected header. Exit status 0 when all agree."""
import csv
import html.parser
import json
import shutil
import subprocess
import sys

directory, expected_header = sys.argv[1], sys.argv[2].split(",")
problems = []

with open(f"{directory}/report.csv", newline="", encoding="utf-8") as f:
    raw = f.read()
if raw.startswith("\ufeff"):
    problems.append("csv: starts with a BOM")
if raw.replace("\r\n", "").count("\n"):
    problems.append("csv: a line does not end with CRLF")
rows = list(csv.reader(raw.splitlines(keepends=True), strict=True))
header, records = rows[0], rows[1:]
if header != expected_header:
    problems.append(f"csv: header {header}")
for n, row in enumerate(records, start=2):
    if len(row) != len(header):
        problems.append(f"csv line {n}: {len(row)} fields")
        continue
    r = dict(zip(header, row))
    if r["is_range"] not in ("True", "False"):
        problems.append(f"csv line {n}: is_range {r['is_range']!r}")
    for axis in ("absolute", "delta", "effective"):
        p, t, tr = (float(r[f"usage.{axis}.{k}"]) for k in ("production", "total", "trial"))
        if p + tr != t:
            problems.append(f"csv line {n}: {axis} {p} + {tr} != {t}")
    if not r["tenant.id"] or not r["application.id"] or not r["name"]:
        problems.append(f"csv line {n}: an empty required field")

with open(f"{directory}/report.json", encoding="utf-8") as f:
    doc = json.load(f)
if sorted(doc) != ["params", "tenants"]:
    problems.append(f"json: top-level keys {sorted(doc)}")
if len(doc["tenants"]) != len(records):
    problems.append(f"json: {len(doc['tenants'])} tenants for {len(records)} csv rows")
for i, (u, row) in enumerate(zip(doc["tenants"], records)):
    r = dict(zip(header, row))
    if u["tenant_uuid"] != r["tenant.id"] or u["value"] != float(r["usage.effective.total"]):
        problems.append(f"json: tenants[{i}] differs from csv row {i + 2}")
        break


class Tables(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables = self.rows = 0
        self.open = []

    def handle_starttag(self, tag, attrs):
        if tag in ("table", "tr", "td", "th", "h1", "h2", "thead", "tbody"):
            self.open.append(tag)
        self.tables += tag == "table"
        self.rows += tag == "tr"

    def handle_endtag(self, tag):
        if tag in ("table", "tr", "td", "th", "h1", "h2", "thead", "tbody"):
            if not self.open or self.open.pop() != tag:
                problems.append(f"html: </{tag}> does not close what is open")


with open(f"{directory}/report.html", encoding="utf-8") as f:
    tables = Tables()
    tables.feed(f.read())
tenants = {dict(zip(header, row))["tenant.id"] for row in records}
if tables.tables != len(tenants):
    problems.append(f"html: {tables.tables} tables for {len(tenants)} tenants")
if tables.rows != len(records) + len(tenants):
    problems.append(f"html: {tables.rows} table rows for {len(records)} records")

# sqlite3's own CSV importer, a third reader: the same rows, totals that add up.
sqlite = shutil.which("sqlite3")
if sqlite:
    query = (
        "select count(*), sum(cast(\"usage.absolute.total\" as real) != "
        "cast(\"usage.absolute.production\" as real) + cast(\"usage.absolute.trial\" as real)), "
        "count(distinct \"tenant.id\") from usage;"
    )
    out = subprocess.run(
        [sqlite, ":memory:", f".import --csv {directory}/report.csv usage", query],
        capture_output=True, text=True, check=False,
    )
    got = out.stdout.strip()
    if out.returncode != 0 or got != f"{len(records)}|0|{len(tenants)}":
        problems.append(f"sqlite3: {got!r} {out.stderr.strip()!r}")
else:
    print("sqlite3 not found: the sqlite3 check was skipped", file=sys.stderr)

for p in problems[:20]:
    print(p, file=sys.stderr)
sys.exit(1 if problems else 0)
