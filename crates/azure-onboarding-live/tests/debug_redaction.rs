//! `Debug` output of the transport's responses and of the fake's configuration leaves out
//! what holds credentials (a token response's body, the secret, accepted tokens).

use azure_onboarding_live::testing::FakeConfig;
use azure_onboarding_live::Response;

#[test]
fn response_debug_omits_the_body() {
    let r = Response {
        status: 200,
        retry_after: None,
        headers: Vec::new(),
        body: br#"{"token_type":"Bearer","access_token":"eyJSECRETTOKEN"}"#.to_vec(),
    };
    let d = format!("{r:?} {r:#?}");
    assert!(!d.contains("eyJSECRETTOKEN"), "{d}");
    assert!(d.contains("200") && d.contains("bytes"), "{d}");
}

#[test]
fn fake_config_debug_omits_the_secret_and_tokens() {
    let c = FakeConfig {
        client_secret: Some("abc8Q~CANARYcanaryCANARYcanaryCANARY1234".into()),
        accepted_tokens: vec!["eyJACCEPTEDTOKEN".into()],
        ..Default::default()
    };
    let d = format!("{c:?} {c:#?}");
    assert!(!d.contains("CANARY"), "{d}");
    assert!(!d.contains("eyJACCEPTEDTOKEN"), "{d}");
}
