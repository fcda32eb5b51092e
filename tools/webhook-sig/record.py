"""Records Stripe's official Python SDK's verdicts on a table of webhook requests, and writes them
to generated/tests/fixtures/webhook_signatures.json.

Each case is a raw body, a Stripe-Signature header (or none), an endpoint secret, a tolerance and a
fixed "now". The script signs with the SDK's own code (WebhookSignature.generate_signature_header
and _compute_signature), pins the SDK's clock by replacing time.time (stripe/_webhook.py calls
time.time() for "now"), and keeps two verdicts per case: WebhookSignature.verify_header's and
Webhook.construct_event's, each either valid or the exception's class and message.
`generated/tests/generated/webhook_signatures.rs` puts every case through stripe_runtime::Webhook and asserts
the same verdicts.

Left out on purpose: non-ASCII signature values (hmac.compare_digest raises TypeError on them,
outside the SDK's error type) and bodies that are not UTF-8 (the SDK raises UnicodeDecodeError);
both are an exception escaping the SDK rather than a verdict.

Run through record.sh, never directly: it makes the throwaway virtualenv.
"""

import json
import sys
import time

import stripe
from stripe import Webhook, WebhookSignature

SECRET = "whsec_test_5ecret0fTheEndpoint"
OTHER_SECRET = "whsec_test_theWrongEndpoint"
NOW = 1_700_000_000
DAY = 86_400


def session(status, last_error=None):
    return {
        "id": "vs_1Webhook",
        "object": "identity.verification_session",
        "client_reference_id": "user_42",
        "client_secret": None,
        "created": NOW - 600,
        "last_error": last_error,
        "last_verification_report": "vr_1Webhook" if status == "verified" else None,
        "livemode": False,
        "metadata": {"order": "42"},
        "options": {"document": {"require_matching_selfie": True}},
        "redaction": None,
        "related_customer": None,
        "related_customer_account": None,
        "status": status,
        "type": "document",
        "url": None,
    }


def event(type_, obj, **extra):
    value = {
        "id": "evt_1Webhook",
        "object": "event",
        "api_version": "2026-09-30.endive",
        "created": NOW - 5,
        "data": {"object": obj},
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": type_,
    }
    value.update(extra)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


VERIFIED = event("identity.verification_session.verified", session("verified"))
REQUIRES_INPUT = event(
    "identity.verification_session.requires_input",
    session(
        "requires_input",
        {"code": "document_expired", "reason": "The provided identity document has expired."},
    ),
)
PROCESSING_PRETTY = json.dumps(
    json.loads(event("identity.verification_session.processing", session("processing"))), indent=2
) + "\n"
OTHER_RESOURCE = event(
    "customer.created",
    {"id": "cus_1", "object": "customer", "email": "jeanne@example.com", "metadata": {}},
    account="acct_1Connected",
)
UNICODE = event(
    "identity.verification_session.created",
    dict(session("requires_input"), metadata={"name": "Zoë Ångström 日本 ☃"}),
)


def sig(payload, timestamp, secret=SECRET):
    """The v1 signature the SDK computes for payload at timestamp (written as given)."""
    return WebhookSignature._compute_signature("%s.%s" % (timestamp, payload), secret)


def header(payload, timestamp=NOW, secret=SECRET):
    return WebhookSignature.generate_signature_header(payload, secret, timestamp=timestamp)


GOOD = sig(VERIFIED, NOW)
WRONG = sig(VERIFIED, NOW, OTHER_SECRET)

# (name, payload, header, secret, tolerance, now)
CASES = [
    # Valid.
    ("valid: signed now", VERIFIED, header(VERIFIED), SECRET, 300, NOW),
    ("valid: requires_input event", REQUIRES_INPUT, header(REQUIRES_INPUT), SECRET, 300, NOW),
    ("valid: pretty-printed body with a trailing newline", PROCESSING_PRETTY, header(PROCESSING_PRETTY), SECRET, 300, NOW),
    ("valid: another resource's event", OTHER_RESOURCE, header(OTHER_RESOURCE), SECRET, 300, NOW),
    ("valid: non-ASCII body", UNICODE, header(UNICODE), SECRET, 300, NOW),
    ("valid: signed 299 s ago", VERIFIED, header(VERIFIED, NOW - 299), SECRET, 300, NOW),
    ("valid: exactly at the tolerance", VERIFIED, header(VERIFIED, NOW - 300), SECRET, 300, NOW),
    ("valid: custom tolerance 10 s, 10 s old", VERIFIED, header(VERIFIED, NOW - 10), SECRET, 10, NOW),
    ("valid: 299.75 s old (fractional now)", VERIFIED, header(VERIFIED, NOW - 299), SECRET, 300, NOW + 0.75),
    # Timestamps.
    ("old: 301 s", VERIFIED, header(VERIFIED, NOW - 301), SECRET, 300, NOW),
    ("old: 300.5 s (fractional now)", VERIFIED, header(VERIFIED, NOW - 300), SECRET, 300, NOW + 0.5),
    ("old: a day", VERIFIED, header(VERIFIED, NOW - DAY), SECRET, 300, NOW),
    ("old: custom tolerance 10 s, 11 s old", VERIFIED, header(VERIFIED, NOW - 11), SECRET, 10, NOW),
    ("old: tolerance 0 turns the check off in stripe-python", VERIFIED, header(VERIFIED, NOW - DAY), SECRET, 0, NOW),
    ("old: tolerance None turns the check off", VERIFIED, header(VERIFIED, NOW - DAY), SECRET, None, NOW),
    ("old: before the epoch", VERIFIED, "t=-1,v1=" + sig(VERIFIED, -1), SECRET, 300, NOW),
    ("future: an hour ahead", VERIFIED, header(VERIFIED, NOW + 3600), SECRET, 300, NOW),
    ("future: a year ahead", VERIFIED, header(VERIFIED, NOW + 365 * DAY), SECRET, 300, NOW),
    ("future: beyond 64 bits", VERIFIED, "t=99999999999999999999,v1=" + sig(VERIFIED, 99999999999999999999), SECRET, 300, NOW),
    ("old and forged: the signature is checked first", VERIFIED, "t=%d,v1=%s" % (NOW - DAY, WRONG), SECRET, 300, NOW),
    # Signatures.
    ("rotated: wrong then right", VERIFIED, "t=%d,v1=%s,v1=%s" % (NOW, WRONG, GOOD), SECRET, 300, NOW),
    ("rotated: right then wrong", VERIFIED, "t=%d,v1=%s,v1=%s" % (NOW, GOOD, WRONG), SECRET, 300, NOW),
    ("rotated: three, none right", VERIFIED, "t=%d,v1=%s,v1=%s,v1=%s" % (NOW, WRONG, "0" * 64, GOOD[:-1] + "0"), SECRET, 300, NOW),
    ("tampered: one byte of the body", VERIFIED.replace('"verified"', '"canceled"', 1), header(VERIFIED), SECRET, 300, NOW),
    ("tampered: trailing newline added", VERIFIED + "\n", header(VERIFIED), SECRET, 300, NOW),
    ("tampered: timestamp replaced", VERIFIED, "t=%d,v1=%s" % (NOW - 1, GOOD), SECRET, 300, NOW),
    ("wrong secret", VERIFIED, header(VERIFIED, secret=OTHER_SECRET), SECRET, 300, NOW),
    ("uppercase hex", VERIFIED, "t=%d,v1=%s" % (NOW, GOOD.upper()), SECRET, 300, NOW),
    ("truncated signature", VERIFIED, "t=%d,v1=%s" % (NOW, GOOD[:32]), SECRET, 300, NOW),
    ("empty v1", VERIFIED, "t=%d,v1=" % NOW, SECRET, 300, NOW),
    ("v1 value stops at the next '='", VERIFIED, "t=%d,v1=%s=junk" % (NOW, GOOD), SECRET, 300, NOW),
    # Schemes.
    ("no v1, only v0", VERIFIED, "t=%d,v0=%s" % (NOW, GOOD), SECRET, 300, NOW),
    ("extra schemes around a good v1", VERIFIED, "t=%d,v0=abc,v1=%s,v2=def,scheme=x" % (NOW, GOOD), SECRET, 300, NOW),
    ("unknown parts without '=' are ignored", VERIFIED, "t=%d,hello,v1=%s,v0" % (NOW, GOOD), SECRET, 300, NOW),
    ("uppercase scheme V1 is another scheme", VERIFIED, "t=%d,V1=%s" % (NOW, GOOD), SECRET, 300, NOW),
    ("trailing comma", VERIFIED, "t=%d,v1=%s," % (NOW, GOOD), SECRET, 300, NOW),
    ("parts in another order", VERIFIED, "v1=%s,t=%d" % (GOOD, NOW), SECRET, 300, NOW),
    # Whitespace.
    ("whitespace: after the comma (key ' v1')", VERIFIED, "t=%d, v1=%s" % (NOW, GOOD), SECRET, 300, NOW),
    ("whitespace: before the header (key ' t')", VERIFIED, " t=%d,v1=%s" % (NOW, GOOD), SECRET, 300, NOW),
    ("whitespace: around the timestamp value", VERIFIED, "t= %d ,v1=%s" % (NOW, GOOD), SECRET, 300, NOW),
    ("whitespace: tab and newline around the timestamp", VERIFIED, "t=\t%d\n,v1=%s" % (NOW, GOOD), SECRET, 300, NOW),
    ("whitespace: before the signature value", VERIFIED, "t=%d,v1= %s" % (NOW, GOOD), SECRET, 300, NOW),
    ("whitespace: after the signature value", VERIFIED, "t=%d,v1=%s " % (NOW, GOOD), SECRET, 300, NOW),
    ("whitespace: around '=' of t", VERIFIED, "t =%d,v1=%s" % (NOW, GOOD), SECRET, 300, NOW),
    # Timestamp spelling: the SDK signs the number, not the text.
    ("timestamp: leading zeros", VERIFIED, "t=000%d,v1=%s" % (NOW, GOOD), SECRET, 300, NOW),
    ("timestamp: plus sign", VERIFIED, "t=+%d,v1=%s" % (NOW, GOOD), SECRET, 300, NOW),
    ("timestamp: underscores", VERIFIED, "t=1_700_000_000,v1=%s" % GOOD, SECRET, 300, NOW),
    ("timestamp: signed as spelled with zeros", VERIFIED, "t=0%d,v1=%s" % (NOW, sig(VERIFIED, "0%d" % NOW)), SECRET, 300, NOW),
    ("timestamp: first of two wins", VERIFIED, "t=%d,t=5,v1=%s" % (NOW, GOOD), SECRET, 300, NOW),
    ("timestamp: second of two is ignored", VERIFIED, "t=5,t=%d,v1=%s" % (NOW, GOOD), SECRET, 300, NOW),
    ("timestamp: value stops at the next '='", VERIFIED, "t=%d=9,v1=%s" % (NOW, GOOD), SECRET, 300, NOW),
    # Malformed.
    ("malformed: no header", VERIFIED, None, SECRET, 300, NOW),
    ("malformed: empty header", VERIFIED, "", SECRET, 300, NOW),
    ("malformed: garbage", VERIFIED, "garbage", SECRET, 300, NOW),
    ("malformed: only commas", VERIFIED, ",,,", SECRET, 300, NOW),
    ("malformed: a single space", VERIFIED, " ", SECRET, 300, NOW),
    ("malformed: missing t", VERIFIED, "v1=%s" % GOOD, SECRET, 300, NOW),
    ("malformed: t not a number", VERIFIED, "t=yesterday,v1=%s" % GOOD, SECRET, 300, NOW),
    ("malformed: t empty", VERIFIED, "t=,v1=%s" % GOOD, SECRET, 300, NOW),
    ("malformed: t decimal", VERIFIED, "t=%d.5,v1=%s" % (NOW, GOOD), SECRET, 300, NOW),
    ("malformed: t hex", VERIFIED, "t=0x6553f100,v1=%s" % GOOD, SECRET, 300, NOW),
    ("malformed: t without '='", VERIFIED, "t,v1=%s" % GOOD, SECRET, 300, NOW),
    ("malformed: a later t without '='", VERIFIED, "t=%d,v1=%s,t" % (NOW, GOOD), SECRET, 300, NOW),
    ("malformed: v1 without '='", VERIFIED, "t=%d,v1" % NOW, SECRET, 300, NOW),
    ("malformed: v1 without '=' beside a good v1", VERIFIED, "t=%d,v1=%s,v1" % (NOW, GOOD), SECRET, 300, NOW),
    ("malformed: semicolons instead of commas", VERIFIED, "t=%d;v1=%s" % (NOW, GOOD), SECRET, 300, NOW),
    # Secret.
    ("secret: empty", VERIFIED, header(VERIFIED, secret=""), "", 300, NOW),
    ("secret: blank", VERIFIED, header(VERIFIED, secret=" \t\n"), " \t\n", 300, NOW),
    ("secret: surrounded by spaces is used as is", VERIFIED, header(VERIFIED, secret=" %s " % SECRET), " %s " % SECRET, 300, NOW),
    ("secret: trimmed is another key", VERIFIED, header(VERIFIED, secret=" %s " % SECRET), SECRET, 300, NOW),
    # The body.
    ("body: valid signature, not JSON", "not json", header("not json"), SECRET, 300, NOW),
    ("body: valid signature, trailing text after the event", VERIFIED + " x", header(VERIFIED + " x"), SECRET, 300, NOW),
]


def verdict(call):
    try:
        result = call()
    except Exception as error:  # every outcome is data here
        message = getattr(error, "_message", None) or str(error)
        return {"valid": False, "error": type(error).__name__, "message": message}
    if result is True:
        return {"valid": True}
    return {"valid": True, "type": result["type"]}


def main(version, out_path):
    real_time = time.time
    cases = []
    names = set()
    for name, payload, sig_header, secret, tolerance, now in CASES:
        assert name not in names, name
        names.add(name)
        time.time = lambda now=now: now
        try:
            verify = verdict(lambda: WebhookSignature.verify_header(payload, sig_header, secret, tolerance))
            construct = verdict(
                lambda: Webhook.construct_event(payload, sig_header, secret, tolerance, api_key="sk_test_recorder")
            )
        finally:
            time.time = real_time
        cases.append(
            {
                "name": name,
                "payload": payload,
                "header": sig_header,
                "secret": secret,
                "tolerance": tolerance,
                "now": now,
                "verify_header": verify,
                "construct_event": construct,
            }
        )
    fixture = {
        "sdk": "stripe-python %s (stripe.WebhookSignature.verify_header, stripe.Webhook.construct_event)" % version,
        "recorded_by": "tools/webhook-sig/record.sh",
        "cases": cases,
    }
    with open(out_path, "w", encoding="utf-8") as out:
        json.dump(fixture, out, indent=2, ensure_ascii=False)
        out.write("\n")
    print("%d cases written to %s" % (len(cases), out_path))


if __name__ == "__main__":
    assert stripe.VERSION == sys.argv[1], (stripe.VERSION, sys.argv[1])
    main(sys.argv[1], sys.argv[2])
