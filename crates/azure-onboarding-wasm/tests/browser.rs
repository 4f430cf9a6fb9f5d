//! wasm-bindgen tests that run in headless Chromium.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn version_is_reported_in_the_browser() {
    let v = azure_onboarding_wasm::version();
    assert!(!v.is_empty());
    assert_eq!(v, env!("CARGO_PKG_VERSION"));
}
