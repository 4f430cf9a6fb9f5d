//! The data arguments of `fillCommand`, `checkCommandValues` and the tenant lookup
//! (`CommandValues`, `TenantLookupOptions`, `LookupResponse`), read without serde: checked
//! and walked in JS (`readData` in boundary.rs), which throws the misuse error with the JSON
//! path, and passed as one compact string that is parsed here into the core's types (issue
//! 15: serde-wasm-bindgen and serde_path_to_error were in the light module only for these).
//! Both builds read them this way, so both behave the same. `CommandValues` is read only in
//! the full build (the light one has no command filling).

use crate::boundary::{data_arg, Broken, CompactReader, DataShape, MisuseError};
use azure_onboarding::authority::{LookupResponse, LookupResponseKind, TenantLookupOptions};
use azure_onboarding::catalog::CommandValues;
use wasm_bindgen::JsValue;

/// The compact text did not have the shape its JS reader writes: a bug, never the caller's.
fn broken(shape: DataShape) -> JsValue {
    MisuseError::new(
        "the argument could not be read; this is a bug, please report it",
        "internal-error",
        shape.name(),
    )
    .into()
}

/// Reads `value` as `shape` with `parse`, which must consume the whole text.
fn read<T>(
    shape: DataShape,
    value: &JsValue,
    parse: impl FnOnce(&mut CompactReader<'_>) -> Result<T, Broken>,
) -> Result<T, JsValue> {
    let text = data_arg(shape, value)?;
    let mut reader = CompactReader::new(&text).map_err(|_| broken(shape))?;
    let parsed = parse(&mut reader).map_err(|_| broken(shape))?;
    if !reader.is_done() {
        return Err(broken(shape));
    }
    Ok(parsed)
}

/// `values` of `fillCommand` and `checkCommandValues` (full build only).
#[cfg(feature = "assess")]
pub fn command_values(value: &JsValue) -> Result<CommandValues, JsValue> {
    read(DataShape::CommandValues, value, parse_command_values)
}

#[cfg_attr(not(feature = "assess"), allow(dead_code))]
fn parse_command_values(r: &mut CompactReader<'_>) -> Result<CommandValues, Broken> {
    let mut next = || r.next_opt().map(|s| s.map(str::to_owned));
    let tenant_id = next()?;
    let application_id = next()?;
    let guest_mail = next()?;
    let resource_group = next()?;
    let log_storage_account = next()?;
    let count: usize = r.next_str()?.parse().map_err(|_| Broken)?;
    // No capacity from the count: it is checked only by reading that many strings.
    let mut subscriptions = Vec::new();
    for _ in 0..count {
        subscriptions.push(r.next_str()?.to_owned());
    }
    Ok(CommandValues {
        tenant_id,
        application_id,
        guest_mail,
        resource_group,
        log_storage_account,
        subscriptions,
    })
}

/// `options` of the tenant lookup; absent, `undefined` or `null` for the defaults (the last
/// two answered by `readData`).
pub fn lookup_options(value: Option<JsValue>) -> Result<TenantLookupOptions, JsValue> {
    match value {
        Some(v) => read(DataShape::TenantLookupOptions, &v, |r| {
            let authority = r.next_opt()?.map(str::to_owned);
            let allow_loopback = match r.next_str()? {
                "1" => true,
                "0" => false,
                _ => return Err(Broken),
            };
            Ok(TenantLookupOptions {
                authority,
                allow_loopback,
            })
        }),
        None => Ok(TenantLookupOptions::default()),
    }
}

/// `response` of `tenantLookupResult`.
pub fn lookup_response(value: &JsValue) -> Result<LookupResponse, JsValue> {
    read(DataShape::LookupResponse, value, |r| {
        let kind = match r.next_str()? {
            "response" => LookupResponseKind::Response,
            "offline" => LookupResponseKind::Offline,
            "timeout" => LookupResponseKind::Timeout,
            _ => return Err(Broken),
        };
        let status = match r.next_opt()? {
            None => None,
            Some(s) => Some(s.parse::<u16>().map_err(|_| Broken)?),
        };
        let body = r.next_opt()?.map(str::to_owned);
        Ok(LookupResponse { kind, status, body })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Result<CommandValues, Broken> {
        let mut r = CompactReader::new(text)?;
        let v = parse_command_values(&mut r)?;
        if r.is_done() {
            Ok(v)
        } else {
            Err(Broken)
        }
    }

    #[test]
    fn command_values_are_read_from_the_compact_text() {
        let v = values("3,-,-,2,-,1,4;abcrg1é😀x").unwrap();
        assert_eq!(v.tenant_id.as_deref(), Some("abc"));
        assert_eq!(v.application_id, None);
        assert_eq!(v.resource_group.as_deref(), Some("rg"));
        // The count is a string too ("1"); UTF-16 lengths: é is one unit, 😀 two.
        assert_eq!(v.subscriptions, vec!["é😀x".to_owned()]);
    }

    #[test]
    fn a_malformed_text_is_broken_never_a_panic() {
        for text in [
            "",
            ";",
            "-,-,-,-,-;",
            "-,-,-,-,-,2,1;0",
            "-,-,-,-,-,x;",
            "9,-,-,-,-,0;abc",
            "1,-,-,-,-,0;😀",
            "-,-,-,-,-,0;extra",
            "-,-,-,-,-,0,-;",
            "-,-,-,-,-,1;0x",
            "-,-,-,-,-,1,1;1",
            "-,-,-,-,-,99999999999999999999999;",
        ] {
            assert!(values(text).is_err(), "{text:?}");
        }
        assert!(values("-,-,-,-,-,1;0").is_ok());
    }
}
