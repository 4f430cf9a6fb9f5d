//! The client secret never leaves: a canary secret is put everywhere a secret can go, and
//! every output (report JSON, Debug, error Display, messages) is searched for it.

use azure_onboarding::{
    validate, validate_field, ClientSecret, Field, SecretString, WorkbenchConfig,
};

/// A current-format secret (length 40, `8Q~` at index 3..6). Only "abc" may ever appear.
const CANARY: &str = "abc8Q~CANARYcanaryCANARYcanaryCANARY1234";
const MARK: &str = "8Q~CANARY";

fn assert_clean(what: &str, text: &str) {
    assert!(!text.contains(MARK), "{what} leaks the secret: {text}");
    assert!(
        !text.contains("CANARYcanary"),
        "{what} leaks the secret: {text}"
    );
}

/// Variants of the canary as it may be pasted, valid or not.
fn variants() -> Vec<String> {
    vec![
        CANARY.to_owned(),
        format!("  \"{CANARY}\"\n"),
        format!("{CANARY}x"),
        CANARY[..39].to_owned(),
        format!("{} {}", &CANARY[..20], &CANARY[20..]),
        format!("{{\"appId\": \"x\", \"password\": \"{CANARY}\", \"tenant\": \"y\"}}"),
        format!("{CANARY}\u{0}"),
    ]
}

#[test]
fn canary_is_a_valid_current_format_secret() {
    assert_eq!(CANARY.len(), 40);
    assert_eq!(&CANARY[3..6], "8Q~");
    assert!(CANARY.parse::<ClientSecret>().is_ok());
}

#[test]
fn no_output_contains_the_secret() {
    for v in variants() {
        for option in ["customApp", "enterpriseApp", "", "nonsense"] {
            for field in Field::ALL {
                let mut c = WorkbenchConfig {
                    access_option: Some(option.into()),
                    tenant_id: Some("6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b".into()),
                    ..Default::default()
                };
                if field == Field::AccessOption {
                    continue;
                }
                c.set(field, Some(v.clone()));
                // The secret always in its own field too.
                c.client_secret = Some(SecretString::from(v.as_str()));

                let r = validate(&c);
                assert_clean("report JSON", &serde_json::to_string(&r).unwrap());
                assert_clean("report Debug", &format!("{r:?}"));
                assert_clean("config Debug", &format!("{c:?}"));
                for i in &r.issues {
                    assert_clean("message", &i.message);
                    assert_clean("hint", i.hint.as_deref().unwrap_or(""));
                }
                for f in Field::ALL {
                    let issues = validate_field(f, &v, &c);
                    assert_clean("field issues", &serde_json::to_string(&issues).unwrap());
                }
            }
        }
        // Typed values: errors and Debug.
        match v.parse::<ClientSecret>() {
            Ok(s) => assert_clean("ClientSecret Debug", &format!("{s:?}")),
            Err(e) => {
                assert_clean("ClientSecretError Display", &e.to_string());
                assert_clean("ClientSecretError Debug", &format!("{e:?}"));
            }
        }
        for e in [
            v.parse::<azure_onboarding::TenantId>()
                .err()
                .map(|e| e.to_string()),
            v.parse::<azure_onboarding::ClientId>()
                .err()
                .map(|e| e.to_string()),
            v.parse::<azure_onboarding::DeviceName>()
                .err()
                .map(|e| e.to_string()),
            v.parse::<azure_onboarding::StorageAccountName>()
                .err()
                .map(|e| e.to_string()),
            v.parse::<azure_onboarding::EgressRule>()
                .err()
                .map(|e| e.to_string()),
            v.parse::<azure_onboarding::ResourceId>()
                .err()
                .map(|e| e.to_string()),
        ]
        .into_iter()
        .flatten()
        {
            assert_clean("parse error", &e);
        }
        assert_clean(
            "SecretString Debug",
            &format!("{:?}", SecretString::from(v.as_str())),
        );
    }
}

#[test]
fn deserialized_secret_is_parsed_and_redacted() {
    let s: ClientSecret = serde_json::from_str(&format!("\"{CANARY}\"")).unwrap();
    assert_eq!(s.expose_secret(), CANARY);
    let err = serde_json::from_str::<ClientSecret>(&format!("\"{CANARY}x\"")).unwrap_err();
    assert_clean("serde error", &err.to_string());
}
