#!/usr/bin/env bash
# Runs every unit test of a build tree: atrium_tests split by gtest's own
# sharding over SHARDS processes at once (default: two per core, as tests
# wait on the database and on timers part of the time), then the
# tests only ctest knows (the layer check). One process per shard instead of
# ctest's one process per test: under AddressSanitizer most of a test's time
# was the process starting and the leak check at its exit, 924 times over.
#
#   scripts/unit.sh build-asan        # what make unit runs
#   scripts/unit.sh build 1           # the release tree, one process
#
# A shard that fails prints its whole output (the failing test's name, and
# the sanitizer's report when it is one that aborts); the exit status is 1
# when any shard or the ctest part fails.
set -euo pipefail
cd "$(dirname "$0")/.."
tree=${1:?usage: scripts/unit.sh BUILD_DIR [SHARDS]}
shards=${2:-$(($(nproc) * 2))}
bin=$(realpath "$tree/atrium_tests")
logs=$(mktemp -d /tmp/atrium-unit-XXXXXX)
trap 'rm -rf "$logs"' EXIT

pids=()
for ((i = 0; i < shards; i++)); do
  (cd "$tree" && GTEST_TOTAL_SHARDS=$shards GTEST_SHARD_INDEX=$i "$bin" --gtest_color=no) \
    >"$logs/$i.log" 2>&1 &
  pids+=($!)
done
failed=0
passed=0
for i in "${!pids[@]}"; do
  if wait "${pids[$i]}"; then
    n=$(grep -o '^\[  PASSED  \] [0-9]*' "$logs/$i.log" | grep -o '[0-9]*$' || echo 0)
    passed=$((passed + n))
  else
    failed=1
    echo "unit: shard $((i + 1)) of $shards FAILED; its output:"
    cat "$logs/$i.log"
  fi
done
echo "unit: $passed tests passed in $shards shards of $tree/atrium_tests"
if ! ctest --test-dir "$tree" -R '^layers\.' --output-on-failure; then failed=1; fi
exit "$failed"
