//! [`AccessOption`]: how Workbench gets API access. A leaf: the catalog, the configuration
//! form and the plan all name it.

use core::fmt;
use core::str::FromStr;
use serde::{Deserialize, Serialize};

/// How Workbench gets API access (Step 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum AccessOption {
    /// Option 1: consent to the provider's enterprise application (recommended).
    EnterpriseApp,
    /// Option 2: your own single-tenant app registration with a client secret.
    CustomApp,
}

impl AccessOption {
    /// The JSON value: `enterpriseApp` or `customApp`.
    pub const fn as_str(self) -> &'static str {
        match self {
            AccessOption::EnterpriseApp => "enterpriseApp",
            AccessOption::CustomApp => "customApp",
        }
    }
}

impl fmt::Display for AccessOption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// As its derived `Deserialize` reads it from serde_json: `"customApp"`, or the map form
/// `{"customApp": null}`.
impl crate::json_path::Read for AccessOption {
    fn read<'a>(
        value: &'a serde_json::Value,
        at: &mut crate::json_path::At<'a>,
    ) -> Result<Self, serde_json::Error> {
        use serde::de::Error;
        use serde_json::Value;
        const OPTIONS: [AccessOption; 2] = [AccessOption::EnterpriseApp, AccessOption::CustomApp];
        const NAMES: [&str; 2] = [OPTIONS[0].as_str(), OPTIONS[1].as_str()];
        let variant = |name: &str| {
            OPTIONS
                .into_iter()
                .find(|o| o.as_str() == name)
                .ok_or_else(|| serde_json::Error::unknown_variant(name, &NAMES))
        };
        match value {
            Value::String(name) => variant(name),
            Value::Object(map) => match map.iter().next() {
                Some((name, content)) if map.len() == 1 => {
                    let option = variant(name)?;
                    at.push(crate::json_path::Segment::Key(name));
                    if !content.is_null() {
                        return Err(crate::json_path::wrong(content, "unit"));
                    }
                    at.pop();
                    Ok(option)
                }
                _ => Err(crate::json_path::wrong_value(
                    value,
                    "map with a single key",
                )),
            },
            _ => Err(crate::json_path::wrong(value, "string or map")),
        }
    }
}

/// The access option was not recognized.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the access option must be \"enterpriseApp\" (Option 1) or \"customApp\" (Option 2)")]
pub struct AccessOptionError;

impl FromStr for AccessOption {
    type Err = AccessOptionError;

    /// Accepts `enterpriseApp` / `customApp` in any case, with or without separators
    /// (`Custom App`, `custom-app`), and `option1` / `option2`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let is = |names: [&str; 3]| names.iter().any(|name| key_is(s, name));
        if is(["enterpriseapp", "enterpriseapplication", "option1"]) {
            Ok(Self::EnterpriseApp)
        } else if is(["customapp", "customapplication", "option2"]) {
            Ok(Self::CustomApp)
        } else {
            Err(AccessOptionError)
        }
    }
}

/// Whether `s`, without whitespace, `-` and `_`, and lowercased, is `name` (lowercase ASCII),
/// without building the lowercased copy (this runs on every keystroke). Only ASCII can match:
/// the one non-ASCII character whose lowercase is ASCII is the Kelvin sign (`k`), and no
/// name holds a `k`; a test compares this with the lowercased copy.
fn key_is(s: &str, name: &str) -> bool {
    let mut expected = name.bytes();
    for c in s
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_'))
    {
        if !c.is_ascii() || expected.next() != Some(c.to_ascii_lowercase() as u8) {
            return false;
        }
    }
    expected.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_option_lenient() {
        for s in [
            "customApp",
            "Custom App",
            "custom-app",
            "CUSTOMAPP",
            "option2",
        ] {
            assert_eq!(s.parse(), Ok(AccessOption::CustomApp), "{s}");
        }
        assert_eq!("Enterprise_App".parse(), Ok(AccessOption::EnterpriseApp));
        assert!("both".parse::<AccessOption>().is_err());
    }

    /// The comparison without a copy agrees with lowercasing a copy (the former rule), also
    /// for characters whose lowercase is longer or ASCII (U+0130, the Kelvin sign).
    #[test]
    fn key_is_lowercasing() {
        let names = [
            "enterpriseapp",
            "enterpriseapplication",
            "option1",
            "customapp",
            "customapplication",
            "option2",
        ];
        for s in [
            "customApp",
            "CUSTOM APP",
            "custom\u{2003}app",
            "İoption1",
            "option\u{212A}",
            "cuſtomapp",
            "customapp\u{0307}",
            "",
            "-",
            "option 1",
            "optionl",
            "Custom_App_",
            "ＣustomApp",
            "customappx",
        ] {
            let lowered: String = s
                .chars()
                .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_'))
                .flat_map(char::to_lowercase)
                .collect();
            for name in names {
                assert_eq!(key_is(s, name), lowered == name, "{s:?} {name}");
            }
        }
    }
}
