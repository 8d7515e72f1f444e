#!/usr/bin/env python3
"""A yardstick for the large-centre method: generated centres small enough for
an exact answer. Each centre is solved by Kinmu (`kinmu bench roster --method
search`: the Dantzig-Wolfe LP bound, rounding and the neighbourhood search, GLPK
underneath) and its model, exported by the same run (`--export-model`), by HiGHS
when `highspy` is installed (one thread, its own time limit). The table shows how
much of Kinmu's reported gap (against its LP bound) is the LP's own integrality
gap and how much is the roster's distance from the optimum. HiGHS is only the
yardstick here; Kinmu never calls it.

Usage: Benchmarks/roster/exact.py [--time-limit 60] [--highs-limit 600]
       [--kinmu .build/release/kinmu] [STAFFxDAYSsSEED ...]   (default: 20x14s1 20x14s2 20x14s3 40x14s1 40x14s3 20x31s1)
"""
import argparse, json, os, re, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))


def highs(path, limit):
    try:
        import highspy
    except ImportError:
        return None
    # HiGHS prints its banner on construction: keep it out of the table.
    sys.stdout.flush()
    saved = os.dup(1)
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), 1)
        try:
            h = highspy.Highs()
            h.setOptionValue("output_flag", False)
        finally:
            os.dup2(saved, 1)
            os.close(saved)
    h.setOptionValue("time_limit", float(limit))
    h.setOptionValue("threads", 1)
    h.readModel(path)
    h.run()
    info = h.getInfo()
    status = h.modelStatusToString(h.getModelStatus())
    return {"optimal": status == "Optimal", "objective": info.objective_function_value,
            "bound": info.mip_dual_bound, "seconds": h.getRunTime()}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--time-limit", type=float, default=60)
    ap.add_argument("--highs-limit", type=float, default=600)
    ap.add_argument("--kinmu", default=os.path.join(root, ".build", "release", "kinmu"))
    ap.add_argument("centres", nargs="*", default=["20x14s1", "20x14s2", "20x14s3", "40x14s1", "40x14s3", "20x31s1"])
    args = ap.parse_args()
    print("| centre | Kinmu's LP bound | Kinmu (%.0f s) | gap to its bound | HiGHS (one thread) | optimum vs LP | Kinmu vs optimum |" % args.time_limit)
    print("|---|---|---|---|---|---|---|")
    for centre in args.centres:
        m = re.fullmatch(r"(\d+)x(\d+)s(\d+)", centre)
        if not m:
            sys.exit(f"{centre}: expected STAFFxDAYSsSEED, e.g. 20x14s1")
        staff, days, seed = m.groups()
        with tempfile.TemporaryDirectory() as work:
            model = os.path.join(work, "centre.mps")
            out = subprocess.run([args.kinmu, "bench", "roster", "--staff", staff, "--days", days, "--seed", seed,
                                  "--time-limit", str(args.time_limit), "--method", "search",
                                  "--export-model", model, "--format", "json"], capture_output=True, text=True, check=True)
            k = json.loads(out.stdout)
            h = highs(model, args.highs_limit)
        value, bound = k["objective"], k["bound"]
        row = [f"{staff} staff, {days} days, seed {seed}", f"{bound:,.2f}", f"{value:,.2f}", f"{100 * k['gap']:.2f}%"]
        if h is None:
            row += ["(highspy not installed)", "", ""]
        elif h["optimal"]:
            opt = h["objective"]
            row += [f"{opt:,.2f} optimal ({h['seconds']:.0f} s)", f"+{100 * (opt - bound) / opt:.2f}%",
                    f"+{100 * (value - opt) / opt:.2f}%"]
        else:
            row += [f"{h['objective']:,.2f}, bound {h['bound']:,.2f} ({h['seconds']:.0f} s, not proved)",
                    f"≥ +{100 * (h['bound'] - bound) / h['bound']:.2f}%",
                    f"≤ +{100 * (value - h['bound']) / h['bound']:.2f}%"]
        print("| " + " | ".join(row) + " |", flush=True)


if __name__ == "__main__":
    main()
