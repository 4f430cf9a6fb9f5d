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
    pub fn as_str(self) -> &'static str {
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

/// The access option was not recognized.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the access option must be \"enterpriseApp\" (Option 1) or \"customApp\" (Option 2)")]
pub struct AccessOptionError;

impl FromStr for AccessOption {
    type Err = AccessOptionError;

    /// Accepts `enterpriseApp` / `customApp` in any case, with or without separators
    /// (`Custom App`, `custom-app`), and `option1` / `option2`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key: String = s
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_' | ' '))
            .flat_map(char::to_lowercase)
            .collect();
        match key.as_str() {
            "enterpriseapp" | "enterpriseapplication" | "option1" => Ok(Self::EnterpriseApp),
            "customapp" | "customapplication" | "option2" => Ok(Self::CustomApp),
            _ => Err(AccessOptionError),
        }
    }
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
}
