#!/bin/sh
# Takes the screenshots in docs/screenshots/ (linked from the README's "How it looks"): the
# bundled site built as the README says, in headless Chromium (Debian's `chromium`), each page
# at 320, 768, 1366 and 1920 px, and the presenter's two windows at 1366. Run from anywhere in the repository.
set -eu
cd "$(dirname "$0")/.."
cargo test --release --test testsuite -- --ignored --exact screenshots::screenshots screenshots::screenshots_of_the_two_presenter_windows
ls -l docs/screenshots/
