//! Builds each of the six requests with every parameter and checks the exact bytes.
use stripe_identity::*;

fn main() {
    let create = CreateVerificationSession::new()
        .client_reference_id("user 42")
        .expand(["last_verification_report"])
        .metadata([("order id", "A&B=1")])
        .options(
            SessionOptionsParam::default().document(
                DocumentOptions::default()
                    .allowed_types([
                        DocumentOptionsAllowedType::DrivingLicense,
                        DocumentOptionsAllowedType::Passport,
                    ])
                    .require_id_number(true)
                    .require_live_capture(false)
                    .require_matching_selfie(true),
            ),
        )
        .provided_details(
            ProvidedDetailsParam::default()
                .email("a+b@example.com")
                .phone("+15555550100"),
        )
        .related_customer("cus_1")
        .related_customer_account("acct_1")
        .related_person(RelatedPersonParam::new("acct_2", "person_3"))
        .return_url("https://example.com/done?x=1")
        .type_(CreateVerificationSessionType::Document)
        .verification_flow("vf_1")
        .encode();
    assert_eq!(create.method, Method::Post);
    assert_eq!(create.path, "/v1/identity/verification_sessions");
    assert_eq!(create.query_string(), "");
    assert_eq!(
        create.body_string(),
        "client_reference_id=user+42&expand[0]=last_verification_report&metadata[order+id]=A%26B%3D1\
         &options[document][allowed_types][0]=driving_license&options[document][allowed_types][1]=passport\
         &options[document][require_id_number]=true&options[document][require_live_capture]=false\
         &options[document][require_matching_selfie]=true&provided_details[email]=a%2Bb%40example.com\
         &provided_details[phone]=%2B15555550100&related_customer=cus_1&related_customer_account=acct_1\
         &related_person[account]=acct_2&related_person[person]=person_3\
         &return_url=https%3A%2F%2Fexample.com%2Fdone%3Fx%3D1&type=document&verification_flow=vf_1"
    );

    let list = ListVerificationSessions::new()
        .client_reference_id("u")
        .created(RangeQuery::bounds().gte(1_700_000_000).lt(1_800_000_000))
        .ending_before("vs_0")
        .expand(["data.last_verification_report"])
        .limit(3)
        .related_customer("cus_1")
        .related_customer_account("acct_1")
        .starting_after("vs_9")
        .status(ListVerificationSessionsStatus::Verified)
        .encode();
    assert_eq!(list.method, Method::Get);
    assert_eq!(
        list.path_and_query(),
        "/v1/identity/verification_sessions?client_reference_id=u&created%5Bgte%5D=1700000000\
         &created%5Blt%5D=1800000000&ending_before=vs_0&expand%5B0%5D=data.last_verification_report&limit=3\
         &related_customer=cus_1&related_customer_account=acct_1&starting_after=vs_9&status=verified"
    );
    assert_eq!(list.body_string(), "");
    let exact = ListVerificationSessions::new().created(1_700_000_000).encode();
    assert_eq!(exact.query_string(), "created=1700000000");
    assert_eq!(ListVerificationSessions::new().encode().path_and_query(), "/v1/identity/verification_sessions");

    let retrieve = RetrieveVerificationSession::new("vs_1")
        .expand(["last_verification_report", "verified_outputs"])
        .encode();
    assert_eq!(retrieve.method, Method::Get);
    assert_eq!(
        retrieve.path_and_query(),
        "/v1/identity/verification_sessions/vs_1?expand%5B0%5D=last_verification_report&expand%5B1%5D=verified_outputs"
    );

    let update = UpdateVerificationSession::new("vs 1/x")
        .metadata([("keep", "yes"), ("drop", "")])
        .options(SessionOptionsParam::default().clear_document())
        .provided_details(ProvidedDetailsParam::default().phone("+1 555"))
        .type_(UpdateVerificationSessionType::IdNumber)
        .encode();
    assert_eq!(update.method, Method::Post);
    assert_eq!(update.path, "/v1/identity/verification_sessions/vs+1%2Fx");
    assert_eq!(
        update.body_string(),
        "metadata[drop]=&metadata[keep]=yes&options[document]=&provided_details[phone]=%2B1+555&type=id_number"
    );

    let cancel = CancelVerificationSession::new("vs_1").encode();
    assert_eq!((cancel.method, cancel.path.as_str()), (Method::Post, "/v1/identity/verification_sessions/vs_1/cancel"));
    assert_eq!(cancel.body_string(), "");

    let redact = RedactVerificationSession::new("vs_1").expand(["last_verification_report"]).encode();
    assert_eq!(redact.path, "/v1/identity/verification_sessions/vs_1/redact");
    assert_eq!(redact.body_string(), "expand[0]=last_verification_report");
}
