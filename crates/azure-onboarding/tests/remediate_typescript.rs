//! With the `typescript` feature, the remediation types declare their JSON shapes: `Change`
//! is a union tagged by `kind`, object IDs are `string | null`.
#![cfg(feature = "typescript")]

use azure_onboarding::{ArmTemplate, Change, ManualStep, PrincipalType, RemediationPlan};
use tsify::Tsify;

#[test]
fn declarations_match_the_json_shapes() {
    let c = Change::DECL;
    for part in [
        "kind: \"assignRole\"",
        "kind: \"createStorageAccount\"",
        "kind: \"updateStorageFirewall\"",
        "kind: \"setDiagnosticSetting\"",
        "kind: \"enableDefenderPlan\"",
        "roleDefinitionId: string",
        "principalId: string | null",
        "networkAcls: unknown",
        "categoryGroups?: string[]",
    ] {
        assert!(c.contains(part), "{part} not in {c}");
    }
    let r = RemediationPlan::DECL;
    for part in [
        "changes: Change[]",
        "manualSteps: ManualStep[]",
        "servicePrincipalObjectId: string | null",
    ] {
        assert!(r.contains(part), "{part} not in {r}");
    }
    assert!(
        ManualStep::DECL.contains("url?: string;"),
        "{}",
        ManualStep::DECL
    );
    assert!(
        PrincipalType::DECL.contains("\"ServicePrincipal\" | \"User\""),
        "{}",
        PrincipalType::DECL
    );
    assert!(
        ArmTemplate::DECL.contains("template: unknown"),
        "{}",
        ArmTemplate::DECL
    );
}
