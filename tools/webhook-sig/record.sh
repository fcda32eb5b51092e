#!/usr/bin/env bash
# Re-records generated/tests/fixtures/webhook_signatures.json from Stripe's official Python SDK:
# installs the pinned stripe-python into a throwaway virtualenv under target/ and runs record.py,
# which puts every case through the SDK's own webhook code with a fixed clock. Needs python3 and
# PyPI access; `cargo test` does not (it reads only the committed fixture).
set -euo pipefail
cd "$(dirname "$0")/../.."

STRIPE_PYTHON_VERSION=16.1.0
VENV=target/webhook-sig-venv

rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check "stripe==$STRIPE_PYTHON_VERSION"
"$VENV/bin/python" tools/webhook-sig/record.py "$STRIPE_PYTHON_VERSION" generated/tests/fixtures/webhook_signatures.json
rm -rf "$VENV"
