//! Storage account names: 3 to 24 lowercase letters and digits (FACTS §4, SPEC
//! `storage.json` parameter `StorageAccountName`), globally unique across Azure.

use crate::facts::storage::NAME_LENGTH;
use core::fmt;
use core::str::FromStr;

/// Why a storage account name was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageAccountNameError {
    /// Wrong length.
    #[error("a storage account name has 3 to 24 characters; this one has {0}")]
    Length(usize),
    /// Upper-case letters (Azure accepts lowercase only).
    #[error("a storage account name has lowercase letters only; write it in lowercase")]
    Uppercase,
    /// Other characters than lowercase letters and digits.
    #[error(
        "a storage account name has lowercase letters and digits only (no hyphens, dots or spaces)"
    )]
    InvalidCharacter,
}

/// A valid storage account name.
///
/// ```
/// use azure_onboarding::StorageAccountName;
/// let n: StorageAccountName = "workbenchlogs01".parse().unwrap();
/// assert_eq!(n.as_str(), "workbenchlogs01");
/// assert!("Workbench-Logs".parse::<StorageAccountName>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StorageAccountName(String);

impl StorageAccountName {
    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for StorageAccountName {
    type Err = StorageAccountNameError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if !s.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(StorageAccountNameError::InvalidCharacter);
        }
        if s.bytes().any(|b| b.is_ascii_uppercase()) {
            return Err(StorageAccountNameError::Uppercase);
        }
        if !NAME_LENGTH.contains(&s.len()) {
            return Err(StorageAccountNameError::Length(s.len()));
        }
        Ok(StorageAccountName(s.to_owned()))
    }
}

impl fmt::Display for StorageAccountName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

serde_via_str!(StorageAccountName);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!("abc".parse::<StorageAccountName>().is_ok());
        assert!("a".repeat(24).parse::<StorageAccountName>().is_ok());
        assert_eq!(
            "ab".parse::<StorageAccountName>(),
            Err(StorageAccountNameError::Length(2))
        );
        assert_eq!(
            "a".repeat(25).parse::<StorageAccountName>(),
            Err(StorageAccountNameError::Length(25))
        );
        assert_eq!(
            "Logs".parse::<StorageAccountName>(),
            Err(StorageAccountNameError::Uppercase)
        );
        assert_eq!(
            "my-logs".parse::<StorageAccountName>(),
            Err(StorageAccountNameError::InvalidCharacter)
        );
        assert_eq!(
            "é".parse::<StorageAccountName>(),
            Err(StorageAccountNameError::InvalidCharacter)
        );
    }
}
