//! Pins every field of the VerificationSession (the API reference's field table) with its exact
//! type and optionality, as a user reads them: a field removed, retyped or made (non-)optional
//! fails to compile here. The struct is `#[non_exhaustive]`: built with `new`, which takes the
//! fields that are not an `Option`, and then written field by field.
use std::collections::BTreeMap;
use stripe_identity::*;

fn main() {
    let mut session = VerificationSession::new(
        1_695_680_526_i64,
        "vs_1",
        false,
        BTreeMap::<String, String>::new(),
        VerificationSessionStatus::RequiresInput,
        VerificationSessionType::Document,
    );
    session.client_reference_id = Some(String::from("user_42"));
    let VerificationSession {
        client_reference_id,
        client_secret,
        created,
        id,
        last_error,
        last_verification_report,
        livemode,
        metadata,
        object,
        options,
        provided_details,
        redaction,
        related_customer,
        related_customer_account,
        related_person,
        status,
        type_,
        url,
        verification_flow,
        verified_outputs,
        ..
    } = &session;
    let _: &Option<String> = client_reference_id;
    let _: &Option<Secret> = client_secret;
    let _: &i64 = created;
    let _: &VerificationSessionId = id;
    let _: &Option<GelatoSessionLastError> = last_error;
    let _: &Option<Expandable<VerificationReport>> = last_verification_report;
    let _: &bool = livemode;
    let _: &BTreeMap<String, String> = metadata;
    assert_eq!(object, "identity.verification_session", "new fills in the object tag");
    let _: &Option<GelatoVerificationSessionOptions> = options;
    let _: &Option<GelatoProvidedDetails> = provided_details;
    let _: &Option<VerificationSessionRedaction> = redaction;
    let _: &Option<String> = related_customer;
    let _: &Option<String> = related_customer_account;
    let _: &Option<GelatoRelatedPerson> = related_person;
    let _: &VerificationSessionStatus = status;
    let _: &VerificationSessionType = type_;
    let _: &Option<Secret> = url;
    let _: &Option<String> = verification_flow;
    let _: &Option<GelatoVerifiedOutputs> = verified_outputs;
    // Absent optional fields are left out when written; required-but-nullable ones are written as null.
    let json = serde_json::to_value(&session).unwrap();
    assert_eq!(json["type"], "document");
    assert_eq!(json["client_reference_id"], "user_42");
    assert!(json.get("related_person").is_none() && json.get("verification_flow").is_none());
    assert!(json["client_secret"].is_null() && json["url"].is_null() && json["last_error"].is_null());

    // Every field optional: `Default`, then the fields a test needs.
    let mut outputs = GelatoVerifiedOutputs::default();
    outputs.first_name = Some(String::from("Jenny"));
    let GelatoVerifiedOutputs {
        address,
        dob,
        email,
        first_name,
        id_number,
        id_number_type,
        last_name,
        phone,
        sex,
        unparsed_place_of_birth,
        unparsed_sex,
        ..
    } = &outputs;
    let _: &Option<Address> = address;
    let _: &Option<GelatoDataVerifiedOutputsDate> = dob;
    let _: (&Option<String>, &Option<String>, &Option<String>) = (email, id_number, last_name);
    let _: &Option<GelatoVerifiedOutputsIdNumberType> = id_number_type;
    let _: (&Option<String>, &Option<GelatoVerifiedOutputsSex>) = (phone, sex);
    let _: (&Option<String>, &Option<String>) = (unparsed_place_of_birth, unparsed_sex);
    assert_eq!(first_name.as_deref(), Some("Jenny"));
    assert!(serde_json::to_value(&outputs).unwrap()["address"].is_null());
}
