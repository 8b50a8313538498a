#!/usr/bin/env bash
# Why this exists: RevPulse runs Neo4j Community embedded (the server tarball is
# not on Maven Central, the only Java source our machines reach). This script
# builds the small launcher in deploy/neo4j/launcher/ and lays it out, with all
# of Neo4j's jars, in one directory that the Rust crate revpulse-local-neo4j
# starts with `java -cp launcher.jar:lib/* dev.revpulse.neo4j.Launcher ...`.
#
# Output: ${REVPULSE_CACHE:-$HOME/.cache/revpulse}/neo4j-launcher/
#           launcher.jar  lib/*.jar  STAMP
# Idempotent: when STAMP matches the sha256 of pom.xml + Launcher.java, it
# returns at once. Installs openjdk-17-jdk-headless and maven with apt-get when
# java 17+ or mvn is missing. Maven uses its default local repository (~/.m2).
# Set REVPULSE_NEO4J_FORCE=1 to rebuild anyway.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/launcher"
pom="$src/pom.xml"
main_java="$src/src/main/java/dev/revpulse/neo4j/Launcher.java"
cache="${REVPULSE_CACHE:-$HOME/.cache/revpulse}"
out="$cache/neo4j-launcher"

say() { echo "neo4j-launcher: $*"; }

stamp="$(cat "$pom" "$main_java" | sha256sum | cut -d' ' -f1)"
installed() {
  [[ -f "$out/STAMP" && -f "$out/launcher.jar" && -d "$out/lib" ]] &&
    [[ "$(cat "$out/STAMP")" == "$stamp" ]]
}

if [[ "${REVPULSE_NEO4J_FORCE:-0}" != 1 ]] && installed; then
  say "up to date"
  echo "$out"
  exit 0
fi

java_major() {
  # Prints the major version of `java` on PATH, or nothing.
  java -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n1
}

need_apt=()
if ! command -v java >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1 ||
  [[ "$(java_major)" -lt 17 ]]; then
  need_apt+=(openjdk-17-jdk-headless)
fi
if ! command -v mvn >/dev/null 2>&1; then
  need_apt+=(maven)
fi
if ((${#need_apt[@]})); then
  say "installing ${need_apt[*]} with apt-get"
  sudo=()
  if [[ "$(id -u)" != 0 ]]; then sudo=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  # Only refresh the package lists when installing without them fails.
  if ! "${sudo[@]}" apt-get install -y -q "${need_apt[@]}" >/dev/null 2>&1; then
    say "running apt-get update first"
    "${sudo[@]}" apt-get update -q >/dev/null
    "${sudo[@]}" apt-get install -y -q "${need_apt[@]}" >/dev/null
  fi
  if [[ "$(java_major)" -lt 17 ]]; then
    say "java on PATH is still older than 17; select JDK 17 (update-alternatives --config java)" >&2
    exit 1
  fi
fi

mkdir -p "$cache"
# One install at a time (parallel CI jobs, several shells).
exec 9>"$cache/neo4j-launcher.lock"
flock 9
if [[ "${REVPULSE_NEO4J_FORCE:-0}" != 1 ]] && installed; then
  say "up to date (built by a concurrent run)"
  echo "$out"
  exit 0
fi

build="$cache/neo4j-launcher.build"
staging="$cache/neo4j-launcher.new"
rm -rf "$build" "$staging"

say "building with Maven (the first build downloads ~130 MB of Neo4j jars from Maven Central)"
start=$SECONDS
mvn_log="$cache/neo4j-launcher.maven.log"
if ! mvn -B -Dstyle.color=never -f "$pom" -Dlauncher.build.dir="$build" package >"$mvn_log" 2>&1; then
  tail -n 40 "$mvn_log" >&2
  say "maven build failed; full log: $mvn_log" >&2
  exit 1
fi
say "maven finished in $((SECONDS - start))s"

mkdir -p "$staging"
cp "$build/launcher.jar" "$staging/launcher.jar"
mv "$build/lib" "$staging/lib"
echo "$stamp" >"$staging/STAMP"
rm -rf "$build" "$out"
mv "$staging" "$out"

say "installed $(ls "$out/lib" | wc -l) jars"
echo "$out"
