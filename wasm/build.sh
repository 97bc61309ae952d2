#!/usr/bin/env bash
# Builds the WebAssembly packages of Digi-Check:
#   wasm/pkg/       the npm package (wasm-bindgen --target web: ES module + .wasm + types + README)
#   wasm/pkg-node/  the same API for Node.js (--target nodejs, CommonJS)
#   wasm/www/pkg/   a copy of the web build and wasm/www/examples/ the corpus drafts, so the drafting
#                   page is served from wasm/www alone; wasm/www/app.bundle.js the page's script
#                   with its editor (esbuild)
# Each package holds two modules: `digicheck` (everything but Word files) and `digicheck_docx`
# (the same API plus `checkDocx` and the downloads, with the engine's Word reader, report renderers
# and annotate module, some 800 KB more), which the page loads only when a Word file is opened or
# a download is asked for.
# Tools: the wasm32 target (rustup), wasm-bindgen-cli at exactly the version of the wasm-bindgen
# crate in Cargo.lock (cargo install, ~3 min the first time) and wasm-opt from the npm package
# `binaryen` (wasm/node_modules/.bin). Debian's binaryen (108) is deliberately not used: its
# wasm-opt produces a module that validates but throws in __wbindgen_init_externref_table when it
# is instantiated. Nothing here downloads a prebuilt binary.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
wasm="$root/wasm"

step() { printf '\n==> %s\n' "$*"; }

step "Tools"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  echo "installing wasm-bindgen-cli $want (found: ${have:-none})"
  # Without --locked: with it, resolution fails on a pinned dependency the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$want"
fi
# npm ci also when package-lock.json changed since the last install (npm records it in
# node_modules/.package-lock.json), so that a new or updated dev dependency is there.
if [ ! -x "$wasm/node_modules/.bin/wasm-opt" ] || [ "$wasm/package-lock.json" -nt "$wasm/node_modules/.package-lock.json" ]; then
  (cd "$wasm" && npm ci --no-audit --no-fund)
fi
export PATH="$wasm/node_modules/.bin:$PATH"
echo "wasm-bindgen $(wasm-bindgen --version | awk '{print $2}'), $(wasm-opt --version)"

target_dir=$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
raw="$target_dir/wasm32-unknown-unknown/wasm/digicheck_wasm.wasm"
rm -rf "$wasm/pkg" "$wasm/pkg-node"
for module in digicheck digicheck_docx; do
  features=(--no-default-features)
  [ "$module" = digicheck_docx ] && features=(--features docx)
  step "cargo build --profile wasm --target wasm32-unknown-unknown ${features[*]} ($module)"
  cargo build --profile wasm --target wasm32-unknown-unknown -p digicheck-wasm "${features[@]}"
  step "wasm-bindgen $module (web → wasm/pkg, nodejs → wasm/pkg-node)"
  wasm-bindgen "$raw" --target web --out-dir "$wasm/pkg" --out-name "$module"
  wasm-bindgen "$raw" --target nodejs --out-dir "$wasm/pkg-node" --out-name "$module"
done

# `--low-memory-unused`: wasm-opt may assume that the first kilobyte of memory is never read or
# written, and folds constant offsets of addresses into the offset fields of loads and stores
# (5.7 KB less for digicheck_bg.wasm). The two differ only where an address computation wraps
# around 4 GiB into that kilobyte, which Rust code never does: the module's layout puts the stack
# there, growing down from 1 MiB, and the data above it.
opt_flags=(-Oz --low-memory-unused)
step "wasm-opt ${opt_flags[*]}"
# The features come from the module's target_features section (why the profile has no strip).
# wasm-opt (binaryen compiled to JavaScript) takes minutes on a module this size, so results are
# kept in target/wasm-opt-cache by the hash of their input and the flags: an unchanged build costs
# nothing, and the nodejs module, which is byte-identical to the web one, is optimised only once.
cache="$target_dir/wasm-opt-cache"
mkdir -p "$cache"
for file in "$wasm"/pkg/digicheck*_bg.wasm "$wasm"/pkg-node/digicheck*_bg.wasm; do
  key=$({ cat "$file"; printf '%s\n' "${opt_flags[*]}"; } | sha256sum | cut -c1-32)
  if [ -f "$cache/$key.wasm" ]; then
    echo "$(basename "$(dirname "$file")")/$(basename "$file"): optimised module taken from the cache"
  else
    wasm-opt "${opt_flags[@]}" "$file" -o "$cache/$key.tmp"
    mv "$cache/$key.tmp" "$cache/$key.wasm"
  fi
  cp "$cache/$key.wasm" "$file"
done

step "package files"
version=$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).packages.find(p=>p.name==="digicheck-wasm").version))')
node "$wasm/tools/package.mjs" "$version"

step "drafting page (wasm/www/pkg, wasm/www/examples)"
rm -rf "$wasm/www/pkg" "$wasm/www/examples"
mkdir -p "$wasm/www/pkg" "$wasm/www/examples"
cp "$wasm"/pkg/digicheck.js "$wasm"/pkg/digicheck_bg.wasm "$wasm"/pkg/digicheck_docx.js "$wasm"/pkg/digicheck_docx_bg.wasm "$wasm/www/pkg/"
cp "$root"/corpus/*.txt "$root"/corpus/*.docx "$wasm/www/examples/" 2>/dev/null || cp "$root"/corpus/*.txt "$wasm/www/examples/"
# The page's script with its editor (CodeMirror, pinned in package-lock.json) in one file.
esbuild "$wasm/www/app.js" --bundle --format=esm --target=es2022 --minify --sourcemap --log-level=warning --outfile="$wasm/www/app.bundle.js"

echo
for module in digicheck digicheck_docx; do
  size=$(stat -c %s "$wasm/pkg/${module}_bg.wasm")
  gz=$(gzip -9 -c "$wasm/pkg/${module}_bg.wasm" | wc -c)
  printf 'wasm size %s: %d bytes raw (%.0f KB), %d bytes gzip -9 (%.0f KB)\n' "$module" "$size" "$((size / 1024))" "$gz" "$((gz / 1024))"
done
# Issue #19: the engine's module stays within 900 KB raw — 900,000 bytes, read as the issue reads
# it (the guard allowed 900 KiB = 921,600 bytes until the seventh size round) — so the drafting page
# loads fast on a slow line; a change that crosses it must pay for itself (wasm/README.md, „Size“).
limit=900000
size=$(stat -c %s "$wasm/pkg/digicheck_bg.wasm")
if [ "$size" -gt "$limit" ]; then
  echo "wasm/build.sh: digicheck_bg.wasm is $size bytes, above the limit of $limit bytes (900 KB)" >&2
  exit 1
fi
