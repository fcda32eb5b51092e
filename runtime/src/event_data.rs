//! `EventData<T>`: the `data` of a Stripe event: the object as it was when the event happened
//! (typed when the crate knows its kind, JSON otherwise), and for `*.updated`-style events the
//! values its changed fields had before, which stay JSON because they are a partial object.

use serde::{Deserialize, Serialize};

/// The object an event is about, and what it was before the change.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct EventData<T> {
    /// The object as it was when the event happened.
    pub object: T,
    /// The previous values of the fields that changed, for events that change an object: a
    /// partial object, so plain JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_attributes: Option<serde_json::Value>,
}

/// What a webhook's body decodes into (`Webhook::construct_event`): an event type, which may
/// name the API version its shapes are. A generated crate's `Event` names the version it was
/// generated for; JSON (`serde_json::Value`) reads any. A type of your own implements it in one
/// line (`impl WebhookEvent for MyEvent {}`), reading any version.
pub trait WebhookEvent: serde::de::DeserializeOwned {
    /// The API version events must be stamped with (`api_version`) to decode into this type:
    /// an event rendered in another version has other shapes. `None` reads any.
    const API_VERSION: Option<&'static str> = None;
}

impl WebhookEvent for serde_json::Value {}

/// Reads an event's `type` and its `data` (still JSON): what a generated event payload's
/// `Deserialize` starts from, before the type says what `data.object` is.
pub fn read_event_payload<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<(String, serde_json::Value), D::Error> {
    #[derive(Deserialize)]
    struct Payload {
        #[serde(rename = "type")]
        type_: String,
        data: serde_json::Value,
    }
    let payload = Payload::deserialize(deserializer)?;
    Ok((payload.type_, payload.data))
}

/// Decodes an event's `data` into `EventData<T>`, by reference; an error says where, from `data`
/// on, without the value it found. With the `client` or `webhook` feature (which bring
/// `serde_path_to_error`) it names the field (`data.object.status: …`; map keys shown as
/// `<key>`); without, only `data: …`, and the types-only build compiles no path tracking.
pub fn decode_event_data<T: serde::de::DeserializeOwned, E: serde::de::Error>(
    data: &serde_json::Value,
) -> Result<EventData<T>, E> {
    #[cfg(any(feature = "client", feature = "webhook"))]
    return serde_path_to_error::deserialize(data).map_err(|error| {
        let path = crate::decode_path::printable_path(error.path());
        let message = crate::decode_path::without_values(&error.into_inner().to_string());
        E::custom(format_args!("data.{path}: {message}"))
    });
    #[cfg(not(any(feature = "client", feature = "webhook")))]
    return EventData::deserialize(data).map_err(|error| {
        let message = crate::decode_path::without_values(&error.to_string());
        E::custom(format_args!("data: {message}"))
    });
}

/// Writes an event's `type` and `data`, the inverse of [`read_event_payload`].
pub fn write_event_payload<T: Serialize, S: serde::Serializer>(
    type_: &str,
    data: &EventData<T>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(Some(2))?;
    map.serialize_entry("type", type_)?;
    map.serialize_entry("data", data)?;
    map.end()
}
