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
# The contract's documents for the month: staff list, 月報 (predicted), 日報 templates, the actuals sheet.
"$kinmu" staff-list --scenario "$scenario" --as-of "$month-01" --format xlsx --out "$out/staff-list.xlsx" --force
"$kinmu" report monthly --scenario "$scenario" --month "$month" --roster "$out/roster.json" --out "$out/report-monthly.html" --force
"$kinmu" report monthly --scenario "$scenario" --month "$month" --roster "$out/roster.json" --format xlsx --out "$out/report-monthly.xlsx" --force
"$kinmu" report daily --scenario "$scenario" --month "$month" --roster "$out/roster.json" --out "$out/report-daily.html" --force
if [ ! -f "$out/actuals.csv" ]; then  # filled in day by day; never overwritten
  "$kinmu" report daily --scenario "$scenario" --month "$month" --roster "$out/roster.json" --format csv --out "$out/actuals.csv"
fi
echo "kinmu: wrote $(ls "$out" | tr '\n' ' ')"
