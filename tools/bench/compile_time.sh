#!/usr/bin/env bash
# Compile-time benchmark: what depending on stripe-identity costs to build, next to the least a
# serde program reading the same JSON costs.
#
# Method. Each row is one `cargo build --release --offline` from cold, in a fresh target directory
# (dependencies compiled from source, nothing shared between rows), timed as CPU time, user + sys
# of cargo and every rustc and build script under it (`/usr/bin/time -f`, else bash's `time`).
# CPU time, unlike wall time, barely depends on how many cores are free. The programs are tiny
# crates beside this script, each its own [workspace], built with the main workspace's Cargo.lock
# copied in, so every row compiles the same dependency versions:
#   (a) decode_types   decodes generated/tests/fixtures/verification_session_full.json into a
#                      `VerificationSession`, with stripe-identity's default features off (the
#                      models and events only);
#   (b) decode_serde   the same program with serde + serde_json and a hand-written struct of the
#                      session's top-level fields: the serde-only floor;
#   (c) decode_client  the program of (a), same source, with the default features (`client`,
#                      `webhook`) on;
#   (e) decode_client at commit $BASE (default 2a93da5, the last main with the hand-written pool,
#                      connector, tunnel and proxy rules, before the transport moved onto
#                      hyper-util's client, hyper-rustls and http-body-util): the same program
#                      and row as (c), from a git worktree of that commit (with its own lock), so
#                      (c) against (e) is what the move cost to build;
#   (d) stripe-identity alone, types only (`-p stripe-identity` in (a)'s workspace), built cold,
#       then again after touching generated/src/types.rs: the second build recompiles only that
#       crate, the cost of a regeneration to everything that depends on it. The rebuild is
#       timed five times; the row is the run with the median CPU time.
# The table gives CPU and wall seconds per row and each row's CPU time over (b)'s.
#
# (a) and (b) are built three times each, in turn, and (d)'s rebuild five times; each row is the
# run with the median CPU time. (c) is built once.
#
# Run (from anywhere; takes about five minutes on two cores):
#   tools/bench/compile_time.sh
# or only (c) and (e), side by side, twice each in turn:
#   ROWS=ce tools/bench/compile_time.sh          (BASE=<commit> to compare with another one)
# Every cargo call takes /tmp/cargo.lock first, so it never runs beside another build on this
# machine (the lock wait is not timed). Target directories go under target/bench/compile-time/
# (gitignored) and are removed before each row. (d) touches generated/src/types.rs: its contents
# are unchanged, and the next build anywhere recompiles stripe-identity.
set -euo pipefail
shopt -s inherit_errexit # A failed build inside $(...) stops the script.

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/target/bench/compile-time"
mkdir -p "$out"
stats="$out/time.txt"

# Runs a command holding the build lock, its output to stderr; prints "<user+sys> <wall>" seconds.
timed() {
  if [[ -x /usr/bin/time ]]; then
    flock /tmp/cargo.lock /usr/bin/time -f '%U %S %e' -o "$stats" "$@" >&2
  else
    flock /tmp/cargo.lock bash -c 'stats=$1; shift; TIMEFORMAT="%U %S %R"; { time "$@" >&3 2>&3; } 3>&2 2>"$stats"' \
      _ "$stats" "$@"
  fi
  awk '{ printf "%.2f %.2f\n", $1 + $2, $3 }' "$stats"
}

# Builds bench crate $1 cold; prints its timing.
cold_bench() {
  local crate="$here/$1" target="$out/$1"
  cp "$root/Cargo.lock" "$crate/Cargo.lock"
  rm -rf "$target"
  echo "building $1 (cold) ..." >&2
  CARGO_TARGET_DIR="$target" timed cargo build --release --offline --quiet --manifest-path "$crate/Cargo.toml"
}

# Builds (e) cold: (c)'s program in a worktree of $BASE (made once, untimed), with its own lock.
cold_base() {
  local base=${BASE:-2a93da5} tree="$out/base"
  if [[ "$(git -C "$tree" rev-parse HEAD 2>/dev/null)" != "$(git -C "$root" rev-parse "$base")" ]]; then
    git -C "$root" worktree remove --force "$tree" 2>/dev/null || rm -rf "$tree"
    git -C "$root" worktree add --detach --quiet "$tree" "$base"
  fi
  local crate="$tree/tools/bench/decode_client" target="$out/decode_client_base"
  cp "$tree/Cargo.lock" "$crate/Cargo.lock"
  rm -rf "$target"
  echo "building decode_client at $base (cold) ..." >&2
  CARGO_TARGET_DIR="$target" timed cargo build --release --offline --quiet --manifest-path "$crate/Cargo.toml"
}

# The median, by CPU time, of the "cpu wall" lines given.
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }

if [[ "${ROWS:-}" == "ce" ]]; then
  for round in 1 2; do
    c=$(cold_bench decode_client)
    e=$(cold_base)
    echo "round $round (CPU s, wall s): (c) $c; (e) $e"
  done
  exit 0
fi

# (a) and (b) differ by a few seconds and each moves by about as much between runs, so they are
# built in turn, three times each, and each row is its run with the median CPU time.
a_runs=() b_runs=()
for _ in 1 2 3; do
  a_runs+=("$(cold_bench decode_types)")
  b_runs+=("$(cold_bench decode_serde)")
done
echo "(a) runs (CPU, wall): ${a_runs[*]}; (b) runs: ${b_runs[*]}" >&2
a=$(median "${a_runs[@]}")
b=$(median "${b_runs[@]}")
c=$(cold_bench decode_client)

# (d) builds stripe-identity as a package of (a)'s workspace (`-p`): with the features (a) asks
# for (types only; cargo refuses feature flags for a package outside the workspace), the same copied
# lock, and no need to resolve the main workspace and its other members.
generated=(cargo build --release --offline --quiet --manifest-path "$here/decode_types/Cargo.toml"
  -p stripe-identity)
rm -rf "$out/generated"
echo "building stripe-identity, types only (cold) ..." >&2
d_cold=$(CARGO_TARGET_DIR="$out/generated" timed "${generated[@]}")
# A rebuild takes about a second and moves by a quarter between runs, so it is timed five times
# and the run with the median CPU time is reported.
echo "rebuilding stripe-identity after touching generated/src/types.rs, 5 times ..." >&2
rebuilds=()
for _ in 1 2 3 4 5; do
  touch "$root/generated/src/types.rs"
  rebuilds+=("$(CARGO_TARGET_DIR="$out/generated" timed "${generated[@]}")")
done
d=$(median "${rebuilds[@]}")
echo "the five rebuilds (CPU, wall): ${rebuilds[*]}" >&2

floor=${b%% *}
row() { # label, "cpu wall"
  local cpu=${2% *} wall=${2#* }
  awk -v label="$1" -v cpu="$cpu" -v wall="$wall" -v floor="$floor" \
    'BEGIN { printf "%-58s %8.1f %8.1f %8.2f\n", label, cpu, wall, cpu / floor }'
}
echo
echo "$(rustc -V), $(nproc) cores, cargo build --release, cold unless said"
printf '%-58s %8s %8s %8s\n' "build" "CPU s" "wall s" "CPU/(b)"
row "(a) decode a session: stripe-identity, types only (median of 3)" "$a"
row "(b) decode a session: serde + serde_json only, floor (median of 3)" "$b"
row "(c) decode a session: stripe-identity with client" "$c"
row "(e) (c) at ${BASE:-2a93da5}, the hand-written transport" "$(cold_base)"
row "(d) stripe-identity alone, types only" "$d_cold"
row "(d) the same, rebuilt after touching types.rs (median of 5)" "$d"
awk -v a="${a%% *}" -v b="$floor" 'BEGIN { printf "\n(a)/(b), CPU: %.2f\n", a / b }'
