#!/usr/bin/env python3
"""Writes a --load fixture of N reports (the seed report under fresh ids, spread over 100
tenants), in the format GET /__admin/state exports:   bench/fixture.py N > fixture.json"""
import json
import os
import sys
import uuid

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
with open(os.path.join(root, "tests", "data", "seed-report.json")) as f:
    report = json.load(f)
n = int(sys.argv[1])
tenants = [str(uuid.UUID(int=0x40000000000040008000000000000000 + t)) for t in range(100)]
out = sys.stdout
out.write('{"format": "reportkit-mock-state", "version": 1, "ids_drawn": 0, "tokens_drawn": 0, '
          '"ticks": 0, "reports": [')
for i in range(n):
    report["id"] = str(uuid.uuid4())
    report["parameters"]["tenant_id"] = tenants[i % len(tenants)]
    out.write(("," if i else "") + json.dumps(report, separators=(",", ":")))
out.write('], "stored": [], "outbox": [], "tokens": []}\n')
