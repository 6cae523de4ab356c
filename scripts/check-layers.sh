#!/usr/bin/env bash
# check-layers.sh: refuses an include that points up the layers.
#
#   scripts/check-layers.sh SRC_ROOT LAYER ALLOWED...
#
# Every file under SRC_ROOT/LAYER (sources, headers and tests) may include
# headers of LAYER itself and of the ALLOWED layers only, as
# `#include "<layer>/…"`. Any other quoted include of a folder of SRC_ROOT is
# printed as file:line and the script exits 1. CMake runs it for each layer
# library before compiling it (see CMakeLists.txt, atrium_layer), so an
# upward include fails the build; all layers share `src` as include root, so
# the compiler alone would find the header.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 SRC_ROOT LAYER [ALLOWED...]" >&2
  exit 2
fi
root=$1
layer=$2
shift 2
allowed=" $layer $* "

status=0
while IFS= read -r hit; do
  # hit: path:line:#include "dir/…"
  target=${hit#*#include \"}
  target=${target%%/*}
  [[ -d "$root/$target" ]] || continue  # not one of ours (e.g. a local file)
  if [[ "$allowed" != *" $target "* ]]; then
    echo "${hit%%:#*}: layer '$layer' may not include '$target/' (allowed:${allowed% })" >&2
    status=1
  fi
done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]+"[A-Za-z0-9_]+/' \
           --include='*.h' --include='*.cc' "$root/$layer" | sed -E 's/:[[:space:]]*#[[:space:]]*include[[:space:]]+/:#include /' || true)
exit $status
