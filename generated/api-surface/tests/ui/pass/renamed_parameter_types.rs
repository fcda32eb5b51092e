// The parameter types' names from before they followed the spec's titles still build (deprecated)
// and are the new types: code written against the old names keeps working for a release.
#![allow(deprecated)]
use stripe_identity::{
    CreateVerificationSessionOptions, CreateVerificationSessionOptionsDocument,
    CreateVerificationSessionOptionsDocumentAllowedType, CreateVerificationSessionProvidedDetails,
    CreateVerificationSessionRelatedPerson, DocumentOptions, SessionOptionsParam,
    UpdateVerificationSessionOptions, UpdateVerificationSessionOptionsDocument,
    UpdateVerificationSessionOptionsDocumentAllowedType, UpdateVerificationSessionProvidedDetails,
};

fn main() {
    let options: SessionOptionsParam = CreateVerificationSessionOptions::default().document(
        CreateVerificationSessionOptionsDocument::default()
            .allowed_types([CreateVerificationSessionOptionsDocumentAllowedType::Passport]),
    );
    let same: UpdateVerificationSessionOptions = options.clone();
    assert_eq!(options, same);
    let _: DocumentOptions = UpdateVerificationSessionOptionsDocument::default();
    let _ = UpdateVerificationSessionOptionsDocumentAllowedType::IdCard;
    let _ = CreateVerificationSessionProvidedDetails::default().email("a@example.com");
    let _ = UpdateVerificationSessionProvidedDetails::default();
    let _ = CreateVerificationSessionRelatedPerson::new("acct_1", "person_1");
}
