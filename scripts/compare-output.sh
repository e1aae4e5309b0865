#!/usr/bin/env bash
# Builds sites with two trappa binaries and shows where their output differs, for changes
# that must not change what a build writes (a refactoring), or only where intended.
#
#   scripts/compare-output.sh OLD_BINARY NEW_BINARY [SITE_FOLDER...]
#
# Without site folders: the bundled site (this repository) and the site `trappa new` makes.
# Prints `diff` of every file that differs and exits 1 when any does.
set -euo pipefail
old=$(realpath "$1"); new=$(realpath "$2"); shift 2
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sites=("$@")
if [ ${#sites[@]} -eq 0 ]; then
  mkdir "$work/bundled"
  cp -r "$repo/content" "$repo/exercises" "$repo/site.yaml" "$work/bundled/"
  (cd "$work" && "$old" new scaffold >/dev/null)
  sites=("$work/bundled" "$work/scaffold")
fi

status=0
for site in "${sites[@]}"; do
  for which in old new; do
    rm -rf "$work/copy"
    cp -r "$site" "$work/copy"
    rm -rf "$work/copy/public"
    binary=$old; [ $which = new ] && binary=$new
    (cd "$work/copy" && "$binary" build >/dev/null)
    rm -rf "$work/$which"
    mv "$work/copy/public" "$work/$which"
  done
  echo "== $(basename "$site"): $(find "$work/new" -type f | wc -l) files"
  if ! diff -r "$work/old" "$work/new"; then status=1; fi
done
exit $status
