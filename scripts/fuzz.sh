#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (in build-fuzz/) and
# runs each for FUZZ_SECONDS (default 60) from its seed corpus in the tree,
# one target per core at a time (FUZZ_JOBS to change that).
# What a run discovers is kept in build-fuzz/corpus/<target>/ (reused by the
# next run, never written into the tree); a crash leaves its input in
# build-fuzz/crashes/ and fails the run: turn it into a regression test and
# add it to the seed corpus.
#
#   scripts/fuzz.sh                 # every target, 60 s each
#   FUZZ_SECONDS=5 scripts/fuzz.sh  # the short run make test does
#   scripts/fuzz.sh markdown_fuzz   # one target
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
generator=$(command -v ninja >/dev/null 2>&1 && echo Ninja || echo "Unix Makefiles")
if [ ! -f build-fuzz/CMakeCache.txt ]; then
  cmake -S tests/fuzz -B build-fuzz -G "$generator" -DCMAKE_CXX_COMPILER=clang++ >/dev/null
fi
cmake --build build-fuzz -j "$(nproc)"
mkdir -p build-fuzz/crashes
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in tests/fuzz/*_fuzz.cc; do targets+=("$(basename "$f" .cc)"); done
fi
# One target per core at a time: each fuzzer is a single busy process.
run_one() {
  local t=$1 name=${1%_fuzz}
  mkdir -p "build-fuzz/corpus/$name"
  local log="build-fuzz/$t.log"
  if ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "build-fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
      -print_final_stats=1 -artifact_prefix="build-fuzz/crashes/$t-" \
      "build-fuzz/corpus/$name" "tests/fuzz/corpus/$name" >"$log" 2>&1; then
    local runs
    runs=$(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    echo "fuzz $t: ok, $runs runs in ${seconds}s"
  else
    echo "fuzz $t: FAILED (see $log and build-fuzz/crashes/)"
    tail -30 "$log"
    return 1
  fi
}
at_once=${FUZZ_JOBS:-$(nproc)}
for t in "${targets[@]}"; do
  rm -f "build-fuzz/$t.failed"
  while [ "$(jobs -rp | wc -l)" -ge "$at_once" ]; do wait -n || true; done
  { run_one "$t" || touch "build-fuzz/$t.failed"; } &
done
wait
failed=0
for t in "${targets[@]}"; do
  if [ -f "build-fuzz/$t.failed" ]; then failed=$((failed + 1)); fi
done
total=${#targets[@]}
echo "fuzz: $((total - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
