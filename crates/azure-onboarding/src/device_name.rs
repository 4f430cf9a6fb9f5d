//! The Workbench device name: the name a person gives the Azure security device.
//!
//! Rule (ours, documented here because the form does not state one): after trimming, 1 to
//! [`DEVICE_NAME_MAX_CHARS`] characters (Unicode scalar values), and no control characters
//! (tabs and line breaks included). Any other character, including spaces inside, is fine.

use core::fmt;
use core::str::FromStr;

/// The longest device name accepted, in characters.
pub const DEVICE_NAME_MAX_CHARS: usize = 64;

/// Why a device name was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeviceNameError {
    /// Blank.
    #[error("the device name is empty; give the device a name you will recognize, e.g. \"Azure production\"")]
    Empty,
    /// Too long.
    #[error("the device name has {0} characters; use at most 64")]
    TooLong(usize),
    /// Control characters (tab, line break, …).
    #[error("the device name contains a control character (tab, line break or similar); use letters, digits, spaces and punctuation only")]
    ControlCharacter,
}

impl DeviceNameError {
    /// The message as a sentence (capitalized, with a full stop), for the form's issue;
    /// written without `core::fmt`, which the light WebAssembly build leaves out.
    pub(crate) fn sentence(&self) -> String {
        match self {
            DeviceNameError::Empty => "The device name is empty; give the device a name you will recognize, e.g. \"Azure production\".".to_owned(),
            DeviceNameError::TooLong(n) => {
                let mut digits = [0u8; 20];
                let mut at = digits.len();
                let mut n = *n;
                loop {
                    at -= 1;
                    digits[at] = b'0' + (n % 10) as u8;
                    n /= 10;
                    if n == 0 {
                        break;
                    }
                }
                let number = core::str::from_utf8(&digits[at..]).unwrap_or("many");
                ["The device name has ", number, " characters; use at most 64."].concat()
            }
            DeviceNameError::ControlCharacter => "The device name contains a control character (tab, line break or similar); use letters, digits, spaces and punctuation only.".to_owned(),
        }
    }
}

/// A valid device name (trimmed).
///
/// ```
/// use azure_onboarding::DeviceName;
/// let d: DeviceName = "  Azure production ".parse().unwrap();
/// assert_eq!(d.as_str(), "Azure production");
/// assert!("line\nbreak".parse::<DeviceName>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DeviceName(String);

impl DeviceName {
    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Checks an already trimmed device name.
pub(crate) fn check(s: &str) -> Result<(), DeviceNameError> {
    // Printable ASCII (what a name nearly always is) holds no control character (those are
    // U+0000-U+001F and U+007F-U+009F) and has one character per byte: decided in one pass.
    if (1..=DEVICE_NAME_MAX_CHARS).contains(&s.len()) && s.bytes().all(|b| matches!(b, b' '..=b'~'))
    {
        return Ok(());
    }
    check_chars(s)
}

/// [`check`] character by character, for any text (what the fast path stands for).
fn check_chars(s: &str) -> Result<(), DeviceNameError> {
    let n = s.chars().count();
    if n == 0 {
        Err(DeviceNameError::Empty)
    } else if s.chars().any(char::is_control) {
        Err(DeviceNameError::ControlCharacter)
    } else if n > DEVICE_NAME_MAX_CHARS {
        Err(DeviceNameError::TooLong(n))
    } else {
        Ok(())
    }
}

impl FromStr for DeviceName {
    type Err = DeviceNameError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (clean, _) = crate::normalize::clean_text(s);
        check(clean)?;
        Ok(DeviceName(clean.to_owned()))
    }
}

impl fmt::Display for DeviceName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

serde_via_str!(DeviceName);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!("   ".parse::<DeviceName>(), Err(DeviceNameError::Empty));
        assert!("é".repeat(64).parse::<DeviceName>().is_ok());
        assert_eq!(
            "é".repeat(65).parse::<DeviceName>(),
            Err(DeviceNameError::TooLong(65))
        );
        assert_eq!(
            "a\tb".parse::<DeviceName>(),
            Err(DeviceNameError::ControlCharacter)
        );
    }

    /// The printable-ASCII fast path decides as the character checks do, for every character
    /// up to U+0200 in a name, alone, and at the longest length and one more.
    #[test]
    fn ascii_fast_path_agrees() {
        let slow = check_chars;
        assert_eq!(check(""), slow(""));
        for c in (0u32..=0x200).filter_map(char::from_u32) {
            for s in [
                format!("Azure{c}prod"),
                c.to_string(),
                format!("{}{c}", "a".repeat(DEVICE_NAME_MAX_CHARS - 1)),
                format!("{}{c}", "a".repeat(DEVICE_NAME_MAX_CHARS)),
            ] {
                assert_eq!(check(&s), slow(&s), "{s:?}");
            }
        }
    }

    /// The sentence is the error's message, capitalized, with a full stop.
    #[test]
    fn sentence_is_the_message() {
        for e in [
            DeviceNameError::Empty,
            DeviceNameError::TooLong(65),
            DeviceNameError::TooLong(0),
            DeviceNameError::TooLong(usize::MAX),
            DeviceNameError::ControlCharacter,
        ] {
            let message = e.to_string();
            let expected = format!("{}{}.", message[..1].to_uppercase(), &message[1..]);
            assert_eq!(e.sentence(), expected);
        }
    }
}
