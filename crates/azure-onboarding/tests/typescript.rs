//! With the `typescript` feature, the TypeScript declarations generated from the Rust types
//! have the JSON shapes of the contracts (camelCase keys, string unions for codes).
#![cfg(feature = "typescript")]

use azure_onboarding::catalog::{Catalog, Requirement};
use azure_onboarding::{Field, Issue, IssueCode, ValidationReport, WorkbenchConfig};
use tsify::Tsify;

#[test]
fn declarations_match_the_json_contracts() {
    let code = IssueCode::DECL;
    assert!(code.contains("\"secret-id-instead-of-value\""), "{code}");
    assert!(Field::DECL.contains("\"tenantId\""), "{}", Field::DECL);
    let issue = Issue::DECL;
    assert!(issue.contains("hint?: string"), "{issue}");
    let config = WorkbenchConfig::DECL;
    assert!(config.contains("clientSecret?: string"), "{config}");
    assert!(
        config.contains("useStorageAccountContributorRole?: string"),
        "{config}"
    );
    assert!(ValidationReport::DECL.contains("normalized: NormalizedConfig"));
    assert!(
        Requirement::DECL.contains("accessOption?: AccessOption"),
        "{}",
        Requirement::DECL
    );
    assert!(Catalog::DECL.contains("steps: Step[]"));
    if std::env::var_os("PRINT_TS").is_some() {
        for d in [
            code,
            Field::DECL,
            issue,
            config,
            ValidationReport::DECL,
            Requirement::DECL,
        ] {
            println!("{d}\n");
        }
    }
}
