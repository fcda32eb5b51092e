#!/usr/bin/env bash
# Starts the fake's binary on a free port and drives it with Stripe's official Python SDK
# (refusals.py): every refusal the fake copies from Stripe must reach stripe-python as Stripe's
# would. Installs the pinned stripe-python into a throwaway virtualenv under target/; needs
# python3 and PyPI access. Run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/../.."

STRIPE_PYTHON_VERSION=16.1.0
VENV=target/fake-python-venv

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "stripe==$STRIPE_PYTHON_VERSION"
fi
cargo build -q -p stripe-identity-fake --bin stripe-identity-fake
FIFO=$(mktemp -u)
mkfifo "$FIFO"
target/debug/stripe-identity-fake --port 0 --seed 1 >"$FIFO" &
FAKE=$!
trap 'kill $FAKE 2>/dev/null || true; rm -f "$FIFO"' EXIT
exec 3<"$FIFO"
read -r line <&3
URL=${line#listening on }
# stripe-python keeps a telemetry ID under the config directory: in the virtualenv, not $HOME.
XDG_CONFIG_HOME="$PWD/$VENV/config" "$VENV/bin/python" tools/fake-python/refusals.py "$URL"
