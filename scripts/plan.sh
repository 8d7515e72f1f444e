#!/usr/bin/env bash
# The main job: plan the scenario's month and write its exports.
# Usage: scripts/plan.sh KINMU SCENARIO MONTH OUT
set -euo pipefail
kinmu=$1 scenario=$2 month=$3 out=$4
mkdir -p "$out"
echo "kinmu: $($kinmu --version) on $scenario for $month -> $out"
"$kinmu" calendar --scenario "$scenario" --month "$month" --format csv --out "$out/calendar.csv" --force
"$kinmu" calendar --scenario "$scenario" --month "$month" --format ics --out "$out/calendar.ics" --force
"$kinmu" forecast --scenario "$scenario" --month "$month" --out "$out/forecast.csv" --force
"$kinmu" requirements --scenario "$scenario" --month "$month" --out "$out/requirements.csv" --force
year=${month%-*}
"$kinmu" holidays --from "$year-01-01" --to "$year-12-31" --format csv --out "$out/holidays-$year.csv" --force
# A roster is never replaced silently: the previous one is kept beside the new one.
if [ -f "$out/roster.json" ]; then
  mv "$out/roster.json" "$out/roster.previous.json"
  echo "kinmu: kept the previous roster as $out/roster.previous.json"
fi
"$kinmu" plan --scenario "$scenario" --month "$month" --out "$out"
echo "kinmu: wrote $(ls "$out" | tr '\n' ' ')"
