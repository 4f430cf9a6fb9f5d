//! Property tests: parsers and validators never panic; normalization is idempotent and
//! keeps valid configurations valid.

use azure_onboarding::{
    normalize, validate, validate_field, validate_field_context, ClientId, ClientSecret,
    DeviceName, EgressRule, Field, IssueCode, ResourceId, StorageAccountId, StorageAccountName,
    SubscriptionId, TenantId, WorkbenchConfig,
};
use proptest::prelude::*;

/// Strings biased towards what people paste: GUID-ish, secret-ish, padded, quoted, or random.
fn pasted() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9a-fA-F-]{0,40}",
        "[ \t\"'{]{0,3}[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}[ \t\"'}]{0,3}",
        "[ \"']{0,2}[A-Za-z0-9_.~-]{3}8Q~[A-Za-z0-9_.~-]{34}[ \"'\n]{0,2}",
        "[A-Za-z0-9_.~-]{3}7Q~[A-Za-z0-9_.~-]{31}",
        "[A-Za-z0-9.=:@/*+?_-]{30,36}",
        "[a-z]{1,10}\\.onmicrosoft\\.com",
        "[ ]{0,2}(enterpriseApp|customApp|Custom App|x)[ ]{0,2}",
        "[ ]{0,2}(Microsoft Cloud|microsoft cloud|Azure)[ ]{0,2}",
    ]
}

fn config() -> impl Strategy<Value = WorkbenchConfig> {
    (
        proptest::option::of(pasted()),
        proptest::option::of(pasted()),
        proptest::option::of(pasted()),
        proptest::option::of(pasted()),
        proptest::option::of(pasted()),
        proptest::option::of(pasted()),
        proptest::option::of(prop_oneof!["", " ", "Y"]),
    )
        .prop_map(|(a, t, c, s, d, l, u)| WorkbenchConfig {
            access_option: a,
            tenant_id: t,
            client_id: c,
            client_secret: s.map(Into::into),
            device_name: d,
            location: l,
            use_storage_account_contributor_role: u,
        })
}

/// Configurations that are valid by construction, with noise around the values.
fn valid_config() -> impl Strategy<Value = WorkbenchConfig> {
    let pad = "[ \t\"']{0,2}";
    (
        prop_oneof![Just("enterpriseApp"), Just("customApp")],
        any::<u128>(),
        any::<u128>(),
        "[A-Za-z0-9_.~-]{3}8Q~[A-Za-z0-9_.~-]{34}",
        "[A-Za-z0-9][A-Za-z0-9 ._-]{0,40}[A-Za-z0-9]",
        pad,
        pad,
    )
        .prop_filter("distinct non-nil GUIDs", |(_, t, c, ..)| {
            *t != 0 && *c != 0 && t != c
        })
        .prop_map(|(opt, t, c, secret, device, p1, p2)| {
            let custom = opt == "customApp";
            let guid = |v: u128| uuid::Uuid::from_u128(v).hyphenated().to_string();
            WorkbenchConfig {
                access_option: Some(opt.to_owned()),
                tenant_id: Some(format!("{p1}{}{p2}", guid(t).to_uppercase())),
                client_id: custom.then(|| guid(c)),
                client_secret: custom.then(|| format!("{p1}{secret}").into()),
                device_name: Some(device),
                location: Some("Microsoft Cloud".to_owned()),
                use_storage_account_contributor_role: None,
            }
        })
        .prop_filter("not a well-known app id", |c| {
            let r = validate(c);
            !r.has(IssueCode::WellKnownAppId)
        })
        // 32 or 34 random characters with a symbol and no space is what a legacy-format
        // secret looks like: such a "name" is reported as a secret in the wrong field.
        .prop_filter("not shaped like a legacy secret", |c| {
            let d = c.device_name.as_deref().unwrap_or("");
            !matches!(d.len(), 32 | 34) || d.contains(' ')
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parsers_never_panic(s in pasted()) {
        let _ = s.parse::<TenantId>();
        let _ = s.parse::<ClientId>();
        let _ = s.parse::<SubscriptionId>();
        let _ = s.parse::<ClientSecret>();
        let _ = s.parse::<DeviceName>();
        let _ = s.parse::<StorageAccountName>();
        let _ = s.parse::<EgressRule>();
        let _ = s.parse::<ResourceId>();
        let _ = s.parse::<StorageAccountId>();
        let _ = format!("/subscriptions/{s}").parse::<ResourceId>();
    }

    #[test]
    fn validators_never_panic(c in config(), s in pasted()) {
        let r = validate(&c);
        prop_assert_eq!(r.valid, r.error_count() == 0);
        for f in Field::ALL {
            let _ = validate_field(f, &s, &c);
        }
    }

    /// `validate_field` runs only the field's own checks (for speed per keystroke); it must
    /// report exactly what `validate` reports for that field.
    #[test]
    fn validate_field_equals_the_fields_share_of_validate(c in config(), s in pasted(), same in any::<bool>()) {
        // Half the time the tenant ID, the client ID and the value are one GUID, so that the
        // cross-field check (client ID equal to tenant ID) is exercised.
        let guid = "6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b";
        let (c, s) = if same {
            let mut c = c;
            c.tenant_id = Some(guid.into());
            c.client_id = Some(guid.into());
            (c, guid.to_string())
        } else {
            (c, s)
        };
        for f in Field::ALL {
            let mut whole = c.clone();
            whole.set(f, Some(s.clone()));
            let expected: Vec<_> = validate(&whole).issues.into_iter().filter(|i| i.field == f).collect();
            prop_assert_eq!(validate_field(f, &s, &c), expected, "{:?}", f);
        }
    }

    /// `validate_field` reads only `validate_field_context` from the form: the same result
    /// with the rest of the context dropped (the wasm boundary passes only those fields).
    #[test]
    fn validate_field_reads_only_its_context(c in config(), s in pasted(), same in any::<bool>()) {
        // Half the time the tenant ID is the value and the access option needs a client ID,
        // so that dropping a field the check does read makes this fail.
        let mut c = c;
        if same {
            c.tenant_id = Some(s.clone());
            c.access_option = Some("customApp".into());
        }
        for f in Field::ALL {
            let mut only = WorkbenchConfig::default();
            for &d in validate_field_context(f) {
                only.set(d, c.get(d).map(str::to_owned));
            }
            prop_assert_eq!(validate_field(f, &s, &only), validate_field(f, &s, &c), "{:?}", f);
        }
    }

    #[test]
    fn normalization_is_idempotent(c in config()) {
        let once = normalize(&c);
        let twice = normalize(&once);
        prop_assert_eq!(&once, &twice);
        let again = validate(&once);
        prop_assert!(!again.has(IssueCode::Trimmed), "{:#?}", again.issues);
        prop_assert!(!again.has(IssueCode::NotNeededForOption));
        // Validation of the normalized form reports the same errors.
        let errors = |r: &azure_onboarding::ValidationReport| {
            let mut v: Vec<_> = r.issues.iter()
                .filter(|i| i.code != IssueCode::Trimmed && i.code != IssueCode::NotNeededForOption)
                .map(|i| (i.field, i.code)).collect();
            v.sort();
            v
        };
        prop_assert_eq!(errors(&validate(&c)), errors(&again));
        prop_assert_eq!(validate(&c).normalized, again.normalized);
    }

    #[test]
    fn valid_configs_stay_valid_after_normalization(c in valid_config()) {
        let r = validate(&c);
        prop_assert!(r.valid, "{:#?}", r.issues);
        let n = validate(&normalize(&c));
        prop_assert!(n.valid);
        prop_assert!(n.issues.is_empty(), "{:#?}", n.issues);
    }

    #[test]
    fn typed_values_round_trip(t in any::<u128>().prop_filter("non-nil", |v| *v != 0)) {
        let id: TenantId = uuid::Uuid::from_u128(t).simple().to_string().parse().unwrap();
        let again: TenantId = id.to_string().parse().unwrap();
        prop_assert_eq!(id, again);
        let json = serde_json::to_string(&id).unwrap();
        prop_assert_eq!(serde_json::from_str::<TenantId>(&json).unwrap(), id);
    }
}
