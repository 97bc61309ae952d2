#!/usr/bin/env bash
# Headless Neovim with the README's snippet (the block between the neovim-snippet markers, run as
# it stands): opens the sample draft, waits for Digi-Check's diagnostics, compares them with
# `digicheck check`, types a barrier into the Gesetzestext and waits for its diagnostic.
#
#   bash editors/neovim/test.sh      (DIGICHECK_BIN, default target/debug/digicheck)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
bin="${DIGICHECK_BIN:-$root/target/debug/digicheck}"
[ -x "$bin" ] || { echo "editors/neovim/test.sh: $bin is missing (cargo build -p digicheck)" >&2; exit 2; }
command -v nvim >/dev/null || { echo "editors/neovim/test.sh: nvim is missing (apt-get install neovim)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The snippet calls `digicheck`: put the binary under test first on PATH.
mkdir "$tmp/bin" "$tmp/draft"
ln -s "$bin" "$tmp/bin/digicheck"
export PATH="$tmp/bin:$PATH"

awk '/<!-- neovim-snippet:begin -->/ { on = 1; next } /<!-- neovim-snippet:end -->/ { on = 0 } on' README.md \
  | sed '/^```/d' > "$tmp/init.lua"
grep -q 'vim.lsp.start_client' "$tmp/init.lua" || { echo "editors/neovim/test.sh: no snippet found in README.md" >&2; exit 1; }

cat >> "$tmp/init.lua" <<'LUA'

-- The test: wait for diagnostics, record them, add a barrier, wait again, quit.
local out = assert(io.open(vim.env.DC_OUT, "w"))
local function codes()
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    list[#list + 1] = string.format("%s %d", d.code or d.user_data and d.user_data.lsp.code or "?", d.lnum + 1)
  end
  table.sort(list)
  return list
end
vim.api.nvim_create_autocmd("VimEnter", {
  callback = function()
    vim.defer_fn(function()
      local ok = vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50)
      out:write("filetype ", vim.bo.filetype, "\n")
      out:write("first ", ok and #vim.diagnostic.get(0) or -1, "\n")
      for _, c in ipairs(codes()) do out:write("diag ", c, "\n") end
      local before = #vim.diagnostic.get(0)
      -- A new Absatz after line 150 (inside the Gesetzestext).
      vim.api.nvim_buf_set_lines(0, 150, 150, false, { "(9) Die Anzeige ist schriftlich einzureichen.", "" })
      ok = vim.wait(30000, function() return #vim.diagnostic.get(0) > before end, 20)
      out:write("after_edit ", ok and #vim.diagnostic.get(0) or -1, "\n")
      for _, d in ipairs(vim.diagnostic.get(0)) do
        if d.lnum == 150 then out:write("new ", vim.api.nvim_buf_get_lines(0, 150, 151, false)[1]:sub(d.col + 1, d.end_col), "\n") end
      end
      out:close()
      vim.cmd("qa!")
    end, 10)
  end,
})
LUA

cp corpus/gesetzentwurf-hundehaltung-mv.txt "$tmp/draft/entwurf.txt"
cd "$tmp/draft"
DC_OUT="$tmp/out" timeout 120 nvim --headless -u "$tmp/init.lua" entwurf.txt </dev/null >/dev/null 2>"$tmp/nvim.err" || {
  echo "editors/neovim/test.sh: nvim failed:" >&2; cat "$tmp/nvim.err" "$tmp/out" >&2 2>/dev/null; exit 1; }

# Exit code 1 means findings (DESIGN.md); only 2 and above are errors.
"$bin" check --format json entwurf.txt > "$tmp/cli.json" || [ $? -eq 1 ]
expected=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))[0]["findings"]))' "$tmp/cli.json")
fail() { echo "editors/neovim/test.sh: $*" >&2; cat "$tmp/out" >&2; exit 1; }
grep -qx 'filetype text' "$tmp/out" || fail "the draft was not opened as text"
first=$(sed -n 's/^first //p' "$tmp/out")
[ "$first" = "$expected" ] || fail "Neovim shows $first diagnostics, digicheck check reports $expected findings"
cli_codes=$(python3 -c 'import json, sys; print("\n".join("%s %d" % (f["rule"], f["line"]) for f in json.load(open(sys.argv[1]))[0]["findings"]))' "$tmp/cli.json")
nvim_codes=$(sed -n 's/^diag //p' "$tmp/out" | LC_ALL=C sort)
[ "$nvim_codes" = "$(printf '%s\n' "$cli_codes" | LC_ALL=C sort)" ] || fail "rules and lines differ from digicheck check:
$(diff <(printf '%s\n' "$cli_codes" | LC_ALL=C sort) <(printf '%s\n' "$nvim_codes") || true)"
after=$(sed -n 's/^after_edit //p' "$tmp/out")
[ "$after" = "$((expected + 1))" ] || fail "after typing a barrier: $after diagnostics, expected $((expected + 1))"
grep -qx 'new schriftlich' "$tmp/out" || fail "the new diagnostic is not on „schriftlich“ in the new line"
echo "editors/neovim/test.sh: $(nvim --version | head -1): $first diagnostics as digicheck check, $after after typing a barrier"
