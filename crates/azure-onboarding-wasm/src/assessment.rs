//! Exports of the full build (feature `assess`): readiness assessment.

use crate::boundary::{checked, from_js, to_js};
use azure_onboarding::{OnboardingPlan, Snapshot};
use wasm_bindgen::prelude::*;

/// Assesses an Azure tenant from a snapshot of its state (format
/// `azure-onboarding-snapshot/v1`) against the onboarding plan: a `ReadinessReport` per step,
/// subscription and storage account. Throws only when the plan or the snapshot has the wrong
/// shape (with the JSON path, e.g. `plan.subscriptions[1]`).
#[wasm_bindgen(unchecked_return_type = "ReadinessReport")]
pub fn assess(
    #[wasm_bindgen(unchecked_param_type = "OnboardingPlan")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Snapshot")] snapshot: JsValue,
) -> Result<JsValue, JsValue> {
    let plan: OnboardingPlan = from_js("plan", plan)?;
    checked("plan", plan.validate())?;
    let snapshot: Snapshot = from_js("snapshot", snapshot)?;
    checked("snapshot", snapshot.validate())?;
    to_js(&azure_onboarding::assess(&plan, &snapshot))
}
