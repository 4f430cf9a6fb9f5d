//! Everything about crossing into JavaScript: the one serializer configuration, misuse
//! errors with a code and a JSON path, and the panic hook.

use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::prelude::*;

/// The one serializer configuration for every value that crosses into JS: plain objects
/// (never ES `Map`s), `undefined` for absent optionals, numbers as JS numbers.
const SERIALIZER: serde_wasm_bindgen::Serializer =
    serde_wasm_bindgen::Serializer::json_compatible();

#[wasm_bindgen(typescript_custom_section)]
const TS_ERROR: &'static str = r#"
/** Machine-readable reason of an `AzureOnboardingError` (thrown only on misuse). */
export type MisuseCode = "invalid-argument" | "serialization-failed" | "internal-error";

/**
 * Thrown only on misuse of the API (an argument of the wrong shape) or on an internal
 * error; findings about the user's input are returned as data, never thrown.
 * Recognize it by `name === "AzureOnboardingError"`.
 */
export interface AzureOnboardingError extends Error {
  name: "AzureOnboardingError";
  /** What went wrong, stable across versions. */
  code: MisuseCode;
  /** The JSON path of the offending value, e.g. `config.tenantId`; `""` when not applicable. */
  path: string;
}
"#;

#[wasm_bindgen(inline_js = r#"
export class AzureOnboardingError extends Error {
  constructor(message, code, path) {
    super(message);
    this.name = 'AzureOnboardingError';
    this.code = code;
    this.path = path;
  }
}
export function throwInternal(message) {
  throw new AzureOnboardingError(message, 'internal-error', '');
}
"#)]
extern "C" {
    /// The JS error class of this package (an `Error` subclass).
    #[wasm_bindgen(extends = js_sys::Error)]
    pub type MisuseError;

    #[wasm_bindgen(constructor, js_class = "AzureOnboardingError")]
    fn new(message: &str, code: &str, path: &str) -> MisuseError;

    #[wasm_bindgen(js_name = throwInternal)]
    fn throw_internal(message: &str);
}

/// Deserializes an argument; on misuse, an error naming the JSON path (`config.tenantId`).
pub fn from_js<T: DeserializeOwned>(name: &str, value: JsValue) -> Result<T, JsValue> {
    let deserializer = serde_wasm_bindgen::Deserializer::from(value);
    serde_path_to_error::deserialize(deserializer).map_err(|err| {
        let inner = err.path().to_string();
        let path = if inner == "." {
            name.to_owned()
        } else {
            format!("{name}.{inner}")
        };
        // serde-wasm-bindgen renders its errors as JS errors ("Error: invalid type…").
        let inner = err.inner().to_string();
        let inner = inner.strip_prefix("Error: ").unwrap_or(&inner);
        let message = format!("{path}: {}", azure_onboarding::redact_quoted(inner));
        MisuseError::new(&message, "invalid-argument", &path).into()
    })
}

/// A failed semantic check of an argument (`plan.validate()`), as a misuse error whose path
/// is prefixed with the argument's name.
#[cfg_attr(not(feature = "assess"), allow(dead_code))]
pub fn checked(
    name: &str,
    result: Result<(), azure_onboarding::InputError>,
) -> Result<(), JsValue> {
    result.map_err(|err| {
        let path = match err.path() {
            Some(".") | None => name.to_owned(),
            Some(inner) => format!("{name}.{inner}"),
        };
        MisuseError::new(&format!("{path}: {err}"), "invalid-argument", &path).into()
    })
}

/// A misuse error about the argument at `path` (e.g. `options.authority`).
#[cfg_attr(not(all(feature = "assess", target_arch = "wasm32")), allow(dead_code))]
pub fn misuse(path: &str, message: &str) -> JsValue {
    MisuseError::new(&format!("{path}: {message}"), "invalid-argument", path).into()
}

/// Serializes a result with [`SERIALIZER`].
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&SERIALIZER).map_err(|err| {
        MisuseError::new(
            &format!("cannot convert the result: {err}"),
            "serialization-failed",
            "",
        )
        .into()
    })
}

/// A panic would otherwise end in an `unreachable` trap ("RuntimeError: unreachable")
/// that tells the page nothing, and leave an instance that std still counts as panicking.
/// The hook schedules a fresh instance for the next call (wasm-bindgen's
/// `schedule_reinit`, which works with `panic = "abort"`) and throws an
/// `AzureOnboardingError` with code `internal-error`. The exports keep no state between
/// calls, so nothing is lost with the old instance; every later call, and every later panic,
/// behaves like the first (tested with the `panic-check` build). Panics should not happen at
/// all: every validator is fed arbitrary strings by property tests. The message names the
/// source location only: a panic payload could quote user input, and that might be a secret.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        wasm_bindgen::handler::schedule_reinit();
        throw_internal(&format!(
            "internal error in @workbench/azure-onboarding{at}; this is a bug, please report it"
        ));
    }));
}
