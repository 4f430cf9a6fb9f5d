//! wasm-bindgen tests in Node.js (the same tests as in Chromium: `common/`).
#![cfg(target_arch = "wasm32")]

mod common;
