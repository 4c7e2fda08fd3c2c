# SegBench — the README's commands. `make test` is what CI runs.
DOTNET ?= dotnet
CONFIG ?= Release
export DOTNET_CLI_TELEMETRY_OPTOUT = 1
export DOTNET_NOLOGO = 1

.PHONY: build test run bench format clean duckdb

build:
	$(DOTNET) build SegBench.sln -c $(CONFIG) -nologo -clp:ErrorsOnly

# DuckDB (from npm) is the real Parquet reader the conformance tests compare against.
duckdb:
	npm ci --prefix tools/duckdb --no-audit --no-fund --loglevel=error

test: build duckdb
	$(DOTNET) test SegBench.sln -c $(CONFIG) --no-build -nologo

run: build
	./segbench demo

bench: build
	$(DOTNET) run -c $(CONFIG) --project bench/SegBench.Benchmarks -- --filter '*'

format:
	$(DOTNET) format SegBench.sln

clean:
	$(DOTNET) clean SegBench.sln -c $(CONFIG) -nologo
