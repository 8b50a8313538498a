#!/usr/bin/env bash
# Installs the MCP client the gateway's MCP end-to-end tests drive the server with: the
# official MCP Python SDK (`mcp`, a client this project did not write), pinned with everything
# it pulls in by gateway/tests/mcp_client/requirements.txt, into a venv of its own.
#
# Output: ${REVPULSE_CACHE:-$HOME/.cache/revpulse}/mcp-venv/   (bin/python imports `mcp`)
# Idempotent: the venv's STAMP names the requirements' sha256 and the Python version; when
# they match, the script returns at once. pip keeps its downloads in ~/.cache/pip, so a
# reinstall needs no network. Set REVPULSE_MCP_CLIENT_FORCE=1 to reinstall anyway.
# Safe to run from several processes at once (the test binary runs it too): installs are
# serialised with flock when it is available.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${REVPULSE_CACHE:-$HOME/.cache/revpulse}"
venv="$cache/mcp-venv"
requirements="$here/tests/mcp_client/requirements.txt"
log="$cache/mcp-client-install.log"

say() { echo "install-mcp-client: $*"; }
fail() {
  echo "install-mcp-client: FAILED: $*" >&2
  exit 1
}

[[ -f "$requirements" ]] || fail "$requirements is missing"
command -v python3 >/dev/null 2>&1 || fail "python3 is missing (scripts/setup installs it)"
mkdir -p "$cache"

wanted="requirements:$(sha256sum "$requirements" | cut -c1-16) $(python3 -c 'import sys; print("python:%d.%d" % sys.version_info[:2])')"
up_to_date() {
  [[ "${REVPULSE_MCP_CLIENT_FORCE:-0}" != 1 && -x "$venv/bin/python" && -f "$venv/STAMP" &&
    "$(cat "$venv/STAMP")" == "$wanted" ]]
}

if up_to_date; then
  say "up to date ($venv)"
  exit 0
fi

install() {
  # Another process may have finished the install while this one waited for the lock.
  if up_to_date; then
    return 0
  fi
  rm -rf "$venv"
  say "creating $venv with the pinned MCP Python SDK (log: $log)"
  python3 -m venv "$venv" >"$log" 2>&1 || fail "python3 -m venv failed (apt-get install python3-venv; see $log)"
  if ! "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$requirements" >>"$log" 2>&1; then
    tail -n 20 "$log" >&2
    fail "pip could not install $requirements (see $log)"
  fi
  "$venv/bin/python" -c "import mcp.client.session, mcp.client.stdio, mcp.client.streamable_http" >>"$log" 2>&1 ||
    fail "the mcp package does not import after the install (see $log)"
  echo "$wanted" >"$venv/STAMP"
  say "installed $(grep -m1 '^mcp==' "$requirements") into $venv"
}

if command -v flock >/dev/null 2>&1; then
  exec 9>"$cache/mcp-venv.lock"
  flock 9
fi
install
