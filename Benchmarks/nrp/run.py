#!/usr/bin/env python3
"""The Shift Scheduling Benchmark runner: Kinmu (GLPK underneath) on instances
1-12 (or the files given), each solution checked by `kinmu nrp check`, and,
where highspy is installed, the same 0/1 programme (`kinmu nrp model`) solved by
HiGHS in the same run for a side-by-side ratio. Writes Benchmarks/RESULTS.md.

Usage: Benchmarks/nrp/run.py [--time-limit 60] [--kinmu .build/release/kinmu] [--out Benchmarks/RESULTS.md] [FILES...]
"""
import argparse, datetime, json, os, re, subprocess, sys, tempfile, time, urllib.parse

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
data = os.path.join(os.path.dirname(root), "shared", "data", "nrp-curtois")

def optima():
    table = {}
    path = os.path.join(data, "BEST_KNOWN.md")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            m = re.match(r"\|\s*(\d+)\s*\|.*\|\s*(\d+)\s*\|\s*$", line)
            if m: table[f"Instance{m.group(1)}"] = int(m.group(2))
    return table

def check(kinmu, instance, solution):
    r = subprocess.run([kinmu, "nrp", "check", instance, solution], capture_output=True, text=True)
    m = re.search(r"objective (\d+)", r.stdout)
    return (int(m.group(1)) if m else None), r.returncode == 0

def highs(kinmu, instance, limit, workdir):
    try:
        import highspy
    except ImportError:
        return None
    lp = os.path.join(workdir, "model.lp")
    subprocess.run([kinmu, "nrp", "model", instance, "--out", lp, "--force"], check=True)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(limit))
    h.setOptionValue("threads", 1)
    h.readModel(lp)
    t0 = time.time()
    h.run()
    seconds = time.time() - t0
    info = h.getInfo()
    if info.primal_solution_status != 2:  # no feasible point
        return {"objective": None, "bound": info.mip_dual_bound, "seconds": seconds, "feasible": False}
    values = h.getSolution().col_value
    lines = []
    for j, v in enumerate(values):
        name = urllib.parse.unquote(h.getColName(j)[1])
        m = re.match(r"x\[(.+),(\d+),(.+)\]$", name)
        if m and v > 0.5: lines.append(f"{m.group(1)},{m.group(2)},{m.group(3)}\n")
    sol = os.path.join(workdir, "highs.csv")
    open(sol, "w").writelines(lines)
    objective, feasible = check(kinmu, instance, sol)
    return {"objective": objective, "bound": info.mip_dual_bound, "seconds": seconds, "feasible": feasible}

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--time-limit", type=float, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kinmu", default=os.path.join(root, ".build", "release", "kinmu"))
    ap.add_argument("--out", default=os.path.join(root, "Benchmarks", "RESULTS.md"))
    ap.add_argument("--no-highs", action="store_true")
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    files = a.files or [os.path.join(data, f"Instance{k}.txt") for k in range(1, 13)]
    best = optima()
    rows = []
    for f in files:
        name = os.path.splitext(os.path.basename(f))[0]
        with tempfile.TemporaryDirectory() as work:
            sol = os.path.join(work, "kinmu.csv")
            r = subprocess.run([a.kinmu, "nrp", "solve", f, "--time-limit", str(a.time_limit), "--seed", str(a.seed), "--out", sol],
                               capture_output=True, text=True)
            k = json.loads(r.stdout.strip().splitlines()[-1]) if r.stdout.strip() else {"objective": None, "bound": None, "seconds": None, "status": "error"}
            checked, ok = check(a.kinmu, f, sol) if k.get("objective") is not None else (None, False)
            hs = None if a.no_highs else highs(a.kinmu, f, a.time_limit, work)
        row = {"instance": name, "optimum": best.get(name), "kinmu": k, "checked": checked, "ok": ok, "highs": hs}
        rows.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
    write(rows, a)

def fmt(x, d=0):
    return "-" if x is None else (f"{x:.{d}f}" if isinstance(x, float) else str(x))

def write(rows, a):
    out = ["# Shift Scheduling Benchmark: results", "",
           f"Run {datetime.date.today()} on {os.cpu_count()} cores by `Benchmarks/nrp/run.py --time-limit {fmt(a.time_limit)} --seed {a.seed}`; "
           "each objective recomputed by `kinmu nrp check` from the written solution. "
           "Gap to optimum = (objective − optimum) / optimum; gap to bound = (objective − Kinmu's own lower bound) / objective. "
           "HiGHS (highspy, 1 thread) solves Kinmu's own 0/1 programme (`kinmu nrp model`) for the same time; ratio = Kinmu / HiGHS.", "",
           "| instance | optimum | Kinmu | gap to optimum | Kinmu's bound | gap to bound | seconds | status | HiGHS | HiGHS bound | ratio |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        k, h = r["kinmu"], r["highs"]
        obj, opt = r["checked"], r["optimum"]
        gopt = f"{100 * (obj - opt) / opt:.2f}%" if obj is not None and opt else "-"
        gb = f"{100 * k['gap']:.2f}%" if k.get("gap") is not None else "-"
        hobj = (h or {}).get("objective")
        ratio = f"{obj / hobj:.3f}" if obj and hobj else "-"
        out.append(f"| {r['instance']} | {fmt(opt)} | {fmt(obj)}{'' if r['ok'] else ' ✗'} | {gopt} | {fmt(k.get('bound'), 1)} | {gb} | "
                   f"{fmt(k.get('seconds'), 1)} | {k.get('status')} | {fmt(hobj) if h else 'not installed'} | {fmt((h or {}).get('bound'), 1)} | {ratio} |")
    open(a.out, "w", encoding="utf-8").write("\n".join(out) + "\n")
    print(f"wrote {a.out}")

if __name__ == "__main__":
    main()
