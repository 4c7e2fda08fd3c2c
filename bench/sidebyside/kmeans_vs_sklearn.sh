#!/usr/bin/env bash
# Side by side on this machine: SegBench vs scikit-learn.
#   k-means: 1,000,000 x 17 float64, k=8, 30 Lloyd iterations from the same initial centers, tol=0
#            (sklearn: KMeans(algorithm="lloyd", n_init=1, init=centers, max_iter=30, tol=0)).
#            The final inertias must agree to relative 1e-6.
#   DBSCAN:  200,000 x 4, eps=0.5, min_samples=10; labels must be identical.
# Needs scikit-learn (Debian: apt-get install -y python3-sklearn). Usage:
#   bench/sidebyside/kmeans_vs_sklearn.sh [REPEATS]        (default 3; the best time of each counts)
# Wall time is the figure; CPU time (user + system, all threads) is printed too, because on a shared
# machine OpenMP's spinning threads make scikit-learn's wall time swing widely.
# The C# side is `SegBench.Benchmarks sidebyside ...` (bench/SegBench.Benchmarks/Clustering/SideBySide.cs).
set -euo pipefail
cd "$(dirname "$0")/../.."
REPEATS="${1:-3}"
PYTHON="${PYTHON:-/usr/bin/python3}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

if ! grep -q "SideBySide.Run" bench/SegBench.Benchmarks/Program.cs; then
  echo "bench/SegBench.Benchmarks/Program.cs must dispatch 'sidebyside' to Clustering.SideBySide.Run; see SideBySide.cs." >&2
  exit 2
fi
"$PYTHON" -c "import sklearn" 2>/dev/null || { echo "scikit-learn is missing: apt-get install -y python3-sklearn" >&2; exit 2; }

dotnet build bench/SegBench.Benchmarks -c Release -nologo -clp:ErrorsOnly >/dev/null
BENCH="dotnet bench/SegBench.Benchmarks/bin/Release/net10.0/SegBench.Benchmarks.dll sidebyside"

"$PYTHON" bench/sidebyside/kmeans_vs_sklearn.py generate "$WORK" >/dev/null

SK_KMEANS="$("$PYTHON" bench/sidebyside/kmeans_vs_sklearn.py kmeans "$WORK" "$REPEATS")"
SB_KMEANS="$($BENCH kmeans --data "$WORK/kmeans_data.f64" --rows 1000000 --columns 17 \
  --centers "$WORK/kmeans_centers.f64" --clusters 8 --iterations 30 --repeats "$REPEATS")"
SB_KMEANS32="$($BENCH kmeans --data "$WORK/kmeans_data.f64" --rows 1000000 --columns 17 \
  --centers "$WORK/kmeans_centers.f64" --clusters 8 --iterations 30 --repeats "$REPEATS" --precision single)"

SK_DBSCAN="$("$PYTHON" bench/sidebyside/kmeans_vs_sklearn.py dbscan "$WORK" "$REPEATS")"
SB_DBSCAN="$($BENCH dbscan --data "$WORK/dbscan_data.f64" --rows 200000 --columns 4 --eps 0.5 --min-samples 10 \
  --labels-out "$WORK/dbscan_labels_segbench.i32" --repeats "$REPEATS")"
LABELS="$("$PYTHON" bench/sidebyside/kmeans_vs_sklearn.py compare "$WORK")"

"$PYTHON" - "$SK_KMEANS" "$SB_KMEANS" "$SK_DBSCAN" "$SB_DBSCAN" "$LABELS" "$SB_KMEANS32" <<'PY'
import json, sys
sk_k, sb_k, sk_d, sb_d, labels, sb_k32 = (json.loads(a) for a in sys.argv[1:])
rel = abs(sk_k["inertia"] - sb_k["inertia"]) / sk_k["inertia"]
print(f"k-means 1,000,000 x 17, k=8, 30 iterations, tol=0")
print(f"  {sk_k['implementation']:>14}: best {sk_k['best_seconds']:.3f} s  {sk_k['seconds']}  inertia {sk_k['inertia']!r}  n_iter {sk_k['n_iter']}  peak RSS {sk_k['peak_rss_mb']:.0f} MB")
print(f"  {'segbench':>14}: best {sb_k['best_seconds']:.3f} s  {[round(s, 3) for s in sb_k['seconds']]}  inertia {sb_k['inertia']!r}  n_iter {sb_k['n_iter']}  peak WS {sb_k['peak_working_set_mb']:.0f} MB")
print(f"  CPU seconds (sum over threads), min: sklearn {min(sk_k['cpu_seconds']):.3f}, segbench {min(sb_k['cpu_seconds']):.3f}")
print(f"  speed-up {sk_k['best_seconds'] / sb_k['best_seconds']:.2f}x   inertia relative difference {rel:.2e} ({'ok' if rel <= 1e-6 else 'TOO LARGE'})")
rel32 = abs(sk_k["inertia"] - sb_k32["inertia"]) / sk_k["inertia"]
print(f"  {'segbench f32':>14}: best {sb_k32['best_seconds']:.3f} s  {[round(s, 3) for s in sb_k32['seconds']]}  inertia relative difference {rel32:.2e} (float32 assignment; informational)")
print(f"DBSCAN 200,000 x 4, eps=0.5, min_samples=10")
print(f"  {sk_d['implementation']:>14}: best {sk_d['best_seconds']:.3f} s  clusters {sk_d['clusters']}  noise {sk_d['noise']}  peak RSS {sk_d['peak_rss_mb']:.0f} MB")
print(f"  {'segbench':>14}: best {sb_d['best_seconds']:.3f} s  clusters {sb_d['clusters']}  noise {sb_d['noise']}  peak WS {sb_d['peak_working_set_mb']:.0f} MB")
print(f"  CPU seconds (sum over threads), min: sklearn {min(sk_d['cpu_seconds']):.3f}, segbench {min(sb_d['cpu_seconds']):.3f}")
print(f"  speed-up {sk_d['best_seconds'] / sb_d['best_seconds']:.2f}x   labels identical: {labels['dbscan_labels_identical']} (differing {labels['differing']})")
sys.exit(0 if rel <= 1e-6 and labels["dbscan_labels_identical"] else 1)
PY
