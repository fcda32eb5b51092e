//! Everything one fake holds, behind one lock: the sessions of each account (`Stripe-Account`,
//! or the platform's own when absent), the saved responses of idempotent requests (by API key,
//! account and key, for 24 hours), the requests received, the failures queued by
//! `fail_next`, the events sent and their deliveries, the webhook endpoints, and the ID generator. Handlers run to completion under the
//! lock (none waits on anything), so every request sees and leaves a consistent state.

use std::collections::{HashMap, VecDeque};

use serde::Serialize;
use serde_json::Value;

use crate::endpoints::{Delivery, Endpoint};
use crate::ids::Ids;
use crate::session::Record;

/// One account's sessions.
#[derive(Debug, Default)]
pub struct Store {
    /// By ID.
    pub sessions: HashMap<String, Record>,
    /// IDs in creation order, oldest first.
    pub order: Vec<String>,
    /// Every report's ID and its session's, oldest first (the reports are their sessions').
    pub reports: Vec<(String, String)>,
}

impl Store {
    /// Report `id`, if this account has it.
    pub fn report(&self, id: &str) -> Option<&stripe_identity::VerificationReport> {
        let (_, session) = self.reports.iter().find(|(report, _)| report == id)?;
        self.report_of(session, id)
    }

    /// Report `id` of session `session`: by the session (hashed), then among its few reports.
    pub fn report_of(&self, session: &str, id: &str) -> Option<&stripe_identity::VerificationReport> {
        self.sessions
            .get(session)?
            .reports
            .iter()
            .find(|report| report.id.as_ref() as &str == id)
    }
}

/// A saved response, replayed for the same idempotency key.
#[derive(Clone, Debug)]
pub struct Saved {
    /// What identifies the request: method, path and its checked parameters.
    pub fingerprint: String,
    /// The status sent.
    pub status: u16,
    /// The body sent.
    pub body: Vec<u8>,
    /// The `Request-Id` of the first response.
    pub request_id: String,
    /// When it was saved (the fake's clock): keys expire after [`IDEMPOTENCY_WINDOW`].
    pub saved_at: i64,
}

/// How long an idempotency key is remembered, as at Stripe: 24 hours.
pub const IDEMPOTENCY_WINDOW: i64 = 24 * 60 * 60;

/// Who an idempotency key belongs to: an API key, and the account it acts for.
pub type KeyScope = (String, Option<String>);

/// A request as the fake received it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReceivedRequest {
    /// Its `Request-Id`.
    pub request_id: String,
    /// The HTTP method.
    pub method: String,
    /// The path, without the query string.
    pub path: String,
    /// The parameters (query string and form body), decoded into a tree of strings; `null` when
    /// they could not be read.
    pub params: Value,
    /// The headers, lower-case names, without `Authorization`.
    pub headers: Vec<(String, String)>,
    /// The `Stripe-Version` it asked for.
    pub stripe_version: Option<String>,
}

impl ReceivedRequest {
    /// About how many bytes it holds, for the log's byte limit.
    fn size(&self) -> usize {
        let headers: usize = self
            .headers
            .iter()
            .map(|(name, value)| name.len() + value.len())
            .sum();
        self.request_id.len() + self.method.len() + self.path.len() + self.params.to_string().len() + headers
    }
}

/// A failure to inject into the next API requests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    /// The status to answer with (ignored when dropping).
    pub status: u16,
    /// How many of the next requests fail.
    pub count: u32,
    /// A `Retry-After` header, in seconds.
    pub retry_after: Option<u64>,
    /// Close the connection without a response, instead.
    pub drop: bool,
}

/// One request answered 500 with no `Retry-After`: change what a test needs,
/// `Fault { status: 503, count: 2, ..Fault::default() }`.
impl Default for Fault {
    fn default() -> Self {
        Self {
            status: 500,
            count: 1,
            retry_after: None,
            drop: false,
        }
    }
}

/// The fake's state.
#[derive(Debug)]
pub struct State {
    /// Sessions, per account.
    pub accounts: HashMap<Option<String>, Store>,
    /// Which account holds each session ID.
    pub owner: HashMap<String, Option<String>>,
    /// Saved idempotent responses, by scope and idempotency key.
    pub idempotent: HashMap<(KeyScope, String), Saved>,
    /// The requests received, oldest first, at most `request_log_limit`.
    pub requests: VecDeque<ReceivedRequest>,
    /// How many requests `requests` keeps,
    pub request_log_limit: usize,
    /// and how many bytes of them (about),
    pub request_log_bytes: usize,
    /// of which it holds this many now.
    pub logged_bytes: usize,
    /// Counts the resets: a delivery under way when the fake is reset stops.
    pub generation: u64,
    /// Failures to inject, in order.
    pub faults: VecDeque<Fault>,
    /// Every event, oldest first.
    pub events: Vec<Value>,
    /// Every delivery of an event to an endpoint.
    pub deliveries: Vec<Delivery>,
    /// Registered webhook endpoints.
    pub endpoints: Vec<Endpoint>,
    /// IDs.
    pub ids: Ids,
}

impl State {
    /// An empty fake.
    pub fn new(ids: Ids, request_log_limit: usize, request_log_bytes: usize) -> Self {
        Self {
            accounts: HashMap::new(),
            owner: HashMap::new(),
            idempotent: HashMap::new(),
            requests: VecDeque::new(),
            request_log_limit,
            request_log_bytes,
            logged_bytes: 0,
            generation: 0,
            faults: VecDeque::new(),
            events: Vec::new(),
            deliveries: Vec::new(),
            endpoints: Vec::new(),
            ids,
        }
    }

    /// Records a received request, dropping the oldest beyond the limits (in requests and in
    /// bytes: a fake left running must not grow with what it is sent).
    pub fn record(&mut self, request: ReceivedRequest) {
        let size = request.size();
        if self.request_log_limit == 0 || size > self.request_log_bytes {
            return;
        }
        while self.requests.len() >= self.request_log_limit
            || self.logged_bytes + size > self.request_log_bytes
        {
            let Some(oldest) = self.requests.pop_front() else {
                break;
            };
            self.logged_bytes -= oldest.size();
        }
        self.logged_bytes += size;
        self.requests.push_back(request);
    }

    /// Forgets everything the fake was sent and did (sessions, reports, events, deliveries,
    /// idempotency keys, queued faults, the request log), keeping its webhook endpoints, clock and
    /// settings: a fresh start for the next test against a running process.
    pub fn reset(&mut self) {
        self.accounts.clear();
        self.owner.clear();
        self.idempotent.clear();
        self.requests.clear();
        self.logged_bytes = 0;
        self.generation += 1;
        self.faults.clear();
        self.events.clear();
        self.deliveries.clear();
        for endpoint in &mut self.endpoints {
            endpoint.queue.clear();
            endpoint.in_flight = None;
            endpoint.parked.clear();
            // A shuffle starts its draws again: the same seed, the same order, after a reset too.
            if let crate::endpoints::DeliveryMode::Shuffled { seed } = endpoint.mode {
                endpoint.rng = fastrand::Rng::with_seed(seed);
            }
        }
    }

    /// The response saved for `key` in `scope`, unless it has expired by `now`.
    pub fn saved_response(&self, scope: &KeyScope, key: &str, now: i64) -> Option<&Saved> {
        self.idempotent
            .get(&(scope.clone(), key.to_owned()))
            .filter(|saved| now.saturating_sub(saved.saved_at) < IDEMPOTENCY_WINDOW)
    }

    /// Saves a response for `key`; every 1,024 saves, the expired ones are dropped (so a
    /// long-running fake does not keep them all, at a cost spread over many requests).
    pub fn save_response(&mut self, scope: KeyScope, key: String, saved: Saved) {
        if self.idempotent.len() % 1024 == 1023 {
            let now = saved.saved_at;
            self.idempotent
                .retain(|_, old| now.saturating_sub(old.saved_at) < IDEMPOTENCY_WINDOW);
        }
        self.idempotent.insert((scope, key), saved);
    }

    /// The next injected failure, if one is queued.
    pub fn take_fault(&mut self) -> Option<Fault> {
        let fault = self.faults.front_mut()?;
        let taken = fault.clone();
        fault.count -= 1;
        if fault.count == 0 {
            self.faults.pop_front();
        }
        Some(taken)
    }

    /// The session `id` in `account`.
    pub fn session_mut(&mut self, account: &Option<String>, id: &str) -> Option<&mut Record> {
        self.accounts.get_mut(account)?.sessions.get_mut(id)
    }

    /// The session `id` in whichever account holds it, with that account (for the person's side,
    /// which knows only the session).
    pub fn find_mut(&mut self, id: &str) -> Option<(Option<String>, &mut Record)> {
        let account = self.owner.get(id)?.clone();
        let record = self.accounts.get_mut(&account)?.sessions.get_mut(id)?;
        Some((account, record))
    }

    /// Adds a new session to `account`.
    pub fn insert(&mut self, account: &Option<String>, record: Record) {
        let id = record.session.id.to_string();
        self.owner.insert(id.clone(), account.clone());
        let store = self.accounts.entry(account.clone()).or_default();
        store.order.push(id.clone());
        store.sessions.insert(id, record);
    }
}
