//! wasm-bindgen tests that run in Node.js.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn version_matches_the_core_crate() {
    assert_eq!(azure_onboarding_wasm::version(), env!("CARGO_PKG_VERSION"));
}
