"""Drives the fake's binary with Stripe's official Python SDK and checks that every refusal the
fake copies from Stripe reaches the SDK as Stripe's would: the SDK's error class, `code`, `param`
and message. Run by refusals.sh (which starts the fake); exits non-zero on the first mismatch."""

import sys
import urllib.request

import stripe

BASE = sys.argv[1]
client = stripe.StripeClient("sk_test_python", base_addresses={"api": BASE}, max_network_retries=0)
restricted = stripe.StripeClient("rk_test_python", base_addresses={"api": BASE}, max_network_retries=0)
sessions = client.v1.identity.verification_sessions
checked = []


def refused(name, call, error_class, code=None, param=None, says=None):
    try:
        call()
    except error_class as error:
        assert error.code == code, f"{name}: code {error.code!r}, expected {code!r}"
        assert error.param == param if hasattr(error, "param") else param is None, (
            f"{name}: param {getattr(error, 'param', None)!r}, expected {param!r}"
        )
        if says:
            assert says in str(error.user_message), f"{name}: {error.user_message!r} lacks {says!r}"
        checked.append(name)
        return
    raise AssertionError(f"{name}: not refused with {error_class.__name__}")


def created(**params):
    return sessions.create(params={"type": "document", **params})


refused(
    "an empty string", lambda: created(related_customer=""),
    stripe.InvalidRequestError, "parameter_invalid_empty", "related_customer",
)
refused(
    "neither type nor verification_flow", lambda: sessions.create(params={}),
    stripe.InvalidRequestError, "parameter_missing", "type",
)
first, second = created(), created()
refused(
    "both cursors", lambda: sessions.list(params={"starting_after": first.id, "ending_before": second.id}),
    stripe.InvalidRequestError, says="Received both starting_after and ending_before",
)
refused(
    "51 metadata keys", lambda: created(metadata={f"k{n}": "v" for n in range(51)}),
    stripe.InvalidRequestError, param="metadata", says="you've set 51",
)
refused(
    "a 41-character metadata key", lambda: created(metadata={"k" * 41: "v"}),
    stripe.InvalidRequestError, param="metadata", says="under 40 characters",
)
refused(
    "a 501-character metadata value", lambda: created(metadata={"k": "v" * 501}),
    stripe.InvalidRequestError, param="metadata", says="under 500 characters",
)
refused(
    "a 256-character idempotency key",
    lambda: sessions.create(params={"type": "document"}, options={"idempotency_key": "k" * 256}),
    stripe.InvalidRequestError, says="Idempotent key length is 256",
)
refused(
    "a Stripe-Version that is not a version",
    lambda: sessions.list(options={"stripe_version": "latest"}),
    stripe.InvalidRequestError, says="Invalid Stripe API version: latest",
)
refused(
    "an invalid key",
    lambda: stripe.StripeClient("sk_test_no!such", base_addresses={"api": BASE}).v1.identity.verification_sessions.list(),
    stripe.AuthenticationError, says="Invalid API Key provided",
)

# The person verifies; the date of birth is for a restricted key that expands it.
urllib.request.urlopen(
    urllib.request.Request(
        f"{BASE}/_fake/identity/verification_sessions/{first.id}/submit", data=b"outcome=verified"
    )
).read()
refused(
    "a sensitive expansion with a secret key",
    lambda: sessions.retrieve(first.id, params={"expand": ["verified_outputs.dob"]}),
    stripe.PermissionError, says="restricted API key",
)
read = restricted.v1.identity.verification_sessions.retrieve(first.id, params={"expand": ["verified_outputs.dob"]})
assert read.verified_outputs.dob.year == 1901, read.verified_outputs
checked.append("a sensitive expansion with a restricted key")

print(f"stripe-python {stripe.VERSION}: {len(checked)} checks passed")
for name in checked:
    print(f"  {name}")
