# SegBench — the README's commands. `make test` is what CI runs.
DOTNET ?= dotnet
CONFIG ?= Release
export DOTNET_CLI_TELEMETRY_OPTOUT = 1
export DOTNET_NOLOGO = 1

.PHONY: build test run bench bench-generator bench-kmeans bench-quality smoke format clean duckdb browser arm64

build:
	$(DOTNET) build SegBench.sln -c $(CONFIG) -nologo -clp:ErrorsOnly

# DuckDB (from npm) is the real Parquet reader the conformance tests compare against.
duckdb:
	npm ci --prefix tools/duckdb --no-audit --no-fund --loglevel=error

# Headless Chromium (Debian's package) renders report.html in the bench browser tests.
browser:
	tools/browser/install-chromium.sh

# segbench for linux-arm64, run under qemu, is the other machine the cross-architecture byte test compares with.
arm64: build
	tools/arm64/install.sh

test: build duckdb browser arm64
	$(DOTNET) test SegBench.sln -c $(CONFIG) --no-build -nologo
	$(MAKE) --no-print-directory smoke

# The quality gate: the smoke matrix against the committed baseline. A drop beyond tolerance fails.
smoke: build
	./segbench bench --matrix bench/matrices/smoke.yaml --out out/smoke
	./segbench gate --results out/smoke/results.json --baseline bench/baselines/smoke.json

# The full matrix: the figures and target checks in the README's benchmark section, rewritten
# from its results, and its report kept beside the matrix.
bench-quality: build
	./segbench bench --matrix bench/matrices/full.yaml --out out/full
	python3 tools/readme_bench.py out/full/results.json README.md
	cp out/full/report.md bench/results/full-report.md

run: build
	./segbench demo

bench: build
	$(DOTNET) run -c $(CONFIG) --project bench/SegBench.Benchmarks -- --filter '*'

# Side-by-side scripts: same machine, same run, baseline first.
bench-generator: build
	bench/generator-throughput.sh --no-build

bench-kmeans: build
	bench/sidebyside/kmeans_vs_sklearn.sh

format:
	$(DOTNET) format SegBench.sln

clean:
	$(DOTNET) clean SegBench.sln -c $(CONFIG) -nologo
