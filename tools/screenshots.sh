#!/usr/bin/env bash
# Regenerates docs/screenshots/: full-page pictures of the main pages, in English and Spanish, at desktop width,
# taken by the browser tests in Debian's Chromium (sudo apt-get install -y chromium; or set SSC_CHROMIUM).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docs/screenshots
SSC_SCREENSHOTS="$PWD/docs/screenshots" dotnet test tests/SscPortal.BrowserTests --filter "FullyQualifiedName~ScreenshotTests"
ls -l docs/screenshots
