#!/usr/bin/env python3
"""Writes the README's benchmark section from a results.json, between the bench markers.

    python3 tools/readme_bench.py out/full/results.json README.md

The section states the quality targets and whether the results meet them, the ARI of each
algorithm against separation, and the ranking at each schema's default separation. Nothing in it
is typed by hand.
"""
import json
import re
import statistics
import sys
from collections import defaultdict

DEFAULT_PREPROCESSING = "recommended"


def at_default(run):
    dataset = run["dataset"]
    declared = dataset.get("schema_separation")
    return declared is not None and abs(dataset["separation"] - declared) < 1e-9


def table_name(run):
    return f"{run['dataset']['schema']}/{run['dataset']['table']}"


def mean(values):
    return statistics.fmean(values) if values else float("nan")


def mark(ok):
    return "met" if ok else "**not met**"


def targets(runs):
    """The issue's quality targets, checked per shipped table."""
    lines = ["| target | table | measured | |", "|---|---|---|---|"]
    tables = sorted({table_name(r) for r in runs})
    for name in tables:
        fixed = [r for r in runs if table_name(r) == name and r["algorithm"] == "kmeans"
                 and r["preprocessing"] == DEFAULT_PREPROCESSING and at_default(r)]
        if fixed:
            ari = mean([r["metrics"]["ari"] for r in fixed])
            lines.append(f"| k-means ARI >= 0.90 at the default separation | {name} | {ari:.3f} over {len(fixed)} runs | {mark(ari >= 0.90)} |")
        auto = [r for r in runs if table_name(r) == name and r["algorithm"] == "kmeans-auto"
                and r["preprocessing"] == DEFAULT_PREPROCESSING and at_default(r)]
        if auto:
            hits = sum(1 for r in auto if r["found_k"] == r["planted_k"])
            lines.append(f"| `--k auto` finds the planted K in >= 90% of seeds | {name} | {hits} of {len(auto)} runs | {mark(hits >= 0.9 * len(auto))} |")
        sweep = separation_curve(runs, name, "kmeans")
        if len(sweep) >= 3:
            means = [m for _, m, _ in sweep]
            rising = all(b >= a - 0.005 for a, b in zip(means, means[1:]))
            top_sep, top_ari, top_ceiling = sweep[-1]
            share = top_ari / top_ceiling if top_ceiling > 0 else float("nan")
            lines.append(f"| ARI rises with separation (no step down by more than 0.005) | {name} | {' < '.join(f'{m:.3f}' for m in means)} | {mark(rising)} |")
            lines.append(f"| ARI >= 0.95 of the Bayes ceiling at the high end | {name} | {share:.1%} at separation {top_sep:g} | {mark(share >= 0.95)} |")
    return lines


def separation_curve(runs, name, algorithm):
    """(separation, mean ARI, mean ceiling) of one algorithm with the default preprocessing, on the largest sweep."""
    chosen = [r for r in runs if table_name(r) == name and r["algorithm"] == algorithm and r["preprocessing"] == DEFAULT_PREPROCESSING]
    by_rows = defaultdict(set)
    for r in chosen:
        by_rows[r["dataset"]["rows"]].add(r["dataset"]["separation"])
    if not by_rows:
        return []
    rows = max(by_rows, key=lambda n: (len(by_rows[n]), n))
    curve = []
    for separation in sorted(by_rows[rows]):
        at = [r for r in chosen if r["dataset"]["rows"] == rows and r["dataset"]["separation"] == separation]
        curve.append((separation, mean([r["metrics"]["ari"] for r in at]), mean([r["ceiling"]["bayes_ari"] for r in at])))
    return curve


def sweep_table(runs):
    """ARI of every algorithm/preprocessing against separation, where a table was swept."""
    lines = []
    for name in sorted({table_name(r) for r in runs}):
        seps = sorted({r["dataset"]["separation"] for r in runs if table_name(r) == name})
        if len(seps) < 3:
            continue
        rows = max(r["dataset"]["rows"] for r in runs if table_name(r) == name and r["dataset"]["separation"] == seps[0])
        swept = [r for r in runs if table_name(r) == name and r["dataset"]["rows"] == rows]
        lines += ["", f"ARI against separation, {name}, {rows:,} rows (mean over seeds; the last row is the Bayes ceiling):", "",
                  "| algorithm | " + " | ".join(f"{s:g}" for s in seps) + " |",
                  "|---|" + "---|" * len(seps)]
        for label in sorted({f"{r['algorithm']}/{r['preprocessing']}" for r in swept}):
            cells = [mean([r["metrics"]["ari"] for r in swept if f"{r['algorithm']}/{r['preprocessing']}" == label and r["dataset"]["separation"] == s]) for s in seps]
            lines.append(f"| {label} | " + " | ".join(f"{c:.3f}" for c in cells) + " |")
        ceilings = [mean([r["ceiling"]["bayes_ari"] for r in swept if r["dataset"]["separation"] == s]) for s in seps]
        lines.append("| *Bayes ceiling* | " + " | ".join(f"*{c:.3f}*" for c in ceilings) + " |")
    return lines


def ranking(results):
    """Every algorithm on each table's largest default-separation dataset, ranked by mean ARI."""
    runs = results["runs"]
    largest = {}
    for r in runs:
        if at_default(r):
            name = table_name(r)
            if r["dataset"]["rows"] > largest.get(name, (0, ""))[0]:
                largest[name] = (r["dataset"]["rows"], r["dataset"]["label"])
    labels = {label for _, label in largest.values()}
    aggregates = [a for a in results["aggregates"] if a["dataset"] in labels]
    fit = {(a["dataset"], a["algorithm"]): a["mean"] for a in aggregates if a["metric"] == "fit_seconds"}
    lines = ["", "Each table at its default separation, ranked by ARI (mean ± sd over seeds; fit time on this machine):", "",
             "| dataset | algorithm/preprocessing | ARI | share of Bayes ceiling | fit s |", "|---|---|---|---|---|"]
    for a in sorted((a for a in aggregates if a["metric"] == "ari"), key=lambda a: (a["dataset"], a["rank"])):
        share = a.get("share_of_ceiling")
        lines.append(
            f"| {a['dataset']} | {a['algorithm']} | {a['mean']:.3f} ± {a['standard_deviation']:.3f} | "
            f"{'' if share is None else f'{share:.0%}'} | {fit.get((a['dataset'], a['algorithm']), float('nan')):.2f} |")
    return lines


def fit_time_table(runs):
    """Fit seconds against rows, per algorithm with the default preprocessing, where a table has several sizes."""
    lines = []
    for name in sorted({table_name(r) for r in runs}):
        chosen = [r for r in runs if table_name(r) == name and at_default(r) and r["preprocessing"] == DEFAULT_PREPROCESSING]
        sizes = sorted({r["dataset"]["rows"] for r in chosen})
        if len(sizes) < 3:
            continue
        lines += ["", f"Fit seconds against rows, {name} (mean over seeds, this machine):", "",
                  "| algorithm | " + " | ".join(f"{n:,}" for n in sizes) + " |", "|---|" + "---|" * len(sizes)]
        for algorithm in sorted({r["algorithm"] for r in chosen}):
            cells = [mean([r["timings"]["fit"] for r in chosen if r["algorithm"] == algorithm and r["dataset"]["rows"] == n]) for n in sizes]
            lines.append(f"| {algorithm} | " + " | ".join(f"{c:.3f}" for c in cells) + " |")
    return lines


def section(results):
    env = results["environment"]
    runs = results["runs"]
    lines = [
        f"Matrix `{results['matrix']}`, {len(runs)} runs, measured on {env['cpu_model']} ({env['cores']} cores), "
        f"{env['dotnet_version']}, commit `{env.get('commit') or 'unknown'}`. Timings are from this machine and noisy.",
        "",
    ]
    lines += targets(runs)
    lines += sweep_table(runs)
    lines += ranking(results)
    lines += fit_time_table(runs)
    return "\n".join(lines)


def main():
    results_path, readme_path = sys.argv[1], sys.argv[2]
    with open(results_path, encoding="utf-8") as f:
        results = json.load(f)
    with open(readme_path, encoding="utf-8") as f:
        readme = f.read()
    block = f"<!-- bench:start (tools/readme_bench.py {results_path}) -->\n{section(results)}\n<!-- bench:end -->"
    updated, count = re.subn(r"<!-- bench:start.*?<!-- bench:end -->", lambda _: block, readme, flags=re.S)
    if count != 1:
        sys.exit(f"{readme_path}: expected one bench:start/bench:end section, found {count}")
    with open(readme_path, "w", encoding="utf-8") as f:
        f.write(updated)


if __name__ == "__main__":
    main()
