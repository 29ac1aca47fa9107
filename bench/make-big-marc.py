#!/usr/bin/env python3
"""Build a large, strictly valid UTF-8 ISO 2709 file for benchmarks by repeating the valid records found in
tests/data/marc/iso2709-utf8/. Usage: make-big-marc.py OUT.mrc [MIN_RECORDS=100000]"""
import glob, os, sys

here = os.path.dirname(os.path.abspath(__file__))
src = sorted(glob.glob(os.path.join(here, "..", "tests", "data", "marc", "iso2709-utf8", "*")))


def strict_records(blob):
    for raw in blob.split(b"\x1d"):
        rec = raw.lstrip(b"\r\n") + b"\x1d"
        if len(rec) < 25 or not rec[:5].isdigit() or int(rec[:5]) != len(rec) or rec[9:10] != b"a":
            continue
        base = rec[12:17]
        if not base.isdigit() or int(base) >= len(rec) or rec[int(base) - 1:int(base)] != b"\x1e":
            continue
        try:
            rec.decode("utf-8")
        except UnicodeDecodeError:
            continue
        yield rec


records = [r for path in src if os.path.isfile(path) for r in strict_records(open(path, "rb").read())]
if not records:
    sys.exit("no valid records found under tests/data/marc/iso2709-utf8")
out, need = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
n = 0
with open(out, "wb") as f:
    while n < need:
        for r in records:
            f.write(r); n += 1
print(f"{out}: {n} records from {len(records)} distinct valid records")
