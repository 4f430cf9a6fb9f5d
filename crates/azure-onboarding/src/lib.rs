//! Core of the Azure onboarding SDK: the onboarding procedure as data, validation of the
//! Workbench configuration form, and (later) readiness assessment and remediation.
//!
//! Everything here is pure: no I/O, no clock, no JS types. Inputs and outputs are serde data
//! with camelCase JSON, shared by the native SDK, the `azure-onboard` CLI and the
//! WebAssembly package `@workbench/azure-onboarding`.
#![deny(missing_docs)]

/// The version of this crate, as published (also reported by the wasm package and the CLI).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The version of the SDK.
///
/// ```
/// assert_eq!(azure_onboarding::version(), env!("CARGO_PKG_VERSION"));
/// ```
pub fn version() -> &'static str {
    VERSION
}
