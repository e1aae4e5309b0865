#!/bin/sh
# Takes the screenshots in docs/screenshots/ (linked from the README's "How it looks"): the
# bundled site built as the README says, in headless Chromium (Debian's `chromium`), each page
# at 320, 768, 1366 and 1920 px. Run from anywhere in the repository.
set -eu
cd "$(dirname "$0")/.."
cargo test --release --test testsuite -- --ignored --exact screenshots::screenshots
ls -l docs/screenshots/
