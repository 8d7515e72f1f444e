#!/usr/bin/env bash
# Look-alikes of the benchmark's unshipped instances 14-19 (6-12 weeks, 18-50 staff), made from the shipped
# ones by stretch.py, solved by run.py (no optimum is known: the table's gap is to Kinmu's own bound).
#
#   Benchmarks/nrp/lookalikes.sh [TIME_LIMIT] [OUT.md]      (defaults: 60, /tmp/kinmu-lookalikes.md)
#
# Build first: swift build -c release
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${KINMU_NRP_DATA:-$here/../../../shared/data/nrp-curtois}"
limit="${1:-60}"
out="${2:-/tmp/kinmu-lookalikes.md}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
files=()
for spec in "6 2" "7 3" "8 2" "9 2" "11 2"; do
    set -- $spec
    f="$work/L$1x$2.txt"
    python3 "$here/stretch.py" "$data/Instance$1.txt" "$2" > "$f"
    files+=("$f")
done
python3 "$here/run.py" --time-limit "$limit" --no-highs --out "$out" "${files[@]}"
