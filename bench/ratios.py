#!/usr/bin/env python3
"""Prints the ratio table of issues 6 and 14 from one reportkit-bench run (--benchmark_format=json).

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
    if len(sys.argv) != 2:
        sys.exit("usage: ratios.py BENCH.json")
    b, context = load(sys.argv[1])

    def ns(name):
        r = b[name]
        scale = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[r.get("time_unit", "ns")]
        return r["cpu_time"] * scale

    rows = []

    def ratio(label, numerator, denominator, target, at_least):
        x = ns(numerator) / ns(denominator)
        met = x >= target if at_least else x <= target
        rows.append((label, f"{ns(numerator):,.0f}", f"{ns(denominator):,.0f}", f"{x:.2f}x",
                     ("≥ " if at_least else "≤ ") + f"{target:g}x", "yes" if met else "**no**"))

    # The JSON benchmarks of issue 6 (absent from a run filtered to others).
    if "read_request/reportkit" in b:
        for suffix in ("", "_1000"):
            read, write = "read_request" + suffix, "write_request" + suffix
            ratio(f"`{read}/reportkit` ÷ `boost_json_parse`", f"{read}/reportkit",
                  f"{read}/boost_json_parse", 1.0, False)
            ratio(f"`{read}/reportkit` ÷ `boost_json_value_to`", f"{read}/reportkit",
                  f"{read}/boost_json_value_to", 1.0, False)
            ratio(f"`{read}/rapidjson_schema` ÷ `reportkit`", f"{read}/rapidjson_schema",
                  f"{read}/reportkit", 5.0, True)
            ratio(f"`{read}/valijson` ÷ `reportkit`", f"{read}/valijson", f"{read}/reportkit", 10.0,
                  True)
            ratio(f"`{write}/reportkit` ÷ `boost_json_serialize`", f"{write}/reportkit",
                  f"{write}/boost_json_serialize", 1.0, False)

        def per_byte(name):
            return 1e9 / b[name]["bytes_per_second"]  # ns per byte

        for op in ("read_request", "write_request"):
            x = per_byte(f"{op}_1000/reportkit") / per_byte(f"{op}/reportkit")
            rows.append((f"`{op}` per-byte cost, 1,000 recipients ÷ seed",
                         f"{per_byte(f'{op}_1000/reportkit'):.3f} ns/B",
                         f"{per_byte(f'{op}/reportkit'):.3f} ns/B", f"{x:.2f}x", "≤ 1.2x",
                         "yes" if x <= 1.2 else "**no**"))

        seed = b["read_request/reportkit"]
        allocs, needed = int(seed["allocs"]), int(seed["allocs_needed"])
        rows.append(("heap allocations reading the seed (reportkit, struct needs)", str(allocs),
                     str(needed), "", f"≤ {needed}", "yes" if allocs <= needed else "**no**"))
        rows.append(("heap allocations reading the seed (`boost_json_parse`)",
                     str(int(b["read_request/boost_json_parse"]["allocs"])), "", "", "", ""))
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

    print(f"CPU: {context.get('num_cpus')} × {context.get('mhz_per_cpu')} MHz, "
          f"load {context.get('load_avg')}")
    print()
    print("| measure | reportkit side (ns) | baseline side (ns) | ratio | target | met |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    return 0 if all(r[5] != "**no**" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
