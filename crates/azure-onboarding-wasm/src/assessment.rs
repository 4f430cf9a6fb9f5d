//! Exports of the full build (feature `assess`): readiness assessment and remediation.

use crate::boundary::{checked, from_js, to_js, DATA};
use azure_onboarding::{OnboardingPlan, Snapshot};
use wasm_bindgen::prelude::*;

/// Assesses an Azure tenant from a snapshot of its state (format
/// `azure-onboarding-snapshot/v1`) against the onboarding plan: a `ReadinessReport` per step,
/// subscription and storage account. Throws only when the plan or the snapshot has the wrong
/// shape (with the JSON path, e.g. `plan.subscriptions[1]`).
#[wasm_bindgen(js_name = assess, unchecked_return_type = "ReadinessReport")]
pub fn assess_js(
    #[wasm_bindgen(unchecked_param_type = "OnboardingPlan")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Snapshot")] snapshot: JsValue,
) -> JsValue {
    crate::returned(assess(plan, snapshot))
}

/// `assess` for Rust callers (the wasm-bindgen tests): misuse as `Err`.
pub fn assess(plan: JsValue, snapshot: JsValue) -> Result<JsValue, JsValue> {
    let plan: OnboardingPlan = from_js("plan", &plan, DATA)?;
    checked("plan", plan.validate())?;
    let snapshot: Snapshot = from_js("snapshot", &snapshot, DATA)?;
    checked("snapshot", snapshot.validate())?;
    to_js(&azure_onboarding::assess(&plan, &snapshot))
}

/// The changes that make the tenant ready, with their ARM templates (one per subscription)
/// and `az` script, plus the manual steps templates cannot do. Without a snapshot: the whole
/// setup of the plan; with one: only what the assessment found failing, nothing removed.
///
/// (Declared by hand below only because wasm-bindgen cannot mark a typed parameter optional.)
#[wasm_bindgen(js_name = remediate, skip_typescript)]
pub fn remediate_js(plan: JsValue, snapshot: Option<JsValue>) -> JsValue {
    crate::returned(remediate(plan, snapshot))
}

/// `remediate` for Rust callers (the wasm-bindgen tests): misuse as `Err`.
pub fn remediate(plan: JsValue, snapshot: Option<JsValue>) -> Result<JsValue, JsValue> {
    let plan: OnboardingPlan = from_js("plan", &plan, DATA)?;
    checked("plan", plan.validate())?;
    let snapshot: Option<Snapshot> = match snapshot {
        Some(s) if !s.is_null() => {
            let s: Snapshot = from_js("snapshot", &s, DATA)?;
            checked("snapshot", s.validate())?;
            Some(s)
        }
        _ => None,
    };
    to_js(&azure_onboarding::remediate(&plan, snapshot.as_ref()).rendered())
}

#[wasm_bindgen(typescript_custom_section)]
const TS_REMEDIATE: &'static str = r#"
/**
 * The changes that make the tenant ready, with their ARM templates (one per subscription)
 * and `az` script, plus the manual steps templates cannot do. Without a snapshot: the whole
 * setup of the plan; with one: only what the assessment found failing, nothing removed.
 */
export function remediate(plan: OnboardingPlan, snapshot?: Snapshot | null): RenderedRemediation;
"#;
