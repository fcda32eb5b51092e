//! The serde-only floor for compile-time bench (b): decodes the same fixture as (a) into a struct
//! written by hand with the session's top-level fields as plain std types, the least a program
//! reading this JSON with serde would compile. Nested objects it does not model are skipped, as
//! serde skips any unknown field.

use std::collections::BTreeMap;

use serde::Deserialize;

const SESSION: &str = include_str!("../../../../generated/tests/fixtures/verification_session_full.json");

#[derive(Debug, Deserialize)]
#[allow(dead_code)] // Only some fields are read; the rest are there to be decoded.
struct Session {
    id: String,
    object: String,
    client_reference_id: Option<String>,
    client_secret: Option<String>,
    created: i64,
    last_error: Option<LastError>,
    livemode: bool,
    metadata: BTreeMap<String, String>,
    related_customer: Option<String>,
    status: String,
    #[serde(rename = "type")]
    type_: String,
    url: Option<String>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct LastError {
    code: Option<String>,
    reason: Option<String>,
}

fn main() {
    let session: Session = serde_json::from_str(SESSION).expect("the fixture decodes");
    println!("{} {:?} {}", session.id, session.status, session.metadata.len());
}
