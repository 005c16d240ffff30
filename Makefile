# Thin convenience wrapper around CMake. The real build lives in CMakeLists.txt.
#   make run    install missing packages, build, run the baseline into out/baseline and compare
#               every scenario in scenarios/ and the STACKS with it into out/compare; project the baseline
#               and PROJECT_SCENARIO from PROJECT_START by school year into out/project; write the report
#               and out/workshop/workshop.html (the workshop page in WebAssembly)
#   make test   install missing packages, build, run every test (ctest)
#   make bench  install missing packages, build, run the benchmarks
BUILD    ?= build
JOBS     ?= $(shell nproc)
STUDENTS ?= 200000
REPS     ?= 20
OUT      ?= out
# The projection of `make run` (docs/projections.md): a quarter of the default size of `doorstroom
# project` per scenario, so baseline and scenario together take half a default projection's time.
PROJECT_SCENARIO ?= scenarios/warme_overdracht.toml
PROJECT_START    ?= 2027
PROJECT_STUDENTS ?= 2000
PROJECT_REPS     ?= 10

# Debian packages the build needs; `make deps` installs whichever are missing.
DEB_PACKAGES := cmake g++ make git pkg-config libeigen3-dev libboost-dev libcli11-dev catch2 \
                libtomlplusplus-dev librandom123-dev libbenchmark-dev libopenmpi-dev openmpi-bin librsvg2-bin \
                libcpp-httplib-dev python3-numpy python3-simpy time valgrind chromium emscripten
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps plots-deps build run test bench clean fuzz sanitize
all: build

deps:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing $$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# The figures are drawn by a small Node package (Apache ECharts, pinned by plots/package-lock.json).
plots-deps:
	@command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || \
	  { echo "make deps: installing nodejs npm"; $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm; }
	@[ -d plots/node_modules/echarts ] || (cd plots && npm ci --no-audit --no-fund --loglevel=error)

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release

build: deps plots-deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

SCENARIOS := $(filter-out scenarios/baseline.toml,$(sort $(wildcard scenarios/*.toml)))
# Stacks (docs/scenarios.md#stacks): several scenarios at once, compared beside their parts with
# their interaction. The first acts on the same students twice, the second on different steps.
STACKS ?= scenarios/warme_overdracht.toml+scenarios/loopbaancoach.toml \
          scenarios/arbeidsmarktroute.toml+scenarios/driejarig_mbo1_2.toml

run: build
	$(BUILD)/doorstroom run scenarios/baseline.toml --students $(STUDENTS) --replications $(REPS) --out $(OUT)/baseline
	$(BUILD)/doorstroom compare scenarios/baseline.toml $(SCENARIOS) $(STACKS) --students $(STUDENTS) --replications $(REPS) --out $(OUT)/compare
	$(BUILD)/doorstroom project $(PROJECT_SCENARIO) --start-year $(PROJECT_START) --students $(PROJECT_STUDENTS) --replications $(PROJECT_REPS) --out $(OUT)/project
	$(BUILD)/doorstroom report $(OUT)/baseline --compare $(OUT)/compare --project $(OUT)/project --out $(OUT)/report --png
	$(BUILD)/doorstroom workshop --out $(OUT)/workshop
	@echo "baseline: $(OUT)/baseline (manifest.json, outcomes.csv, census.csv, flows.csv)"
	@echo "comparison of $(words $(SCENARIOS)) scenarios and $(words $(STACKS)) stacks: $(OUT)/compare/comparison.md (and comparison.csv, costs.csv)"
	@echo "projection 2014-2035, baseline and $(notdir $(PROJECT_SCENARIO)) from $(PROJECT_START): $(OUT)/project/projection.csv"
	@echo "report: $(CURDIR)/$(OUT)/report/report.html"
	@echo "workshop page for any browser, no server: $(CURDIR)/$(OUT)/workshop/workshop.html"

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer (gcc), without the
# benchmarks, in its own build folder; the first finding stops the test that made it, which fails.
# docs/reliability.md says what this covers and how long it takes.
SANITIZE_BUILD ?= build-asan
# GCC 12 warns falsely (-Wmaybe-uninitialized) inside <regex> and <functional> under the sanitizers.
SANITIZE_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all -Wno-maybe-uninitialized
# Without MPI: OpenMPI's own allocations, in components it loads and unloads, count as leaks.
# Without the WebAssembly module: Emscripten's output is not instrumented, and `make test` runs
# its tests already.
sanitize: deps plots-deps
	cmake -S . -B $(SANITIZE_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDOORSTROOM_BENCH=OFF -DDOORSTROOM_MPI=OFF -DDOORSTROOM_WASM=OFF \
	  "-DCMAKE_CXX_FLAGS=$(SANITIZE_FLAGS)"
	cmake --build $(SANITIZE_BUILD) -j $(JOBS)
	cd $(SANITIZE_BUILD) && UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ASAN_OPTIONS=halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS)

# The hot-path figures (docs/performance.md reads them), the check that peak memory does not grow
# with the number of students, instructions per student (cachegrind: the one figure the machine's
# load does not move), the peers, and then one table of all of them (bench/bench_table.py,
# also written to $(BUILD)/bench_table.md). The table's last row times `calibrate` with 50 draws,
# which takes minutes: BENCH_CALIBRATE=0 make bench skips it. A failed peer run (exit 1: the peers
# disagree, 2: they cannot read the parameters) does not stop the table; its rows say so.
bench: build
	@if [ -x $(BUILD)/bench/doorstroom_bench ]; then \
	  $(BUILD)/bench/doorstroom_bench --benchmark_out=$(BUILD)/bench.json --benchmark_out_format=json; \
	else echo "bench: Google Benchmark not found; run 'make deps'"; exit 1; fi
	bench/memory.sh $(BUILD)/doorstroom > $(BUILD)/memory.txt; status=$$?; cat $(BUILD)/memory.txt; exit $$status
	bench/instructions.sh $(BUILD)/doorstroom > $(BUILD)/instructions.txt; status=$$?; cat $(BUILD)/instructions.txt; exit $$status
	@echo "bench: the same baseline in SimPy and NumPy (bench/peers), checked for agreement, timed per core"
	@rm -f $(BUILD)/peers.json  # a failed peer run must not leave the last run's figures in the table
	-/usr/bin/python3 bench/peers/run_peers.py --doorstroom $(BUILD)/doorstroom --json $(BUILD)/peers.json
	/usr/bin/python3 bench/bench_table.py --build $(BUILD)

# libFuzzer on every reader (fuzz/, clang with ASan+UBSan), FUZZ_SECONDS each; the corpus grows
# in build-fuzz/fuzz/corpus between runs. docs/reliability.md has the figures.
FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 300
fuzz: deps
	@command -v clang++ >/dev/null 2>&1 || { echo "make deps: installing clang"; $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq clang; }
	cmake -S . -B $(FUZZ_BUILD) -DCMAKE_CXX_COMPILER=clang++ -DDOORSTROOM_FUZZ=ON -DDOORSTROOM_TESTS=OFF -DDOORSTROOM_BENCH=OFF -DDOORSTROOM_MPI=OFF
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzzers
	for r in scenario parameters targets design; do \
	  mkdir -p $(FUZZ_BUILD)/fuzz/corpus/$$r; \
	  $(FUZZ_BUILD)/fuzz/$${r}_fuzzer -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    $(FUZZ_BUILD)/fuzz/corpus/$$r $(FUZZ_BUILD)/fuzz/seeds/$$r || exit 1; \
	done

clean:
	rm -rf $(BUILD)
