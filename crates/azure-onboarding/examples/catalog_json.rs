//! Prints the catalog as compact JSON (the bytes `serde_json` writes, as the CLI's
//! `azure-onboard steps --format json` and the Rust SDK do). `cargo xtask wasm` runs it to
//! ship the catalog in the npm package as a JavaScript data module (`dist/catalog.js`)
//! instead of compiling the prose into the WebAssembly module (issue 15: size).

fn main() {
    let text = serde_json::to_string(azure_onboarding::catalog()).expect("the catalog serializes");
    println!("{text}");
}
