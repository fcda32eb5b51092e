"""Records what Stripe's official Python SDK puts on the wire for a broad table of
VerificationSession requests, and writes them to generated/tests/fixtures/sdk_requests.json.

Each case is sent through stripe-python (pinned in record.sh) to a recording HTTP server on
127.0.0.1; the fixture keeps the case's parameters and the method, path, raw query string and raw
body the SDK sent. `generated/tests/generated/sdk_wire.rs` builds the same requests with this crate's
builders and compares byte for byte. Parameters are given with keys sorted, which is the order the
generated builders encode in (stripe-python encodes in the order given).

Run through record.sh, never directly: it makes the throwaway virtualenv.
"""

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import stripe

SESSION = {
    "id": "vs_123",
    "object": "identity.verification_session",
    "created": 1,
    "livemode": False,
    "metadata": {},
    "status": "requires_input",
    "type": "document",
}

AWKWARD = {
    "with space": "a b",
    "amp&ersand": "x&y",
    "equals=sign": "k=v",
    "plus+sign": "1+1",
    "per%cent": "100%",
    "[brackets]": "[v]",
    "ünïcødé ☃": "日本語",
    "slash/question?hash#": "/?#",
    "tilde~dot.dash-under_": "~.-_",
    "empty": "",
}

FULL_DOCUMENT = {
    "allowed_types": ["driving_license", "id_card", "passport"],
    "require_id_number": True,
    "require_live_capture": False,
    "require_matching_selfie": True,
}

CASES = [
    # create
    ("create: no parameters", "create", None, {}),
    ("create: type document", "create", None, {"type": "document"}),
    ("create: type id_number", "create", None, {"type": "id_number"}),
    ("create: verification_flow instead of type", "create", None, {"verification_flow": "vf_1Abc"}),
    ("create: client_reference_id with spaces", "create", None, {"client_reference_id": "user 42 / ref"}),
    ("create: expand one", "create", None, {"expand": ["last_verification_report"]}),
    ("create: expand several", "create", None, {"expand": ["last_verification_report", "verified_outputs", "verified_outputs.dob"]}),
    ("create: awkward metadata", "create", None, {"metadata": AWKWARD}),
    ("create: empty metadata sends nothing", "create", None, {"metadata": {}}),
    ("create: clear all metadata", "create", None, {"metadata": ""}),
    ("create: empty expand sends nothing", "create", None, {"expand": []}),
    ("create: every document option", "create", None, {"options": {"document": FULL_DOCUMENT}}),
    ("create: one allowed type", "create", None, {"options": {"document": {"allowed_types": ["passport"]}}}),
    ("create: document option false", "create", None, {"options": {"document": {"require_live_capture": False}}}),
    ("create: emptied document option", "create", None, {"options": {"document": ""}}),
    ("create: empty options sends nothing", "create", None, {"options": {}}),
    ("create: provided details", "create", None, {"provided_details": {"email": "jenny+test@example.com", "phone": "+1 (555) 010-0100"}}),
    ("create: related customer", "create", None, {"related_customer": "cus_123"}),
    ("create: related customer account", "create", None, {"related_customer_account": "acct_123"}),
    ("create: related person", "create", None, {"related_person": {"account": "acct_1", "person": "person_2"}}),
    ("create: return_url with a query", "create", None, {"return_url": "https://example.com/done?session={ID}&a=b"}),
    ("create: every parameter", "create", None, {
        "client_reference_id": "ref_1",
        "expand": ["last_verification_report"],
        "metadata": {"order": "42", "tier": "gold"},
        "options": {"document": FULL_DOCUMENT},
        "provided_details": {"email": "a@b.co", "phone": "+15555550100"},
        "related_customer": "cus_1",
        "related_customer_account": "acct_9",
        "related_person": {"account": "acct_1", "person": "person_1"},
        "return_url": "https://example.com/return",
        "type": "document",
        "verification_flow": "vf_1",
    }),
    # list
    ("list: no parameters", "list", None, {}),
    ("list: client_reference_id", "list", None, {"client_reference_id": "user 42"}),
    ("list: created exact", "list", None, {"created": 1700000000}),
    ("list: created gte", "list", None, {"created": {"gte": 1700000000}}),
    ("list: created gt and lt", "list", None, {"created": {"gt": 1, "lt": 2000000000}}),
    ("list: created all bounds", "list", None, {"created": {"gt": 1, "gte": 2, "lt": 3, "lte": 4}}),
    ("list: ending_before", "list", None, {"ending_before": "vs_0"}),
    ("list: starting_after", "list", None, {"starting_after": "vs_9"}),
    ("list: expand data fields", "list", None, {"expand": ["data.last_verification_report", "data.verified_outputs"]}),
    ("list: limit", "list", None, {"limit": 100}),
    ("list: related_customer", "list", None, {"related_customer": "cus_1"}),
    ("list: related_customer_account", "list", None, {"related_customer_account": "acct_1"}),
    ("list: status canceled", "list", None, {"status": "canceled"}),
    ("list: status processing", "list", None, {"status": "processing"}),
    ("list: status requires_input", "list", None, {"status": "requires_input"}),
    ("list: status verified", "list", None, {"status": "verified"}),
    ("list: every filter", "list", None, {
        "client_reference_id": "c",
        "created": {"gte": 10, "lte": 20},
        "ending_before": "vs_a",
        "expand": ["data.last_verification_report"],
        "limit": 3,
        "related_customer": "cus_1",
        "related_customer_account": "acct_1",
        "starting_after": "vs_b",
        "status": "verified",
    }),
    # retrieve
    ("retrieve: no parameters", "retrieve", "vs_123", {}),
    ("retrieve: expand one", "retrieve", "vs_123", {"expand": ["last_verification_report"]}),
    ("retrieve: expand several", "retrieve", "vs_123", {"expand": ["last_verification_report", "verified_outputs"]}),
    ("retrieve: id that needs escaping", "retrieve", "vs 1/x?y#z[0]", {}),
    # update
    ("update: no parameters", "update", "vs_123", {}),
    ("update: type", "update", "vs_123", {"type": "id_number"}),
    ("update: unset one metadata key", "update", "vs_123", {"metadata": {"old": "", "keep": "yes"}}),
    ("update: awkward metadata", "update", "vs_123", {"metadata": AWKWARD}),
    ("update: clear all metadata", "update", "vs_123", {"metadata": ""}),
    ("update: emptied document option", "update", "vs_123", {"options": {"document": ""}}),
    ("update: document options", "update", "vs_123", {"options": {"document": {"allowed_types": ["id_card"], "require_matching_selfie": False}}}),
    ("update: provided details", "update", "vs_123", {"provided_details": {"email": "x@y.z"}}),
    ("update: expand", "update", "vs_123", {"expand": ["verified_outputs"]}),
    ("update: every parameter", "update", "vs_123", {
        "expand": ["last_verification_report"],
        "metadata": {"a": "1"},
        "options": {"document": {"require_id_number": True}},
        "provided_details": {"email": "e@x.io", "phone": "+1"},
        "type": "document",
    }),
    # cancel
    ("cancel: no parameters", "cancel", "vs_123", {}),
    ("cancel: expand", "cancel", "vs_123", {"expand": ["last_verification_report"]}),
    # redact
    ("redact: no parameters", "redact", "vs_123", {}),
    ("redact: expand several", "redact", "vs_123", {"expand": ["last_verification_report", "verified_outputs"]}),
]


def sorted_keys(value):
    """The same value with every object's keys in sorted order (the builders' order)."""
    if isinstance(value, dict):
        return {key: sorted_keys(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [sorted_keys(item) for item in value]
    return value


IDENTIFYING = ["User-Agent", "X-Stripe-Client-User-Agent", "X-Stripe-Client-Telemetry"]


class Recorder(BaseHTTPRequestHandler):
    recorded = []
    identifying = []

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8") if length else ""
        path, _, query = self.path.partition("?")
        Recorder.recorded.append({"method": self.command, "path": path, "query": query, "body": body})
        Recorder.identifying.append({name: self.headers.get(name) for name in IDENTIFYING if self.headers.get(name) is not None})
        if self.command == "GET" and path == "/v1/identity/verification_sessions":
            payload = {"object": "list", "data": [], "has_more": False, "url": path}
        else:
            payload = SESSION
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        # A Request-Id, so the SDK reports it back in the next request's telemetry header.
        self.send_header("Request-Id", "req_recorded_%d" % len(Recorder.recorded))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = _handle
    do_POST = _handle

    def log_message(self, *args):
        pass


def main(out_path):
    server = HTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = "http://127.0.0.1:%d" % server.server_port
    client = stripe.StripeClient(
        "sk_test_recorder",
        base_addresses={"api": base},
        max_network_retries=0,
    )
    sessions = client.v1.identity.verification_sessions
    cases = []
    for name, op, session, params in CASES:
        params = sorted_keys(params)
        before = len(Recorder.recorded)
        method = getattr(sessions, op)
        if session is None:
            method(params)
        else:
            method(session, params)
        assert len(Recorder.recorded) == before + 1, name
        case = {"name": name, "operation": op, "params": params, "expected": Recorder.recorded[-1]}
        if session is not None:
            case["session"] = session
        cases.append(case)
    # The identifying headers: the first request's, the second's (with the first one's
    # telemetry), with app info set, and with telemetry off.
    identifying = {"first": Recorder.identifying[0], "second": Recorder.identifying[1]}
    stripe.set_app_info("RecorderApp", version="1.2.3", url="https://example.com/app")
    sessions.retrieve("vs_123")
    identifying["with_app_info"] = Recorder.identifying[-1]
    stripe.app_info = None
    stripe.enable_telemetry = False
    sessions.retrieve("vs_123")
    identifying["telemetry_off"] = Recorder.identifying[-1]
    server.shutdown()
    fixture = {
        "generated_by": "tools/sdk-wire/record.sh",
        "sdk": "stripe-python " + stripe.VERSION,
        "identifying_headers": identifying,
        "cases": cases,
    }
    with open(out_path, "w", encoding="utf-8") as out:
        json.dump(fixture, out, indent=2, ensure_ascii=False)
        out.write("\n")
    print("recorded %d cases with stripe-python %s into %s" % (len(cases), stripe.VERSION, out_path))


if __name__ == "__main__":
    main(sys.argv[1])
