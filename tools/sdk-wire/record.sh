#!/usr/bin/env bash
# Re-records generated/tests/fixtures/sdk_requests.json from Stripe's official Python SDK:
# installs the pinned stripe-python into a throwaway virtualenv under target/, runs record.py
# against a recording server on 127.0.0.1, and writes the fixture. Needs python3 and PyPI access;
# `cargo test` does not (it reads only the committed fixture).
set -euo pipefail
cd "$(dirname "$0")/../.."

STRIPE_PYTHON_VERSION=16.1.0
VENV=target/sdk-wire-venv

rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check "stripe==$STRIPE_PYTHON_VERSION"
# stripe-python writes a persistent telemetry ID under the config directory: keep it in the
# throwaway virtualenv, not the user's home.
XDG_CONFIG_HOME="$PWD/$VENV/config" "$VENV/bin/python" tools/sdk-wire/record.py generated/tests/fixtures/sdk_requests.json
rm -rf "$VENV"
