#!/usr/bin/env bash
# Style check: swift-format (shipped with the Swift toolchain) in strict mode with the project's
# .swift-format (120 columns, 4-space indents). Fix what it reports with
#   swift format format -i -r Sources Tests Package.swift
set -euo pipefail
cd "$(dirname "$0")/.."
swift format lint --strict --configuration .swift-format -r Sources Tests Package.swift
echo "lint: swift-format found nothing to change"
