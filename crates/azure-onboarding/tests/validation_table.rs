//! Table tests: every issue code appears on a bad input and is absent on good input.

use azure_onboarding::{
    normalize, validate, validate_field, Field, IssueCode, Severity, WorkbenchConfig,
};

const TENANT: &str = "6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b";
const CLIENT: &str = "0f4c7e8a-1b2c-4d3e-8f90-a1b2c3d4e5f6";
/// A current-format secret (length 40, `8Q~` at index 3..6); not a real secret.
const SECRET: &str = "abc8Q~CANARYcanaryCANARYcanaryCANARY1234";
const SECRET_37: &str = "xyz7Q~abcdefghijklmnopqrstuvwxyz01234";
/// Legacy-format secrets (32 characters with symbols, 34 of the current set); not real.
const LEGACY_32: &str = "q7W.x2Z-K9p_L4m@B8n/C3v*R6t?Y1s]";
const LEGACY_34: &str = "Tx8~mP2.qL5-vN9_kR3.wJ6~bH1-cF4_zD";
const GRAPH: &str = "00000003-0000-0000-c000-000000000000";
const LOG_ANALYTICS: &str = "ca7f3f0b-7d91-482c-8e09-c5d840d0eac5";

fn custom() -> WorkbenchConfig {
    WorkbenchConfig {
        access_option: Some("customApp".into()),
        tenant_id: Some(TENANT.into()),
        client_id: Some(CLIENT.into()),
        client_secret: Some(SECRET.into()),
        device_name: Some("Azure production".into()),
        location: Some("Microsoft Cloud".into()),
        use_storage_account_contributor_role: None,
    }
}

fn enterprise() -> WorkbenchConfig {
    WorkbenchConfig {
        access_option: Some("enterpriseApp".into()),
        client_id: None,
        client_secret: None,
        ..custom()
    }
}

fn with(mut c: WorkbenchConfig, field: Field, value: Option<&str>) -> WorkbenchConfig {
    c.set(field, value.map(str::to_owned));
    c
}

#[test]
fn good_configs_have_no_issues() {
    for (name, c) in [
        ("custom", custom()),
        ("enterprise", enterprise()),
        (
            "37-char secret",
            with(custom(), Field::ClientSecret, Some(SECRET_37)),
        ),
        (
            "uppercase GUIDs",
            with(custom(), Field::TenantId, Some(&TENANT.to_uppercase())),
        ),
        (
            "blank legacy field",
            with(
                custom(),
                Field::UseStorageAccountContributorRole,
                Some("  "),
            ),
        ),
        (
            "custom app, lenient option",
            with(custom(), Field::AccessOption, Some("Custom App")),
        ),
        (
            "device name with unicode",
            with(custom(), Field::DeviceName, Some("Überwachung – Prod")),
        ),
        (
            "64-char device name",
            with(custom(), Field::DeviceName, Some(&"d".repeat(64))),
        ),
        // Names of a legacy secret's length and alphabet are still names.
        (
            "32-char device name with symbols",
            with(
                custom(),
                Field::DeviceName,
                Some("Contoso-Prod-Azure-Subscription1"),
            ),
        ),
        (
            "32-char lowercase device name",
            with(
                custom(),
                Field::DeviceName,
                Some("azure-production-westeurope-0001"),
            ),
        ),
        (
            "34-char device name",
            with(
                custom(),
                Field::DeviceName,
                Some("Contoso-Production-WestEurope-0001"),
            ),
        ),
        (
            "34-char device name with digits",
            with(
                custom(),
                Field::DeviceName,
                Some("Prod-2024-Q3-AzureMonitoring-EU-01"),
            ),
        ),
    ] {
        let r = validate(&c);
        assert!(r.valid, "{name}: {:#?}", r.issues);
        assert!(r.issues.is_empty(), "{name}: {:#?}", r.issues);
    }
}

/// (case, config, field, expected code)
fn bad_cases() -> Vec<(&'static str, WorkbenchConfig, Field, IssueCode)> {
    use Field as F;
    use IssueCode as C;
    let long = "x".repeat(65);
    vec![
        ("no access option", with(custom(), F::AccessOption, None), F::AccessOption, C::Required),
        ("unknown access option", with(custom(), F::AccessOption, Some("both")), F::AccessOption, C::InvalidAccessOption),
        ("no tenant", with(custom(), F::TenantId, None), F::TenantId, C::Required),
        ("blank tenant", with(custom(), F::TenantId, Some(" \t ")), F::TenantId, C::Required),
        ("no client id (custom)", with(custom(), F::ClientId, None), F::ClientId, C::Required),
        ("no secret (custom)", with(custom(), F::ClientSecret, Some("")), F::ClientSecret, C::Required),
        ("no device name", with(custom(), F::DeviceName, None), F::DeviceName, C::Required),
        ("no location", with(custom(), F::Location, None), F::Location, C::Required),
        ("tenant not a guid", with(custom(), F::TenantId, Some("6f1d2c3b-4a59-4e8f-9a7b")), F::TenantId, C::NotAGuid),
        ("client not a guid", with(custom(), F::ClientId, Some("Workbench Cloud Service")), F::ClientId, C::NotAGuid),
        ("tenant nil", with(custom(), F::TenantId, Some("00000000-0000-0000-0000-000000000000")), F::TenantId, C::NilGuid),
        ("client nil", with(custom(), F::ClientId, Some("{00000000-0000-0000-0000-000000000000}")), F::ClientId, C::NilGuid),
        ("tenant domain", with(custom(), F::TenantId, Some("contoso.onmicrosoft.com")), F::TenantId, C::TenantIdIsDomain),
        ("tenant custom domain", with(custom(), F::TenantId, Some("contoso.com")), F::TenantId, C::TenantIdIsDomain),
        ("tenant e-mail", with(custom(), F::TenantId, Some("admin@contoso.onmicrosoft.com")), F::TenantId, C::TenantIdIsDomain),
        ("same guid twice", with(custom(), F::ClientId, Some(&TENANT.to_uppercase())), F::ClientId, C::ClientIdEqualsTenantId),
        ("graph app id", with(custom(), F::ClientId, Some(GRAPH)), F::ClientId, C::WellKnownAppId),
        ("log analytics app id", with(custom(), F::ClientId, Some(LOG_ANALYTICS)), F::ClientId, C::WellKnownAppId),
        ("graph app id as tenant", with(custom(), F::TenantId, Some(GRAPH)), F::TenantId, C::WellKnownAppId),
        ("secret id", with(custom(), F::ClientSecret, Some("9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a")), F::ClientSecret, C::SecretIdInsteadOfValue),
        ("secret id braced", with(custom(), F::ClientSecret, Some("{9D8C7B6A-5F4E-4D3C-8B2A-1F0E9D8C7B6A}")), F::ClientSecret, C::SecretIdInsteadOfValue),
        ("secret truncated", with(custom(), F::ClientSecret, Some(&SECRET[..39])), F::ClientSecret, C::SecretFormat),
        ("secret too long", with(custom(), F::ClientSecret, Some(&format!("{SECRET}x"))), F::ClientSecret, C::SecretFormat),
        ("secret with space inside", with(custom(), F::ClientSecret, Some("abc8Q~CANARYcanaryCANA YcanaryCANARY1234")), F::ClientSecret, C::SecretFormat),
        ("secret short", with(custom(), F::ClientSecret, Some("hunter2")), F::ClientSecret, C::SecretFormat),
        ("secret is cli output", with(custom(), F::ClientSecret, Some(&format!("{{\"appId\": \"{CLIENT}\", \"password\": \"{SECRET}\", \"tenant\": \"{TENANT}\"}}"))), F::ClientSecret, C::SecretIsCliOutput),
        ("legacy 32 secret", with(custom(), F::ClientSecret, Some("Ab1/Cd2+Ef3=Gh4:Ij5@Kl6*Mn7?Op8]")), F::ClientSecret, C::LegacySecretFormat),
        ("legacy 34 secret", with(custom(), F::ClientSecret, Some("Ab1-Cd2.Ef3_Gh4~Ij5-Kl6.Mn7_Op8~Qr")), F::ClientSecret, C::LegacySecretFormat),
        ("secret in client id", with(custom(), F::ClientId, Some(SECRET)), F::ClientId, C::SecretInWrongField),
        ("secret in tenant id", with(custom(), F::TenantId, Some(SECRET)), F::TenantId, C::SecretInWrongField),
        ("secret in device name", with(custom(), F::DeviceName, Some(SECRET)), F::DeviceName, C::SecretInWrongField),
        ("legacy 32 secret in device name", with(custom(), F::DeviceName, Some(LEGACY_32)), F::DeviceName, C::SecretInWrongField),
        ("legacy 34 secret in device name", with(custom(), F::DeviceName, Some(&format!(" {LEGACY_34} "))), F::DeviceName, C::SecretInWrongField),
        ("legacy 32 secret in location", with(custom(), F::Location, Some(LEGACY_32)), F::Location, C::SecretInWrongField),
        ("legacy 34 secret in access option", with(custom(), F::AccessOption, Some(LEGACY_34)), F::AccessOption, C::SecretInWrongField),
        ("client id with enterprise app", with(enterprise(), F::ClientId, Some(CLIENT)), F::ClientId, C::NotNeededForOption),
        ("secret with enterprise app", with(enterprise(), F::ClientSecret, Some(SECRET)), F::ClientSecret, C::NotNeededForOption),
        ("tenant with spaces", with(custom(), F::TenantId, Some(&format!("  {TENANT}\n"))), F::TenantId, C::Trimmed),
        ("tenant with braces", with(custom(), F::TenantId, Some(&format!("{{{TENANT}}}"))), F::TenantId, C::Trimmed),
        ("secret with quotes", with(custom(), F::ClientSecret, Some(&format!("\"{SECRET}\""))), F::ClientSecret, C::Trimmed),
        ("device name quoted", with(custom(), F::DeviceName, Some("'Azure production'")), F::DeviceName, C::Trimmed),
        ("legacy field Y", with(custom(), F::UseStorageAccountContributorRole, Some("Y")), F::UseStorageAccountContributorRole, C::LegacyFieldMustBeBlank),
        ("legacy field N", with(custom(), F::UseStorageAccountContributorRole, Some("N")), F::UseStorageAccountContributorRole, C::LegacyFieldMustBeBlank),
        ("device name too long", with(custom(), F::DeviceName, Some(&long)), F::DeviceName, C::InvalidDeviceName),
        ("device name with newline", with(custom(), F::DeviceName, Some("Azure\nproduction")), F::DeviceName, C::InvalidDeviceName),
        ("device name with NUL", with(custom(), F::DeviceName, Some("Azure\u{0}")), F::DeviceName, C::InvalidDeviceName),
        ("other cloud", with(custom(), F::Location, Some("Azure Government")), F::Location, C::UnknownLocation),
    ]
}

#[test]
fn every_bad_case_reports_its_code_on_its_field() {
    for (name, config, field, code) in bad_cases() {
        let r = validate(&config);
        assert!(
            r.issues.iter().any(|i| i.field == field && i.code == code),
            "{name}: expected {code} on {field}, got {:#?}",
            r.issues
        );
        let errors = r.issues.iter().any(|i| i.severity == Severity::Error);
        assert_eq!(r.valid, !errors, "{name}");
        if code.severity() == Severity::Error {
            assert!(!r.valid, "{name}");
        }
        for i in &r.issues {
            assert_eq!(i.severity, i.code.severity(), "{name}");
            assert!(!i.message.is_empty(), "{name}");
        }
        // Keystroke validation agrees with whole-form validation.
        let raw = config.get(field).unwrap_or("").to_owned();
        let per_field = validate_field(field, &raw, &config);
        let from_report: Vec<_> = r.issues_for(field).cloned().collect();
        if config.get(field).is_some() {
            assert_eq!(per_field, from_report, "{name}");
        }
    }
}

#[test]
fn every_code_is_covered_by_the_table() {
    let covered: Vec<IssueCode> = bad_cases().into_iter().map(|c| c.3).collect();
    for code in IssueCode::ALL {
        assert!(covered.contains(&code), "no bad case for {code}");
    }
}

#[test]
fn warnings_alone_keep_the_config_valid() {
    for (field, value) in [
        (Field::TenantId, format!(" {TENANT} ")),
        (
            Field::ClientSecret,
            "Ab1-Cd2.Ef3_Gh4~Ij5-Kl6.Mn7_Op8~Qr".to_owned(),
        ),
        (Field::Location, "Azure Government".to_owned()),
    ] {
        let r = validate(&with(custom(), field, Some(&value)));
        assert!(r.valid, "{field}: {:#?}", r.issues);
    }
    let r = validate(&with(enterprise(), Field::ClientSecret, Some(SECRET)));
    assert!(r.valid);
    assert_eq!(r.normalized.client_secret, None, "ignored, not kept");
}

#[test]
fn normalization() {
    let mut c = custom();
    c.tenant_id = Some(format!(" {{{}}} ", TENANT.to_uppercase()));
    c.client_id = Some(format!("\"{CLIENT}\","));
    c.client_secret = Some(format!("  {SECRET}\n").into());
    c.access_option = Some(" custom-app ".into());
    c.location = Some("microsoft   cloud".into());
    let r = validate(&c);
    assert!(r.valid, "{:#?}", r.issues);
    let n = &r.normalized;
    assert_eq!(n.access_option.as_deref(), Some("customApp"));
    assert_eq!(n.tenant_id.as_deref(), Some(TENANT));
    assert_eq!(n.client_id.as_deref(), Some(CLIENT));
    assert_eq!(n.client_secret.as_deref(), Some("abc…"));
    assert_eq!(n.location.as_deref(), Some("Microsoft Cloud"));
    let full = normalize(&c);
    assert_eq!(
        full.client_secret.as_ref().map(|s| s.expose_secret()),
        Some(SECRET)
    );
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["normalized"]["clientSecret"], "abc…");
    assert_eq!(json["normalized"]["tenantId"], TENANT);
    assert!(json["normalized"]
        .get("useStorageAccountContributorRole")
        .is_none());
}

#[test]
fn issues_are_sorted_by_form_order() {
    let r = validate(&WorkbenchConfig::default());
    let fields: Vec<Field> = r.issues.iter().map(|i| i.field).collect();
    assert_eq!(
        fields,
        [
            Field::AccessOption,
            Field::DeviceName,
            Field::Location,
            Field::TenantId
        ]
    );
    assert!(r.issues.iter().all(|i| i.code == IssueCode::Required));
}

#[test]
fn report_json_shape() {
    let c = with(
        custom(),
        Field::ClientSecret,
        Some("9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"),
    );
    let json = serde_json::to_value(validate(&c)).unwrap();
    assert_eq!(json["valid"], false);
    let issue = &json["issues"][0];
    assert_eq!(issue["field"], "clientSecret");
    assert_eq!(issue["code"], "secret-id-instead-of-value");
    assert_eq!(issue["severity"], "error");
    assert!(issue["message"].is_string());
    assert!(issue["hint"].is_string());
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["issues", "normalized", "valid"]);
}

#[test]
fn wrong_field_secret_is_redacted_from_normalized() {
    let c = with(custom(), Field::ClientId, Some(SECRET));
    let r = validate(&c);
    assert_eq!(r.normalized.client_id.as_deref(), Some("abc…"));
}

#[test]
fn legacy_secrets_in_free_text_fields_are_redacted_from_reports_and_debug() {
    for (field, secret) in [
        (Field::DeviceName, LEGACY_32),
        (Field::Location, LEGACY_34),
        (Field::AccessOption, LEGACY_32),
        (Field::UseStorageAccountContributorRole, LEGACY_34),
    ] {
        let c = with(custom(), field, Some(secret));
        let r = validate(&c);
        let json = serde_json::to_string(&r).unwrap();
        assert!(!json.contains(secret), "{field:?}: {json}");
        assert!(!format!("{c:?}").contains(secret), "{field:?}: {c:?}");
        assert!(!format!("{c:#?}").contains(secret), "{field:?}");
        for i in validate_field(field, secret, &custom()) {
            assert!(!format!("{i:?}").contains(secret));
        }
    }
    // A name of that length stays as it is.
    let c = with(
        custom(),
        Field::DeviceName,
        Some("Contoso-Prod-Azure-Subscription1"),
    );
    assert!(format!("{c:?}").contains("Contoso-Prod-Azure-Subscription1"));
    assert_eq!(
        validate(&c).normalized.device_name.as_deref(),
        Some("Contoso-Prod-Azure-Subscription1")
    );
}

#[test]
fn field_validation_uses_the_context() {
    // Not required without an access option; required with customApp.
    assert!(validate_field(Field::ClientId, "", &WorkbenchConfig::default()).is_empty());
    let issues = validate_field(Field::ClientId, "", &custom());
    assert_eq!(issues[0].code, IssueCode::Required);
    // Compared with the tenant in the context.
    let issues = validate_field(Field::ClientId, TENANT, &custom());
    assert_eq!(issues[0].code, IssueCode::ClientIdEqualsTenantId);
}
