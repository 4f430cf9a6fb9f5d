//! Prints the catalog as compact JSON (the bytes `serde_json` writes, as the CLI's
//! `azure-onboard steps --format json` and the Rust SDK do). `cargo xtask wasm` runs it to
//! ship the catalog in the npm package as a JavaScript data module (`dist/catalog.js`)
//! instead of compiling the prose into the WebAssembly module (issue 15: size).

//!
//! With the argument `form`, prints only the catalog's `form` (the fields of the Workbench
//! configuration form), which the npm package ships apart as `dist/catalog-form.js` so that a
//! page with the form alone does not download the procedure's prose.

fn main() {
    let catalog = azure_onboarding::catalog();
    let text = match std::env::args().nth(1).as_deref() {
        Some("form") => serde_json::to_string(&catalog.form),
        _ => serde_json::to_string(catalog),
    }
    .expect("the catalog serializes");
    println!("{text}");
}
