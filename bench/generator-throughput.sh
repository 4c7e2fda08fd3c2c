#!/usr/bin/env bash
# Customers to CSV, side by side, in ONE run: the Bogus Faker<T> + CsvHelper WriteRecords loop (the
# baseline) against SegBench's engine (DatasetGenerator.Run, as `segbench generate` runs it) at 1 and
# 2 threads, then optionally the peak RSS of a 10M-row run.
#
# Usage: bench/generator-throughput.sh [--rows N] [--baseline-rows N] [--repeat K] [--rss] [--rss-rows N] [--no-build]
#   --rows N           engine rows per run (default 1000000)
#   --baseline-rows N  baseline rows per run (default 200000; it is ~8x slower)
#   --repeat K         repeat the baseline/t1/t2 cycle K times, interleaved, and report medians (default 1)
#   --rss              also measure the peak RSS of one --rss-rows run at 2 threads (slow: ~4 GB of CSV)
#   --rss-rows N       rows of the RSS run (default 10000000)
#   --no-build         use the existing Release build
#
# Rows/s are rows over the wall time of the generating call inside the process (start-up and schema
# compilation excluded). The machine is shared, so absolute numbers move with the load: compare the
# ratio, which both sides of the same run share, and cpu_us_per_row (user+sys CPU per row, which
# does not count time spent waiting for a core). On a virtual machine the hypervisor may also run
# other guests on our cores: steal% is the share of the machine's CPU time it took during the run
# (from /proc/stat), time in which the measured program could not run. Default run: well under 3 minutes on an idle 2-core box.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows=1000000
baseline_rows=200000
repeat=1
rss=0
rss_rows=10000000
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --baseline-rows) baseline_rows="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --rss) rss=1; shift ;;
    --rss-rows) rss_rows="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "generator-throughput.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
project="$root/bench/SegBench.Benchmarks"
dll="$project/bin/Release/net10.0/SegBench.Benchmarks.dll"

if ! grep -q 'GeneratorCommands.TryRun' "$project/Program.cs"; then
  cat >&2 <<'MSG'
generator-throughput.sh: bench/SegBench.Benchmarks/Program.cs does not dispatch the generator commands yet.
Make its Main start with:
        if (Generator.GeneratorCommands.TryRun(args) is { } exitCode)
        {
            return exitCode;
        }
(and return int: `public static int Main(string[] args)`, `return 0;` after BenchmarkSwitcher's Run).
MSG
  exit 1
fi

if [ "$build" = 1 ]; then
  echo "== building Release" >&2
  dotnet build "$project" -c Release -nologo -clp:ErrorsOnly >&2
fi

timer=()
if [ -x /usr/bin/time ]; then
  timer=(/usr/bin/time -f 'process wall_s=%e user_s=%U sys_s=%S maxrss_kb=%M')
else
  echo "note: /usr/bin/time is missing (apt-get install -y time), so no CPU time or RSS is reported." >&2
  if [ "$rss" = 1 ]; then
    echo "generator-throughput.sh: --rss needs /usr/bin/time: apt-get install -y time" >&2
    exit 1
  fi
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/segbench-throughput.XXXXXX")"
trap 'rm -rf "$work"' EXIT
results="$work/results.tsv"
: > "$results"

# The machine's CPU ticks (user nice system idle iowait irq softirq steal) so far, or nothing without /proc/stat.
ticks() { [ -r /proc/stat ] && awk '/^cpu / { print $2, $3, $4, $5, $6, $7, $8, $9 }' /proc/stat || true; }

# steal_percent BEFORE AFTER: the share of the CPU ticks between two `ticks` the hypervisor took.
steal_percent() {
  [ -n "$1" ] && [ -n "$2" ] || { echo NA; return; }
  awk -v a="$1" -v b="$2" 'BEGIN { n = split(a, x, " "); split(b, y, " "); for (i = 1; i <= n; i++) total += y[i] - x[i]; printf "%.1f", (total > 0 ? 100 * (y[8] - x[8]) / total : 0) }'
}

# run NAME THREADS ROWS COMMAND... : runs one measured process, appends "name threads rows rows_per_s cpu_us_per_row maxrss_kb steal_percent".
run() {
  local name="$1" threads="$2" n="$3"; shift 3
  local log="$work/$name-$threads.log"
  local before after
  before="$(ticks)"
  "${timer[@]}" dotnet "$dll" "$@" > "$log" 2>&1 || { cat "$log" >&2; exit 1; }
  after="$(ticks)"
  local line rate cpu rss_kb steal
  line="$(grep '^result=' "$log")"
  rate="$(sed -E 's/.*rows_per_s=([0-9]+).*/\1/' <<< "$line")"
  if [ ${#timer[@]} -gt 0 ]; then
    cpu="$(awk -v n="$n" '/^process/ { for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } printf "%.2f", (v["user_s"] + v["sys_s"]) * 1e6 / n }' "$log")"
    rss_kb="$(sed -nE 's/.*maxrss_kb=([0-9]+).*/\1/p' "$log")"
  else
    cpu=NA; rss_kb=NA
  fi
  steal="$(steal_percent "$before" "$after")"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$threads" "$n" "$rate" "$cpu" "$rss_kb" "$steal" >> "$results"
  printf '  %-9s threads=%s rows=%-9s rows/s=%-9s cpu_us/row=%-7s maxrss=%s kB steal=%s%%\n' "$name" "$threads" "$n" "$rate" "$cpu" "$rss_kb" "$steal" >&2
}

echo "== $(nproc) cores; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for ((i = 1; i <= repeat; i++)); do
  echo "== cycle $i of $repeat" >&2
  # Both sides run in one program with the CLI's runtime settings (the baseline is faster with
  # them too: 53-57k against 48-49k rows/s with .NET's default call-counting delay).
  run baseline 1 "$baseline_rows" baseline --rows "$baseline_rows" --out "$work/baseline"
  run segbench 1 "$rows" throughput --rows "$rows" --threads 1 --out "$work/t1"
  run segbench 2 "$rows" throughput --rows "$rows" --threads 2 --out "$work/t2"
done
echo "== load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) print "NA"; else print a[int((NR + 1) / 2)] }'; }
pick() { awk -F'\t' -v n="$1" -v t="$2" -v c="$3" '$1 == n && $2 == t { print $c }' "$results" | median; }
base="$(pick baseline 1 4)"
base_cpu="$(pick baseline 1 5)"
echo
echo "customers to CSV (median of $repeat; same run, same machine, same load)"
printf '%-26s %12s %9s %14s %10s %8s\n' "run" "rows/s" "x base" "cpu_us/row" "maxrss_MB" "steal%"
for spec in "baseline 1 Bogus+CsvHelper_(1_thread)" "segbench 1 segbench_(1_thread)" "segbench 2 segbench_(2_threads)"; do
  set -- $spec
  rate="$(pick "$1" "$2" 4)"; cpu="$(pick "$1" "$2" 5)"; kb="$(pick "$1" "$2" 6)"; steal="$(pick "$1" "$2" 7)"
  ratio="$(awk -v a="$rate" -v b="$base" 'BEGIN { printf "%.2f", a / b }')"
  mb="$( [ "$kb" = NA ] && echo NA || awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }')"
  printf '%-26s %12s %9s %14s %10s %8s\n' "${3//_/ }" "$rate" "$ratio" "$cpu" "$mb" "$steal"
done
if [ "$base_cpu" != NA ]; then
  echo "cpu ratio (baseline cpu_us/row / segbench cpu_us/row, 2 threads): $(awk -v a="$base_cpu" -v b="$(pick segbench 2 5)" 'BEGIN { printf "%.2f", a / b }')"
fi
echo "target: segbench 2 threads >= 1,000,000 rows/s, about 8x the baseline"

if [ "$rss" = 1 ]; then
  echo "== peak RSS: $rss_rows rows, 2 threads" >&2
  log="$work/rss.log"
  /usr/bin/time -v dotnet "$dll" throughput --rows "$rss_rows" --threads 2 --out "$work/rss" > "$log" 2>&1 || { cat "$log" >&2; exit 1; }
  kb="$(sed -nE 's/.*Maximum resident set size \(kbytes\): ([0-9]+).*/\1/p' "$log")"
  grep '^result=' "$log"
  echo "peak RSS at $rss_rows rows, 2 threads: $((kb / 1024)) MB (target < 300 MB)"
  rm -rf "$work/rss"
fi
