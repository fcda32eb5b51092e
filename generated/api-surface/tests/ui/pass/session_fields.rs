//! Pins every field of the VerificationSession (the API reference's field table) with its exact
//! type and optionality: a struct literal must list every field, so a field added, removed,
//! retyped or made (non-)optional fails to compile here.
use std::collections::BTreeMap;
use stripe_identity::*;

fn main() {
    let session = VerificationSession {
        client_reference_id: None::<String>,
        client_secret: None::<Secret>,
        created: 1_695_680_526_i64,
        id: VerificationSessionId::from("vs_1"),
        last_error: None::<GelatoSessionLastError>,
        last_verification_report: None::<Expandable<VerificationReport>>,
        livemode: false,
        metadata: BTreeMap::<String, String>::new(),
        object: String::from("identity.verification_session"),
        options: None::<GelatoVerificationSessionOptions>,
        provided_details: None::<GelatoProvidedDetails>,
        redaction: None::<VerificationSessionRedaction>,
        related_customer: None::<String>,
        related_customer_account: None::<String>,
        related_person: None::<GelatoRelatedPerson>,
        status: VerificationSessionStatus::RequiresInput,
        type_: VerificationSessionType::Document,
        url: None::<Secret>,
        verification_flow: None::<String>,
        verified_outputs: None::<GelatoVerifiedOutputs>,
    };
    // Absent optional fields are left out when written; required-but-nullable ones are written as null.
    let json = serde_json::to_value(&session).unwrap();
    assert_eq!(json["type"], "document");
    assert!(json.get("related_person").is_none() && json.get("verification_flow").is_none());
    assert!(json["client_secret"].is_null() && json["url"].is_null() && json["last_error"].is_null());

    let outputs = GelatoVerifiedOutputs {
        address: None::<Address>,
        dob: None::<GelatoDataVerifiedOutputsDate>,
        email: None::<String>,
        first_name: None::<String>,
        id_number: None::<String>,
        id_number_type: None::<GelatoVerifiedOutputsIdNumberType>,
        last_name: None::<String>,
        phone: None::<String>,
        sex: None::<GelatoVerifiedOutputsSex>,
        unparsed_place_of_birth: None::<String>,
        unparsed_sex: None::<String>,
    };
    assert!(serde_json::to_value(&outputs).unwrap()["address"].is_null());
}
