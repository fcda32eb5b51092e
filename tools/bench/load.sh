#!/usr/bin/env bash
# Load benchmark: stripe-identity's client against reqwest 0.12, same requests, same local
# server, alternating rounds (method at the top of tools/bench/load/src/main.rs). Builds the bench
# crate in release into target/bench/load (reqwest is fetched from crates.io the first time; the
# main workspace never builds it). Takes /tmp/cargo.lock around the build, as the other benches do.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="$PWD/target/bench/load"
flock /tmp/cargo.lock cargo build --quiet --release --manifest-path tools/bench/load/Cargo.toml
"$CARGO_TARGET_DIR/release/bench-load"
