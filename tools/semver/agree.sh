#!/usr/bin/env bash
# Checks that `stripe-codegen diff` calls breaking every item cargo-semver-checks calls major, on
# Stripe's real upgrade of this resource (2023-08-16 -> 2026-09-30.endive, from ../shared/upstream)
# and on the spec pairs of the diff tests' rules (about 20 s for all of them). Installs the
# pinned cargo-semver-checks first when it is missing (about 6 minutes of compiling on 2 cores).
#
#   tools/semver/agree.sh                  # the real upgrade and every rule pair
#   SEMVER_PAIRS=0 tools/semver/agree.sh   # the real upgrade only
set -euo pipefail
cd "$(dirname "$0")/../.."

VERSION=0.51.0
if ! cargo semver-checks --version 2>/dev/null | grep -q " $VERSION"; then
    echo "installing cargo-semver-checks $VERSION"
    cargo install cargo-semver-checks --locked --version "$VERSION"
fi

SEMVER_PAIRS="${SEMVER_PAIRS:-1}" cargo test -p stripe-codegen --test generator -- --ignored --nocapture semver_agreement::
