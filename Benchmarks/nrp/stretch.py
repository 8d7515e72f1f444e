#!/usr/bin/env python3
"""Makes a longer instance of the benchmark from a shipped one: its four weeks repeated `factor` times.

    Benchmarks/nrp/stretch.py Instance8.txt 6 > Long8x6.txt

Limits that count over the horizon (shifts per type, total minutes, weekends) are multiplied by the factor;
the day-level rules stay. No published optimum exists for these: they measure whether Kinmu honours its
time limit and finds a roster on horizons like those of the benchmark's instances 13-24 (up to 52 weeks),
which are not shipped here.
"""
import sys

path, factor = sys.argv[1], int(sys.argv[2])
sections, current = {}, None
for line in open(path, encoding="ascii").read().splitlines():
    if line.startswith("#"):
        continue
    if line.startswith("SECTION_"):
        current = line.strip()
        sections[current] = []
    elif line.strip() and current:
        sections[current].append(line.strip())
days = int(sections["SECTION_HORIZON"][0])
h = days * factor
out = ["SECTION_HORIZON", str(h), "", "SECTION_SHIFTS"] + sections["SECTION_SHIFTS"] + ["", "SECTION_STAFF"]
for row in sections["SECTION_STAFF"]:
    f = row.split(",")
    limits = "|".join(f"{k}={min(h, int(v) * factor)}" for k, v in (x.split("=") for x in f[1].split("|")))
    out.append(",".join([f[0], limits, str(int(f[2]) * factor), str(int(f[3]) * factor)] + f[4:7] + [str(int(f[7]) * factor)]))
out += ["", "SECTION_DAYS_OFF"]
for row in sections.get("SECTION_DAYS_OFF", []):
    f = row.split(",")
    out.append(",".join([f[0]] + [str(int(d) + days * k) for k in range(factor) for d in f[1:] if d]))
for name in ["SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS", "SECTION_COVER"]:
    out += ["", name]
    day = 0 if name == "SECTION_COVER" else 1
    for row in sections.get(name, []):
        f = row.split(",")
        for k in range(factor):
            g = list(f)
            g[day] = str(int(f[day]) + days * k)
            out.append(",".join(g))
print("\n".join(out))
