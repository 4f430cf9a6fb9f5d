//! WebAssembly facade of the Azure onboarding SDK (npm: `@workbench/azure-onboarding`).
//!
//! Thin by design: every export reads its input (see [`boundary`] and [`data`]), calls the
//! core crate and returns the result as plain JS objects ([`results`]; serde_json text in the
//! full build's assessment, remediation and collection). Findings are returned as
//! data (`ValidationReport`, `Issue[]`); only misuse (wrong argument types, an unknown field
//! name) throws, as an `AzureOnboardingError` with a `code` and the JSON `path`.
//! Logic belongs in `azure-onboarding`, not here.
//!
//! The light build's catalog is not in the module (see `TS_CATALOG`).
//!
//! Two builds come out of this crate: the default one (validation, catalog, tenant lookup)
//! that a settings page loads, and one with the `assess` feature that adds the command
//! filling (`fillCommand`, `checkCommandValues`), the readiness assessment, remediation and
//! live collection (`collect`, with tokens the caller obtained), several times larger, for
//! the onboarding wizard (npm: `…/full`).

#[cfg(feature = "assess")]
mod assessment;
#[cfg(feature = "assess")]
pub use assessment::{assess, remediate};
mod boundary;
#[cfg(all(feature = "assess", target_arch = "wasm32"))]
mod collection;
mod data;
mod results;
#[cfg(all(feature = "assess", target_arch = "wasm32"))]
pub use collection::collect;
mod tenant_lookup;

use azure_onboarding::Field;
use boundary::{
    field_value_arg, misuse, string_arg, with_form, with_form_fields, FormName, MAX_FIELD_CHARS,
};
use wasm_bindgen::prelude::*;

/// The allocator of the module: talc instead of Rust's default dlmalloc (single-threaded
/// WebAssembly: no atomics). Measured (issue 15): light module 49,619 -> 47,566 B gzipped,
/// full 285,744 -> 284,460 B; validateConfig and validateField as fast (0.95-1.01x, one
/// bench/validate.bench.mjs run beside the dlmalloc build).
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Installs the panic hook when the module starts (see [`boundary::install_panic_hook`]).
/// Not in a build with `-Cpanic=immediate-abort` (what `cargo xtask wasm` makes where it
/// builds std): there a panic is a trap at once, and the glue turns the trap into the same
/// `AzureOnboardingError` on a fresh instance (see `guard_traps` in crates/xtask/src/wasm.rs).
#[wasm_bindgen(start, skip_typescript)]
fn start() {
    #[cfg(not(panic = "immediate-abort"))]
    boundary::install_panic_hook();
}

/// The SDK version (the same as the core crate's and the npm package's).
#[wasm_bindgen]
pub fn version() -> String {
    azure_onboarding::version().to_owned()
}

/// Validates a Workbench configuration (the Step 5 form) and returns a `ValidationReport`.
/// Throws only when `config` is not an object of optional strings.
#[wasm_bindgen(js_name = validateConfig, unchecked_return_type = "ValidationReport")]
pub fn validate_config_js(
    #[wasm_bindgen(unchecked_param_type = "WorkbenchConfig")] config: JsValue,
) -> JsValue {
    returned(validate_config(config))
}

/// `validateConfig` for Rust callers (the wasm-bindgen tests): misuse as `Err`.
pub fn validate_config(config: JsValue) -> Result<JsValue, JsValue> {
    with_form(FormName::Config, &config, &mut |form| {
        results::report(&azure_onboarding::validate_view(form), form)
    })
}

/// The result of an export that throws on misuse, returned as a plain value or thrown: a
/// `Result` return makes wasm-bindgen's glue build an array on every call (issue 15: 5 % of a
/// valid form's validation). The function that made `result` owned the arguments and has
/// dropped them: the throw, which unwinds no Rust frame, leaves nothing behind.
pub(crate) fn returned(result: Result<JsValue, JsValue>) -> JsValue {
    match result {
        Ok(value) => value,
        Err(error) => wasm_bindgen::throw_val(error),
    }
}

/// Validates one field as the user types, in the context of the rest of the form (for
/// example the access option decides whether the client ID is needed). Returns `Issue[]`,
/// empty when the value is fine.
///
/// (Declared by hand below only because wasm-bindgen cannot mark a typed parameter optional.)
#[wasm_bindgen(js_name = validateField, skip_typescript)]
pub fn validate_field_js(field: JsValue, value: JsValue, context: JsValue) -> JsValue {
    returned(validate_field(field, value, context))
}

/// `validateField` for Rust callers (the wasm-bindgen tests): misuse as `Err`.
pub fn validate_field(
    field: JsValue,
    value: JsValue,
    context: JsValue,
) -> Result<JsValue, JsValue> {
    field_issues(&field, &value, &context)
}

fn field_issues(field: &JsValue, value: &JsValue, context: &JsValue) -> Result<JsValue, JsValue> {
    let (field, value) = match field_value_arg(field, value) {
        Some(read) => read,
        None => (
            field_arg(field)?,
            string_arg("value", value, MAX_FIELD_CHARS)?,
        ),
    };
    // Wiped once dropped: the value may be the client secret.
    let value = zeroize::Zeroizing::new(value);
    // Undefined and null are an empty context (readForm says so); the value crosses as
    // itself, not through the glue's table of optional values.
    with_form_fields(
        FormName::Context,
        context,
        azure_onboarding::validate_field_context(field),
        &mut |context| results::issues(&azure_onboarding::validate_field(field, &value, context)),
    )
}

/// The `field` argument of `validateField`: one of the form's field names.
fn field_arg(value: &JsValue) -> Result<Field, JsValue> {
    string_arg("field", value, 64)?
        .parse()
        .map_err(|e: azure_onboarding::FieldError| misuse("field", &e.to_string()))
}

#[wasm_bindgen(typescript_custom_section)]
const TS_VALIDATE_FIELD: &'static str = r#"
/**
 * Validates one field as the user types, in the context of the rest of the form (for
 * example the access option decides whether the client ID is needed). Returns the issues
 * of that field, the same as `validateConfig` reports for it; empty when the value is fine.
 */
export function validateField(field: Field, value: string, context?: WorkbenchConfig | null): Issue[];
"#;

/// Neither module compiles `catalog()` in: the catalog is mostly prose, so the npm package
/// ships it as a JavaScript data module (`dist/catalog.js`, written by `cargo xtask wasm`
/// from the core's own serialization) that both glues re-export; a bundler drops it from
/// pages that never call `catalog()`, and a page that loads both builds (the wizard) shares
/// it (issue 15: module size). The full module still holds the prose its assessment cites,
/// but not the catalog's serializer nor the rest of its text: 5,254 B raw, 2,217 B gzipped.
#[wasm_bindgen(typescript_custom_section)]
const TS_CATALOG: &'static str = r#"
/** The onboarding procedure as data: steps and requirements, for a UI (a fresh object on each call). */
export function catalog(): Catalog;
"#;

/// `formFields()`, in both builds: `catalog().form` alone, from its own data module
/// (`dist/catalog-form.js`), for a page that shows the form without the procedure's prose.
#[wasm_bindgen(typescript_custom_section)]
const TS_FORM_FIELDS: &'static str = r#"
/** The fields of the Workbench configuration form, in form order: `catalog().form`, without the rest of the catalog (a fresh array on each call). */
export function formFields(): FormField[];
"#;

/// Fills a catalog command template (`Requirement.cli`) with the customer's identifiers:
/// one line per subscription and per Defender plan, only well-formed values, quoted where
/// the shell could misread them. Returns `{ text, missing, invalid }`. Full build only
/// (issue 15): a settings form never fills commands, and the wizard that does loads the
/// full module for "Check my tenant" anyway.
#[cfg(feature = "assess")]
#[wasm_bindgen(js_name = fillCommand, unchecked_return_type = "FilledCommand")]
pub fn fill_command_js(
    #[wasm_bindgen(unchecked_param_type = "string")] template: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CommandValues")] values: JsValue,
) -> JsValue {
    returned(fill_command(template, values))
}

/// `fillCommand` for Rust callers: misuse as `Err`.
#[cfg(feature = "assess")]
pub fn fill_command(template: JsValue, values: JsValue) -> Result<JsValue, JsValue> {
    let template = string_arg("template", &template, 64 * 1024)?;
    let values = data::command_values(&values)?;
    Ok(results::filled(&azure_onboarding::catalog::fill_command(
        &template, &values,
    )))
}

/// Checks the identifiers typed for the command templates: one `ValueProblem`
/// (`{ input, index?, message }`) per value `fillCommand` would leave out, to show where it
/// was typed. Full build only, as `fillCommand`.
#[cfg(feature = "assess")]
#[wasm_bindgen(js_name = checkCommandValues, unchecked_return_type = "ValueProblem[]")]
pub fn check_command_values_js(
    #[wasm_bindgen(unchecked_param_type = "CommandValues")] values: JsValue,
) -> JsValue {
    returned(check_command_values(values))
}

/// `checkCommandValues` for Rust callers: misuse as `Err`.
#[cfg(feature = "assess")]
pub fn check_command_values(values: JsValue) -> Result<JsValue, JsValue> {
    let values = data::command_values(&values)?;
    Ok(results::problems(
        &azure_onboarding::catalog::check_command_values(&values),
    ))
}

/// The configuration as Workbench stores it (trimmed, GUIDs canonical, values the access
/// option does not use dropped), **with the real client secret**: for the payload a host
/// sends after `validateConfig` found it valid. Never log or display the result.
#[wasm_bindgen(js_name = normalizeConfig, unchecked_return_type = "WorkbenchConfig")]
pub fn normalize_config_js(
    #[wasm_bindgen(unchecked_param_type = "WorkbenchConfig")] config: JsValue,
) -> JsValue {
    returned(normalize_config(config))
}

/// `normalizeConfig` for Rust callers: misuse as `Err`.
pub fn normalize_config(config: JsValue) -> Result<JsValue, JsValue> {
    with_form(FormName::Config, &config, &mut |form| {
        let normalized = boundary::Wiped(azure_onboarding::normalize_view(form));
        results::config(&normalized.0, form)
    })
}

/// Test-only (feature `panic-check`, never in the npm package): panics, so that tests can
/// prove the panic hook turns it into an `AzureOnboardingError` and the module recovers.
#[cfg(feature = "panic-check")]
#[wasm_bindgen(js_name = panicForTest)]
pub fn panic_for_test(secret_like: &str) -> String {
    panic!("deliberate test panic quoting {secret_like}")
}
