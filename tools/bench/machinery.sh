#!/usr/bin/env bash
# Does each piece of the generator's speed machinery earn its place? (issue 27 §4.) Builds the
# release CLI of one commit (COMMIT, default f41ad04, where the patches apply) as it is and with
# each patch of tools/bench/machinery/ applied, then times `generate` of each variant against the
# unpatched one, as a user runs it:
#   one_thread.diff       rendering on the calling thread only (no helper threads);
#   heck.diff             case conversion by heck instead of the byte-by-byte copy of it;
#   quote_and_parse.diff  every item also turned into tokens and parsed back with syn::parse2:
#                         what building items as `quote!` + `syn::parse2` adds (an upper bound:
#                         the trees are still built first);
#   tokens_only.diff      every item only turned into tokens: with the above, splits the cost of
#                         the tokens from that of parsing them.
# Inputs: spec/ (`generate`, into a crate folder), and Stripe's whole 2023-08-16 spec
# (`generate --lenient`, FULL_SPEC, default ../shared/upstream/stripe-2023-08-16/spec3.yaml).
#
# Method: whole-process wall and CPU time (bash's $EPOCHREALTIME and `times`), RUNS pairs per
# variant alternating a b, b a (so a slow spell lands on both sides), after one untimed run each;
# medians, and the ratio of the medians variant/unpatched. The folder written into is kept
# between runs, as a user's crate is (every run regenerates and compares; only changed files are
# written).
#
#   tools/bench/machinery.sh                 # RUNS=15
set -euo pipefail
shopt -s inherit_errexit

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${RUNS:-15}
commit=${COMMIT:-f41ad04}
full_spec=${FULL_SPEC:-$root/../shared/upstream/stripe-2023-08-16/spec3.yaml}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/machinery.XXXXXX")
tree="$scratch/tree"
git -C "$root" worktree add --detach "$tree" "$commit" >/dev/null
trap 'git -C "$root" worktree remove --force "$tree"' EXIT

# Builds the CLI of $tree with patch $1 (or none) into $scratch/bin-$2.
build() {
  git -C "$tree" checkout -q -- .
  [[ -n $1 ]] && git -C "$tree" apply "$1"
  touch "$tree/generator/src/lib.rs"
  flock /tmp/cargo.lock env CARGO_TARGET_DIR="$scratch/target" \
    cargo build --release --quiet -p stripe-codegen --bin stripe-codegen --manifest-path "$tree/Cargo.toml" >&2
  cp "$scratch/target/release/stripe-codegen" "$scratch/bin-$2"
}
echo "building the variants of $commit (release) ..." >&2
build "" base
variants=()
for patch in "$here"/machinery/*.diff; do
  name=$(basename "$patch" .diff)
  build "$patch" "$name"
  variants+=("$name")
done

children_cpu() {
  local line re='^([0-9]+)m([0-9]+)[.,]([0-9]{3})s ([0-9]+)m([0-9]+)[.,]([0-9]{3})s$'
  times >"$scratch/times"
  { read -r line; read -r line; } <"$scratch/times"
  [[ $line =~ $re ]] || { echo "cannot read \`times\`: $line" >&2; exit 1; }
  local r=("${BASH_REMATCH[@]}")
  cpu=$(( ((10#${r[1]} * 60 + 10#${r[2]}) * 1000 + 10#${r[3]} + (10#${r[4]} * 60 + 10#${r[5]}) * 1000 + 10#${r[6]}) * 1000 ))
}

# Runs binary $1 on input $2 into folder $3; prints "<wall> <cpu>" in microseconds.
run() {
  local start end cpu0
  children_cpu
  cpu0=$cpu
  start=$EPOCHREALTIME
  if [[ $2 == spec ]]; then
    (cd "$tree" && "$1" generate --out "$3" >/dev/null 2>&1)
  else
    "$1" generate --lenient --spec "$full_spec" --out "$3" >/dev/null 2>&1
  fi
  end=$EPOCHREALTIME
  children_cpu
  echo "$(( ${end//[.,]/} - ${start//[.,]/} )) $(( cpu - cpu0 ))"
}

median() {
  awk -v c="$2" '{ print $c }' "$1" | sort -n | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f\n", m / 1000 }'
}

git -C "$tree" checkout -q -- .
exec {lock}>/tmp/cargo.lock
flock "$lock"
printf '%-16s %-6s %12s %12s %10s %10s\n' variant input "wall ms" "base wall" "wall x" "CPU x"
for input in spec full; do
  for variant in "${variants[@]}"; do
    a="$scratch/base-$variant-$input" b="$scratch/$variant-$input"
    run "$scratch/bin-base" "$input" "$a.out" >/dev/null
    run "$scratch/bin-$variant" "$input" "$b.out" >/dev/null
    : >"$a.us"; : >"$b.us"
    for ((i = 0; i < runs; i++)); do
      if ((i % 2 == 0)); then
        run "$scratch/bin-base" "$input" "$a.out" >>"$a.us"; run "$scratch/bin-$variant" "$input" "$b.out" >>"$b.us"
      else
        run "$scratch/bin-$variant" "$input" "$b.out" >>"$b.us"; run "$scratch/bin-base" "$input" "$a.out" >>"$a.us"
      fi
    done
    aw=$(median "$a.us" 1) bw=$(median "$b.us" 1) ac=$(median "$a.us" 2) bc=$(median "$b.us" 2)
    awk -v n="$variant" -v i="$input" -v aw="$aw" -v bw="$bw" -v ac="$ac" -v bc="$bc" \
      'BEGIN { printf "%-16s %-6s %12.1f %12.1f %10.2f %10.2f\n", n, i, bw, aw, bw / aw, bc / ac }'
  done
done
flock -u "$lock"
echo "raw times (us: wall, CPU per run): $scratch"
