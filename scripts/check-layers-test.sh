#!/usr/bin/env bash
# check-layers-test.sh CHECK: shows that CHECK (scripts/check-layers.sh)
# passes a tree whose includes point down and refuses one with an include
# pointing up. Run by ctest (layers.RefuseAnUpwardInclude).
set -euo pipefail
check=$1
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree/base" "$tree/social" "$tree/api/mastodon"
printf '#pragma once\n' >"$tree/base/id.h"
printf '#include "base/id.h"\n#include <vector>\n' >"$tree/social/graph.h"
printf '#include "social/graph.h"\n#include "api/context.h"\n' >"$tree/api/mastodon/renderer.h"
printf '#pragma once\n' >"$tree/api/context.h"

"$check" "$tree" base || { echo "base alone was refused"; exit 1; }
"$check" "$tree" social base || { echo "social over base was refused"; exit 1; }
"$check" "$tree" api social base || { echo "api over social was refused"; exit 1; }
# The lower layer reaching up: refused, naming the file and line.
printf '#include "api/context.h"\n' >>"$tree/social/graph.h"
if out=$("$check" "$tree" social base 2>&1); then
  echo "an upward include (social -> api) was let through"
  exit 1
fi
[[ "$out" == *"social/graph.h:3: layer 'social' may not include 'api/'"* ]] || {
  echo "unexpected message: $out"
  exit 1
}
# Through a missing dependency too: api without social listed.
if "$check" "$tree" api base 2>/dev/null; then
  echo "an include of an unlisted layer was let through"
  exit 1
fi
echo "layer check: ok"
