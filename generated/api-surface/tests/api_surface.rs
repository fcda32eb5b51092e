//! The generated crate's API surface, checked the way a user meets it: `pass` cases are short
//! programs a user would write (they must compile and run), `compile_fail` cases pin the
//! deliberate guarantees (their `.stderr` files hold the expected compiler errors).

#[test]
fn api_surface() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/compile_fail/*.rs");
}
