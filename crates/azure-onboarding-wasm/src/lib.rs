//! WebAssembly facade of the Azure onboarding SDK.
//!
//! Thin by design: every export deserializes its input, calls the core crate and
//! serializes the result. Logic belongs in `azure-onboarding`, not here.

use wasm_bindgen::prelude::*;

/// The SDK version (the same as the core crate's and the npm package's).
#[wasm_bindgen]
pub fn version() -> String {
    azure_onboarding::version().to_owned()
}
