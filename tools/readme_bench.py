#!/usr/bin/env python3
"""Writes the README's benchmark section from a results.json, between the bench markers.

    python3 tools/readme_bench.py out/smoke/results.json README.md
"""
import json
import re
import sys


def table(results):
    env = results["environment"]
    lines = [
        f"Matrix `{results['matrix']}`, {len(results['runs'])} runs, measured on {env['cpu_model']} "
        f"({env['cores']} cores), {env['dotnet_version']}, commit `{env.get('commit') or 'unknown'}`. "
        "Scores are means over seeds; timings are from this machine and noisy.",
        "",
        "| dataset | algorithm | ARI (± sd) | share of Bayes ceiling | fit s |",
        "|---|---|---|---|---|",
    ]
    aggregates = results["aggregates"]
    fit = {(a["dataset"], a["algorithm"]): a["mean"] for a in aggregates if a["metric"] == "fit_seconds"}
    for a in sorted((a for a in aggregates if a["metric"] == "ari"), key=lambda a: (a["dataset"], a["rank"])):
        share = a.get("share_of_ceiling")
        lines.append(
            f"| {a['dataset']} | {a['algorithm']} | {a['mean']:.3f} ± {a['standard_deviation']:.3f} | "
            f"{'' if share is None else f'{share:.0%}'} | {fit.get((a['dataset'], a['algorithm']), float('nan')):.2f} |")
    planted = [r for r in results["runs"] if r["algorithm"].endswith("auto")]
    if planted:
        hits = sum(1 for r in planted if r["found_k"] == r["planted_k"])
        lines += ["", f"`--k auto` found the planted K in {hits} of {len(planted)} runs."]
    return "\n".join(lines)


def main():
    results_path, readme_path = sys.argv[1], sys.argv[2]
    with open(results_path, encoding="utf-8") as f:
        results = json.load(f)
    with open(readme_path, encoding="utf-8") as f:
        readme = f.read()
    section = f"<!-- bench:start (tools/readme_bench.py {results_path}) -->\n{table(results)}\n<!-- bench:end -->"
    updated, count = re.subn(r"<!-- bench:start.*?<!-- bench:end -->", lambda _: section, readme, flags=re.S)
    if count != 1:
        sys.exit(f"{readme_path}: expected one bench:start/bench:end section, found {count}")
    with open(readme_path, "w", encoding="utf-8") as f:
        f.write(updated)


if __name__ == "__main__":
    main()
