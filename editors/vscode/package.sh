#!/usr/bin/env bash
# Builds the Digi-Check VS Code extension into editors/vscode/digicheck-<version>.vsix.
# Needs Node.js 20 or newer and access to the npm registry (for `npm ci`).
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
npm run compile
# --skip-license: the licence (EUPL-1.2) is the project's, named in package.json.
npx --no-install vsce package --skip-license
ls -l ./*.vsix
