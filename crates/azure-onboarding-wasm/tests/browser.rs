//! wasm-bindgen tests in headless Chromium (the same tests as in Node: `common/`).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod common;
