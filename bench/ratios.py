#!/usr/bin/env python3
"""Prints the ratio tables of issues 6, 14 and 16 from reportkit-bench runs (--benchmark_format=json).

Given several runs (consecutive runs of the same binary), prints each run's tables and then one
line per run of the ratios that must hold in every run (issue 16: steady, not only on a good run).

Times are CPU times per iteration (medians when the run has repetitions): on a shared machine
they move less than wall-clock times, and both sides of a ratio come from the same run.
"""
import json
import sys


def load(path):
    with open(path) as f:
        doc = json.load(f)
    runs, medians = {}, {}
    for b in doc["benchmarks"]:
        if b.get("error_occurred"):
            sys.exit(f"{b['name']}: {b.get('error_message')}")
        name = b.get("run_name", b["name"])
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == "median":
                medians[name] = b
        else:
            runs.setdefault(name, b)
    return {**runs, **medians}, doc.get("context", {})


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: ratios.py BENCH.json [BENCH.json...]")
    steady, ok = [], True
    for i, path in enumerate(sys.argv[1:]):
        if len(sys.argv) > 2:
            print(f"### run {i + 1} of {len(sys.argv) - 1}")
            print()
        met, row = report(path)
        ok = ok and met
        steady.append(row)
        print()
    if len(steady) > 1:
        print("steadiness: the read's ratios in each run (seed request)")
        print()
        names = list(steady[0].keys())
        print("| run | " + " | ".join(names) + " |")
        print("|---" * (len(names) + 1) + "|")
        for i, row in enumerate(steady):
            print(f"| {i + 1} | " + " | ".join(row.get(n, "") for n in names) + " |")
    return 0 if ok else 1


def report(path):
    b, context = load(path)

    def ns(name):
        r = b[name]
        scale = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[r.get("time_unit", "ns")]
        return r["cpu_time"] * scale

    rows, steady = [], {}

    def ratio(label, numerator, denominator, target, at_least, key=None):
        if numerator not in b or denominator not in b:
            return  # a run filtered to other benchmarks
        x = ns(numerator) / ns(denominator)
        met = x >= target if at_least else x <= target
        rows.append((label, f"{ns(numerator):,.0f}", f"{ns(denominator):,.0f}", f"{x:.2f}x",
                     ("≥ " if at_least else "≤ ") + f"{target:g}x", "yes" if met else "**no**"))
        if key:
            steady[key] = f"{x:.2f}x" + ("" if met else " (**no**)")

    # The JSON benchmarks of issue 6 (absent from a run filtered to others).
    if "read_request/reportkit" in b:
        for suffix in ("", "_1000"):
            read, write = "read_request" + suffix, "write_request" + suffix
            seed = suffix == ""
            ratio(f"`{read}/reportkit` ÷ `boost_json_parse`", f"{read}/reportkit",
                  f"{read}/boost_json_parse", 1.0, False, seed and "÷ boost_json_parse (≤ 1)")
            ratio(f"`{read}/reportkit` ÷ `boost_json_value_to`", f"{read}/reportkit",
                  f"{read}/boost_json_value_to", 1.0, False)
            ratio(f"`{read}/rapidjson_schema` ÷ `reportkit`", f"{read}/rapidjson_schema",
                  f"{read}/reportkit", 5.0, True, seed and "rapidjson_schema ÷ (≥ 5)")
            ratio(f"`{read}/valijson` ÷ `reportkit`", f"{read}/valijson", f"{read}/reportkit", 10.0,
                  True, seed and "valijson ÷ (≥ 10)")
            ratio(f"`{write}/reportkit` ÷ `boost_json_serialize`", f"{write}/reportkit",
                  f"{write}/boost_json_serialize", 1.0, False)

        def per_byte(name):
            return 1e9 / b[name]["bytes_per_second"]  # ns per byte

        for op in ("read_request", "write_request"):
            if f"{op}_1000/reportkit" not in b or f"{op}/reportkit" not in b:
                continue
            x = per_byte(f"{op}_1000/reportkit") / per_byte(f"{op}/reportkit")
            rows.append((f"`{op}` per-byte cost, 1,000 recipients ÷ seed",
                         f"{per_byte(f'{op}_1000/reportkit'):.3f} ns/B",
                         f"{per_byte(f'{op}/reportkit'):.3f} ns/B", f"{x:.2f}x", "≤ 1.2x",
                         "yes" if x <= 1.2 else "**no**"))

        seed = b["read_request/reportkit"]
        allocs, needed = int(seed["allocs"]), int(seed["allocs_needed"])
        rows.append(("heap allocations reading the seed (reportkit, struct needs)", str(allocs),
                     str(needed), "", f"≤ {needed}", "yes" if allocs <= needed else "**no**"))
        if "read_request/boost_json_parse" in b:
            rows.append(("heap allocations reading the seed (`boost_json_parse`)",
                         str(int(b["read_request/boost_json_parse"]["allocs"])), "", "", "", ""))
        if "build_request/reportkit" in b:
            rows.append(("`build_request/reportkit` (builder → validated → compact text)",
                         f"{ns('build_request/reportkit'):,.0f}", "", "", "", ""))

    # The CSV benchmarks of issue 14.
    if "read_usage_csv/reportkit" in b:
        ratio("`read_usage_csv/reportkit` (every rule) ÷ `fccp` (no rule), 100,000 rows",
              "read_usage_csv/reportkit", "read_usage_csv/fccp", 1.0, False)
        read_bps = b["read_usage_csv/reportkit"]["bytes_per_second"]
        write_bps = b["write_usage_csv/reportkit"]["bytes_per_second"]
        x = write_bps / read_bps
        rows.append(("writing throughput ÷ reading throughput", f"{write_bps / 1e6:,.0f} MB/s",
                     f"{read_bps / 1e6:,.0f} MB/s", f"{x:.2f}x", "≥ 1x",
                     "yes" if x >= 1 else "**no**"))
        m = b["stream_usage_csv/reportkit"]
        peak, row, buf = m["peak_heap_bytes"], m["row_bytes"], m["buffer_bytes"]
        x = (peak - buf) / row
        rows.append((f"streaming {m['file_bytes'] / 1e6:.1f} MB: (peak heap − {buf / 1024:.0f} KiB "
                     "buffer) ÷ one row", f"{peak:,.0f} B", f"{row:,.0f} B", f"{x:.2f}x", "< 2x",
                     "yes" if x < 2 else "**no**"))

    # glaze 2.9.5 (issue 16), when the binary was built with it: the seed and 1,000-recipient
    # request, then one document of every payload type.
    glaze = []
    if "read_request/glaze" in b:
        for suffix in ("", "_1000"):
            for op in ("read", "write"):
                name = f"{op}_request{suffix}"
                ratio(f"`{name}/reportkit` ÷ `glaze`", f"{name}/reportkit", f"{name}/glaze", 1.0,
                      False, suffix == "" and op == "read" and "÷ glaze (≤ 1)")
        types = sorted({n.split("/")[1] for n in b if n.startswith("read_payload/")},
                       key=lambda t: PAYLOAD_ORDER.index(t) if t in PAYLOAD_ORDER else 99)
        for t in types:
            cells, met = [t], True
            for op in ("read", "write"):
                if f"{op}_payload/{t}/reportkit" not in b or f"{op}_payload/{t}/glaze" not in b:
                    cells += ["", "", ""]
                    continue
                mine, theirs = ns(f"{op}_payload/{t}/reportkit"), ns(f"{op}_payload/{t}/glaze")
                met = met and mine <= theirs
                cells += [f"{mine:,.0f}", f"{theirs:,.0f}", f"{mine / theirs:.2f}x"]
            glaze.append(cells + ["yes" if met else "**no**"])

    print(f"CPU: {context.get('num_cpus')} × {context.get('mhz_per_cpu')} MHz, "
          f"load {context.get('load_avg')}")
    print()
    print("| measure | reportkit side (ns) | baseline side (ns) | ratio | target | met |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    if glaze:
        print()
        print("every payload type against glaze 2.9.5 (target ≤ 1x read and write; reportkit "
              "checks every rule, glaze only missing and unknown keys)")
        print()
        print("| payload | read reportkit (ns) | read glaze (ns) | ratio | write reportkit (ns) "
              "| write glaze (ns) | ratio | met |")
        print("|---|---|---|---|---|---|---|---|")
        for r in glaze:
            print("| " + " | ".join(r) + " |")
    met = all(r[5] != "**no**" for r in rows) and all(r[7] != "**no**" for r in glaze)
    return met, steady


# The order of REPORTKIT_PAYLOAD_TYPES.
PAYLOAD_ORDER = ["request", "report", "update", "stored", "error", "token", "tenant-reports"]


if __name__ == "__main__":
    sys.exit(main())
