#!/usr/bin/env bash
# Client footprint: how much code the client adds per request type to a program that uses it.
#
# Method: builds `send_all/` (a program that sends each of the six request builders once and walks
# one list) against the checkout at ROOT (default: this one), with the workspace's Cargo.lock and
# `--offline`, twice:
#   1. `cargo build --release`, then reads the unstripped binary: `.text` bytes (`size -A`); then
#      touches the program's source and builds again, timing (user+sys CPU, `/usr/bin/time`) the
#      recompile of the program crate alone, which is where the generic code is compiled.
#   2. The program crate's unoptimised LLVM IR (`cargo rustc -- --emit=llvm-ir
#      -Cno-prepopulate-passes`, what `cargo llvm-lines` reads): lines and functions in all, and
#      those of the client's generic code (`stripe_runtime::client::…`), which is instantiated in
#      the program once per request type. IR lines are what the compiler's backend has to work
#      through, so they track build time; a non-generic function is compiled once, in
#      stripe-runtime, and does not appear here at all.
# To compare two versions of the client, run it once per checkout (e.g. one extracted with
# `git archive <rev> | tar -x -C /tmp/before`) and compare what it prints.
#
# Run: tools/bench/client_size.sh [ROOT]
# Every cargo call takes /tmp/cargo.lock (the machine runs one build at a time). Builds go to
# $ROOT/target/bench/client-size (gitignored); needs `size`, `nm`'s `c++filt` and awk.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "${1:-$here/../..}" && pwd)
work="$root/target/bench/client-size"
mkdir -p "$work"
# The program is copied into the build directory, its path dependency pointed at ROOT's crate.
crate="$work/send_all"
rm -rf "$crate"
cp -r "$here/send_all" "$crate"
sed -i "s|path = \"../../../generated\"|path = \"$root/generated\"|" "$crate/Cargo.toml"
# The workspace's lock, so the dependencies are the versions everything else here is built with.
cp "$root/Cargo.lock" "$crate/Cargo.lock"
export CARGO_TARGET_DIR="$work"

flock /tmp/cargo.lock cargo build --release --offline --quiet --manifest-path "$crate/Cargo.toml"
text=$(size -A "$work/release/bench-send-all" | awk '$1 == ".text" { print $2 }')
touch "$crate/src/main.rs"
rebuild=$(flock /tmp/cargo.lock /usr/bin/time -f '%U %S' -o /dev/stdout \
  cargo build --release --offline --quiet --manifest-path "$crate/Cargo.toml" | awk '{ print $1 + $2 }')

rm -f "$work"/debug/deps/bench_send_all-*.ll
flock /tmp/cargo.lock cargo rustc --offline --quiet --manifest-path "$crate/Cargo.toml" --bin bench-send-all \
  -- --emit=llvm-ir -Cno-prepopulate-passes -Cpasses=name-anon-globals
ll=$(ls "$work"/debug/deps/bench_send_all-*.ll)
# One line per defined function: its body's line count and its demangled name.
functions=$(awk '
  /^define / { match($0, /@"?[^"(]+/); name = substr($0, RSTART + 1, RLENGTH - 1); sub(/^"/, "", name); n = 0; body = 1; next }
  body && /^}$/ { print n, name; body = 0; next }
  body { n++ }' "$ll" | c++filt)
# "<functions> functions, <lines> lines" for the function lines on stdin.
tally() { awk '{ lines += $1 } END { printf "%d functions, %d IR lines\n", NR, lines }'; }

echo "checkout:                $root"
echo "release .text:           $text bytes"
echo "program crate rebuild:   $rebuild s CPU (release, after touching main.rs)"
echo "program IR:              $(tally <<<"$functions")"
echo "  stripe_runtime::client $(grep ' stripe_runtime::client::' <<<"$functions" | tally)"
echo "  of which send_with     $(grep ' stripe_runtime::client::Client::send_with' <<<"$functions" | tally)"
