#!/usr/bin/env bash
# Style check: swift-format (shipped with the Swift toolchain) in strict mode with the project's
# .swift-format (120 columns, 4-space indents). Fix what it reports with
#   swift format format -i -r Sources Tests Package.swift
set -euo pipefail
cd "$(dirname "$0")/.."
swift format lint --strict --configuration .swift-format -r Sources Tests Package.swift
# swift-format leaves string literals and comments as they are; 120 characters hold for them too.
long=$(LC_ALL=C.UTF-8 grep -rnP --include='*.swift' '^.{121,}' Sources Tests Package.swift || true)
if [ -n "$long" ]; then
    echo "$long" | cut -c1-160 >&2
    echo "lint: the lines above are longer than 120 characters" >&2
    exit 1
fi
echo "lint: swift-format found nothing to change, and no line is over 120 characters"
