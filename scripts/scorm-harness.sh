#!/bin/sh
# Plays a learning platform for a SCORM package of `trappa pack --scorm`, on this computer only:
# the harness of the tests (tests/scorm-harness/, scorm-again as the runtime) and the unpacked
# package served together on loopback, as a platform serves its courses from one origin.
#   scripts/scorm-harness.sh PACKAGE.zip [1.2|2004] [PORT]
set -eu
zip=$1
version=${2:-1.2}
port=${3:-8010}
repo=$(cd "$(dirname "$0")/.." && pwd)
runtime="$repo/tests/node_modules/scorm-again/dist/scorm-again.js"
[ -f "$runtime" ] || (cd "$repo/tests" && npm ci --no-audit --no-fund --silent)
dir=$(mktemp -d)
cp "$repo"/tests/scorm-harness/* "$dir/"
cp "$runtime" "$dir/scorm-again.js"
python3 -m zipfile -e "$zip" "$dir/package"
for launch in "$dir"/package/scorm-*.html; do
  echo "open http://127.0.0.1:$port/index.html?version=$version&launch=package/$(basename "$launch")"
done
exec python3 -m http.server --bind 127.0.0.1 --directory "$dir" "$port"
