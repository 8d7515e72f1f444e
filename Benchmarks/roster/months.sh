#!/usr/bin/env bash
# Plans the Nankoku scenario for each month given (default: 2027-01 .. 2028-03)
# and prints one row per month: status, objective, bound, gap, seconds, nodes.
# Usage: Benchmarks/roster/months.sh [TIME_LIMIT] [YYYY-MM ...]   (run after `make build`)
set -euo pipefail
limit=${1:-120}; shift || true
months=("$@")
if [ ${#months[@]} -eq 0 ]; then
  for y in 2027; do for m in 01 02 03 04 05 06 07 08 09 10 11 12; do months+=("$y-$m"); done; done
  months+=(2028-01 2028-02 2028-03)
fi
kinmu=.build/release/kinmu
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "| month | status | objective | bound | gap | seconds | nodes |"
echo "|---|---|---|---|---|---|---|"
for m in "${months[@]}"; do
  # A month without a roster (exit 3) gets a row saying so; the sweep goes on.
  "$kinmu" plan --scenario Scenarios/nankoku --month "$m" --out "$out/$m" --time-limit "$limit" > "$out/$m.log" 2>&1 || true
  python3 - "$out/$m/roster.json" "$out/$m.log" "$m" <<'PY'
import json, os, re, sys
if not os.path.exists(sys.argv[1]):
    print(f"| {sys.argv[3]} | no roster: {open(sys.argv[2]).read().strip().splitlines()[-1]} | | | | | |")
    sys.exit()
r = json.load(open(sys.argv[1]))
nodes = re.search(r"(\d+) nodes", open(sys.argv[2]).read())
print(f"| {sys.argv[3]} | {r['status']} | {r['objective']:.3f} | {r['bound']:.3f} | {100*r['gap']:.3f}% | {r['seconds']:.2f} | {nodes.group(1) if nodes else '-'} |")
PY
done
