#!/usr/bin/env bash
# Mini-batch k-means streamed over a Parquet file far larger than the sample it fits the
# preprocessing on: generates card_usage to Parquet (skipped when the file is already there), then
# runs `segbench cluster --stream` under /usr/bin/time and prints rows, wall time and peak RSS.
#
# Usage: bench/stream-rss.sh [--customers N] [--dir DIR] [--k K] [--passes P]
#   --customers N  customers whose cards make the table (default 92000000: about 100.6M card rows)
#   --dir DIR      where the dataset and the run go (default out/stream-rss; needs ~7 GB at the default)
#   --k K          clusters (default 7, card_usage's planted segments)
#   --passes P     fit passes over the file (default 1)
#
# At the default size, generating takes ~6 min and clustering ~5 min on a 2-core machine.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
customers=92000000
dir="$root/out/stream-rss"
k=7
passes=1
while [ $# -gt 0 ]; do
  case "$1" in
    --customers) customers="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --k) k="$2"; shift 2 ;;
    --passes) passes="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "stream-rss.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

[ -x /usr/bin/time ] || { echo "stream-rss.sh: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }
data="$dir/data-$customers"
if [ ! -f "$data/card_usage.parquet" ]; then
  "$root/segbench" generate --schema credit-card-usage --table card_usage --rows "$customers" --format parquet --threads 2 --out "$data"
fi

log="$dir/cluster-time.log"
/usr/bin/time -v "$root/segbench" cluster --input "$data/card_usage.parquet" --algorithm minibatch-kmeans --k "$k" \
  --stream --passes "$passes" --out "$dir/run" --json > "$dir/cluster.json" 2> "$log" || { tail -20 "$log" >&2; exit 1; }

rows="$(sed -nE 's/^  "rows": ([0-9]+),/\1/p' "$dir/cluster.json")"
kb="$(sed -nE 's/.*Maximum resident set size \(kbytes\): ([0-9]+).*/\1/p' "$log")"
wall="$(sed -nE 's/.*Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.*)/\1/p' "$log")"
echo "streamed mini-batch k-means (k=$k, $passes pass(es)) over $rows rows of $data/card_usage.parquet"
echo "wall $wall, peak RSS $((kb / 1024)) MiB, measured on $(nproc) cores of $(sed -nE 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
