#!/usr/bin/env bash
# Generator speed next to another generator: our `stripe-codegen generate` against openapi-to-rust
# (crates.io, pinned to 0.23.0) on the same small spec, spec/identity_verification_session.yaml.
#
# Method. Whole-process wall time of each command, measured from bash with $EPOCHREALTIME (no
# timer process of its own in the interval), so process start-up, reading the spec, generating
# and writing the files all count, as they do for a person running the tool:
#   (a) target/release/stripe-codegen generate --spec <copy of spec/> --out <scratch dir>
#       (writes src/types.rs and src/requests.rs, and scaffolds Cargo.toml and src/lib.rs since
#       the folder is new);
#   (b) openapi-to-rust generate <same spec copy> --output-dir <scratch dir> --quiet
#       (direct mode, its defaults: types.rs, an async reqwest client.rs, mod.rs and
#       REQUIRED_DEPS.toml).
# Both write into a fresh, empty directory every run (removed outside the timed interval), so
# neither can skip writing files that are already up to date. One untimed run of each first
# (page cache, and the outputs kept for inspection), then RUNS pairs alternating, a b, b a, a b,
# ..., so a slow spell of a shared machine lands on both sides and neither always goes first.
# Prints each side's median, min and max in milliseconds and the ratio of the medians, a/b
# (below 1: ours is faster); beside it the median CPU time (user + sys, all threads, from bash's
# `times`, 1 ms resolution) of a run: our generator renders on every core, so its wall time
# depends on whether the second core is free, its CPU time much less.
#
# Run (from anywhere):
#   tools/bench/vs_openapi_to_rust.sh            # RUNS=30 pairs
#   RUNS=50 tools/bench/vs_openapi_to_rust.sh
# openapi-to-rust is installed, if not already there, with
#   cargo install --locked --root "$O2R_ROOT" openapi-to-rust@=0.23.0
# into O2R_ROOT (default: ${TMPDIR:-/tmp}/openapi-to-rust-0.23.0), never into this workspace: no
# dependency is added to it. That install needs crates.io and compiles ~185 crates (about 12
# minutes on a 2-core machine, once). Our CLI is built with `cargo build --release -p
# stripe-codegen`. Every cargo call takes /tmp/cargo.lock first, so it never runs beside another
# build on this machine; the timed runs hold it too (other work on the machine still counts).
set -euo pipefail
shopt -s inherit_errexit

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${RUNS:-30}
o2r_version=0.23.0
o2r_root=${O2R_ROOT:-${TMPDIR:-/tmp}/openapi-to-rust-$o2r_version}
o2r="$o2r_root/bin/openapi-to-rust"

if [[ ${BASH_VERSINFO[0]} -lt 5 ]]; then
  echo "needs bash 5 or later (\$EPOCHREALTIME)" >&2
  exit 2
fi

# The pinned openapi-to-rust, installed unless that exact version is there already.
if ! [[ -x $o2r ]] || [[ $("$o2r" --version) != "openapi-to-rust $o2r_version" ]]; then
  echo "installing openapi-to-rust $o2r_version into $o2r_root (once; several minutes) ..." >&2
  flock /tmp/cargo.lock cargo install --locked --root "$o2r_root" "openapi-to-rust@=$o2r_version" >&2
fi
echo "building stripe-codegen (release) ..." >&2
flock /tmp/cargo.lock cargo build --release --quiet -p stripe-codegen --manifest-path "$root/Cargo.toml" >&2
ours="$root/target/release/stripe-codegen"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/vs-openapi-to-rust.XXXXXX")
# The spec and its local choices (stripe-codegen.yaml, read beside the spec) copied, so the
# generator's file headers and the scaffolded crate point at the scratch copy, not at the repo.
mkdir "$scratch/spec"
cp "$root/spec/identity_verification_session.yaml" "$root/spec/stripe-codegen.yaml" "$scratch/spec/"
spec="$scratch/spec/identity_verification_session.yaml"

# Sets $cpu to the CPU time (user + sys) of this shell's finished children so far, in
# microseconds: bash's `times`, millisecond resolution, read without a subshell (a subshell's
# `times` would not see this shell's children).
children_cpu() {
  local line re='^([0-9]+)m([0-9]+)[.,]([0-9]{3})s ([0-9]+)m([0-9]+)[.,]([0-9]{3})s$'
  times >"$scratch/times"
  { read -r line; read -r line; } <"$scratch/times"
  [[ $line =~ $re ]] || { echo "cannot read \`times\`: $line" >&2; exit 1; }
  local r=("${BASH_REMATCH[@]}")
  cpu=$(( ((10#${r[1]} * 60 + 10#${r[2]}) * 1000 + 10#${r[3]} + (10#${r[4]} * 60 + 10#${r[5]}) * 1000 + 10#${r[6]}) * 1000 ))
}

# Runs side $1 once into a fresh directory $2; prints "<wall> <cpu>" in microseconds.
run() {
  local side=$1 dir=$2 start end cpu0
  rm -rf "$dir"
  children_cpu
  cpu0=$cpu
  if [[ $side == a ]]; then
    start=$EPOCHREALTIME
    "$ours" generate --spec "$spec" --out "$dir" >"$scratch/$side.log" 2>&1
    end=$EPOCHREALTIME
  else
    start=$EPOCHREALTIME
    "$o2r" generate "$spec" --output-dir "$dir" --quiet >"$scratch/$side.log" 2>&1
    end=$EPOCHREALTIME
  fi
  children_cpu
  echo "$(( ${end//[.,]/} - ${start//[.,]/} )) $(( cpu - cpu0 ))"
}

# The measuring holds /tmp/cargo.lock (some seconds), so no build or benchmark that takes it runs
# beside the timed runs on this machine.
exec {lock}>/tmp/cargo.lock
flock "$lock"

# Untimed warm-up; its outputs stay in $scratch/{a,b}-output for a look at what each writes.
run a "$scratch/a-output" >/dev/null
run b "$scratch/b-output" >/dev/null
: >"$scratch/a.us"
: >"$scratch/b.us"
for ((i = 0; i < runs; i++)); do
  if ((i % 2 == 0)); then order="a b"; else order="b a"; fi
  for side in $order; do
    run "$side" "$scratch/$side-timed" >>"$scratch/$side.us"
  done
done
flock -u "$lock"

# Prints "median min max" in milliseconds of column $2 (microseconds) of file $1.
stats() {
  awk -v c="$2" '{ print $c }' "$1" | sort -n | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.1f %.1f %.1f\n", m / 1000, v[1] / 1000, v[NR] / 1000 }'
}
read -r a_med a_min a_max < <(stats "$scratch/a.us" 1)
read -r b_med b_min b_max < <(stats "$scratch/b.us" 1)
read -r a_cpu _ < <(stats "$scratch/a.us" 2)
read -r b_cpu _ < <(stats "$scratch/b.us" 2)
bytes() { find "$1" -type f -name '*.rs' -exec cat {} + | wc -c; }

echo
echo "spec: spec/identity_verification_session.yaml ($(wc -c <"$spec") bytes), $runs runs each, alternating, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-42s %9s %7s %7s %12s %12s\n' side "median ms" "min" "max" "CPU med ms" ".rs written"
printf '%-42s %9s %7s %7s %12s %12s\n' "(a) stripe-codegen generate (release)" "$a_med" "$a_min" "$a_max" "$a_cpu" "$(bytes "$scratch/a-output") B"
printf '%-42s %9s %7s %7s %12s %12s\n' "(b) openapi-to-rust $o2r_version generate" "$b_med" "$b_min" "$b_max" "$b_cpu" "$(bytes "$scratch/b-output") B"
awk -v a="$a_med" -v b="$b_med" -v ac="$a_cpu" -v bc="$b_cpu" \
  'BEGIN { printf "ratio of medians a/b: wall %.2fx, CPU %.2fx\n", a / b, ac / bc }'
echo "raw times (us: wall, CPU per run) and both outputs: $scratch"
