//! Reading the JSON inputs (plan, snapshot, configuration) from a file or standard input,
//! with a bound on what is read.
//!
//! The bound is enforced on the bytes actually read (a `Read::take`), not on file metadata:
//! `/dev/zero`, a FIFO or a growing file report a length of 0 and would otherwise be read
//! until memory runs out. A byte that can never occur in JSON text (a control character
//! other than tab, line feed and carriage return, RFC 8259 §2 and §7) ends the read at
//! once, so `--snapshot /dev/zero` fails on its first byte instead of after the limit.

use std::fmt;
use std::io::Read;

/// Why an input could not be read. Never quotes the content (a configuration holds the
/// client secret).
#[derive(Debug)]
pub enum ReadError {
    /// More than `limit` bytes were offered.
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// A byte that JSON text never contains, at this offset (0-based).
    ControlByte {
        /// Offset of the byte.
        offset: usize,
        /// The byte.
        byte: u8,
    },
    /// UTF-16 text (a byte-order mark FF FE or FE FF, or an ASCII character and a NUL as the
    /// first two bytes): what
    /// Windows PowerShell 5.1 writes with `>` and `Out-File`.
    Utf16,
    /// The bytes are not UTF-8 (JSON text must be, RFC 8259 §8.1).
    NotUtf8 {
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// The operating system refused the read.
    Io(std::io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::TooLarge { limit } => write!(
                f,
                "it is longer than the limit of {limit} bytes ({} MiB); reading stopped there",
                limit / (1024 * 1024)
            ),
            ReadError::ControlByte { offset, byte } => write!(
                f,
                "it is not JSON text: byte {offset} is the control character 0x{byte:02X}, which JSON never contains (is this a device or a binary file?)"
            ),
            ReadError::Utf16 => write!(
                f,
                "it is UTF-16 text (as Windows PowerShell 5.1's `>` and Out-File write it); JSON text must be UTF-8: save it as UTF-8, e.g. `Get-Content in.json | Set-Content -Encoding utf8 out.json`"
            ),
            ReadError::NotUtf8 { offset } => {
                write!(f, "it is not UTF-8 text (byte {offset} is not valid UTF-8)")
            }
            ReadError::Io(e) => write!(f, "{e}"),
        }
    }
}

/// Whether JSON text may contain `b` outside an escape: anything but the C0 controls other
/// than the three whitespace characters (RFC 8259: whitespace is space, tab, LF, CR, and
/// strings hold control characters only escaped).
fn json_byte(b: u8) -> bool {
    b >= 0x20 || matches!(b, b'\t' | b'\n' | b'\r')
}

/// Reads at most `limit` bytes of JSON text from `reader`: more is [`ReadError::TooLarge`]
/// (at most `limit + 1` bytes are ever read), a byte JSON never contains ends the read
/// with [`ReadError::ControlByte`].
pub fn read_bounded(reader: impl Read, limit: usize) -> Result<String, ReadError> {
    let mut reader = reader.take(limit as u64 + 1);
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(ReadError::Io(e)),
        };
        if let Some(i) = chunk[..n].iter().position(|&b| !json_byte(b)) {
            let start = if bytes.is_empty() {
                &chunk[..n]
            } else {
                &bytes[..]
            };
            // UTF-16: its byte-order mark, or (without one) an ASCII character and a NUL
            // as the first two bytes, in either order.
            let ascii = |b: u8| b != 0 && b < 0x80;
            let utf16 = start.starts_with(&[0xFF, 0xFE])
                || start.starts_with(&[0xFE, 0xFF])
                || matches!(start, [a, 0, ..] | [0, a, ..] if ascii(*a));
            if utf16 {
                return Err(ReadError::Utf16);
            }
            return Err(ReadError::ControlByte {
                offset: bytes.len() + i,
                byte: chunk[i],
            });
        }
        if bytes.len() + n > limit {
            return Err(ReadError::TooLarge { limit });
        }
        bytes.extend_from_slice(&chunk[..n]);
    }
    let mut text = String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })?;
    // A UTF-8 byte-order mark (Windows tools write one: `Set-Content -Encoding utf8`) is
    // ignored, as RFC 8259 §8.1 allows.
    if text.starts_with('\u{FEFF}') {
        text.drain(..'\u{FEFF}'.len_utf8());
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that never ends (like `/dev/zero` or `yes`), counting what was taken from it.
    struct Endless {
        byte: u8,
        served: usize,
    }

    impl Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            buf.fill(self.byte);
            self.served += buf.len();
            Ok(buf.len())
        }
    }

    #[test]
    fn reads_json_within_the_limit() {
        let text = "{\"a\":\t[1, \"é\"]}\r\n";
        assert_eq!(read_bounded(text.as_bytes(), text.len()).unwrap(), text);
    }

    #[test]
    fn an_endless_stream_of_whitespace_stops_at_the_limit() {
        let mut endless = Endless {
            byte: b' ',
            served: 0,
        };
        let err = read_bounded(&mut endless, 1000).unwrap_err();
        assert!(matches!(err, ReadError::TooLarge { limit: 1000 }), "{err}");
        assert!(endless.served <= 1001, "read {} bytes", endless.served);
        assert!(err.to_string().contains("1000 bytes"), "{err}");
    }

    #[test]
    fn an_endless_stream_of_zeros_stops_at_the_first_byte() {
        let mut endless = Endless { byte: 0, served: 0 };
        let err = read_bounded(&mut endless, usize::MAX / 2).unwrap_err();
        assert!(
            matches!(err, ReadError::ControlByte { offset: 0, byte: 0 }),
            "{err}"
        );
        assert!(err.to_string().contains("0x00"), "{err}");
    }

    #[test]
    fn exactly_the_limit_is_accepted_one_more_byte_is_not() {
        assert_eq!(read_bounded(&b"[1]"[..], 3).unwrap(), "[1]");
        assert!(matches!(
            read_bounded(&b"[1] "[..], 3),
            Err(ReadError::TooLarge { limit: 3 })
        ));
    }

    #[test]
    fn control_bytes_and_bad_utf8_are_refused_with_their_offset() {
        for b in (0u8..0x20).filter(|b| !matches!(b, b'\t' | b'\n' | b'\r')) {
            let text = [b'{', b'"', b'a', b, b'"', b'}'];
            assert!(
                matches!(read_bounded(&text[..], 100), Err(ReadError::ControlByte { offset: 3, byte }) if byte == b),
                "byte {b:#04x}"
            );
        }
        let err = read_bounded(&b"[\"\xff\"]"[..], 100).unwrap_err();
        assert!(matches!(err, ReadError::NotUtf8 { offset: 2 }), "{err}");
    }

    #[test]
    fn the_error_never_quotes_the_content() {
        let secret = "abc8Q~CANARYcanaryCANARYcanaryCANARY1234";
        for text in [
            format!("{{\"clientSecret\":\"{secret}\u{1}\"}}"),
            format!("{{\"clientSecret\":\"{secret}\"}}       "),
        ] {
            let err = read_bounded(text.as_bytes(), 50).unwrap_err().to_string();
            assert!(!err.contains("CANARY"), "{err}");
        }
    }

    #[test]
    fn a_utf8_byte_order_mark_is_ignored_and_utf16_is_named() {
        let bom = b"\xEF\xBB\xBF{\"a\": 1}";
        assert_eq!(read_bounded(&bom[..], 100).unwrap(), "{\"a\": 1}");
        // Only at the start: anywhere else it stays (and the JSON parser says where).
        assert_eq!(
            read_bounded(&b" \xEF\xBB\xBF"[..], 100).unwrap(),
            " \u{FEFF}"
        );
        let le: Vec<u8> = "\u{FEFF}{\"a\": 1}"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "\u{FEFF}{\"a\": 1}"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let le_no_bom: Vec<u8> = "{\"a\": 1}"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        for bytes in [le, be, le_no_bom] {
            let err = read_bounded(&bytes[..], 100).unwrap_err();
            assert!(matches!(err, ReadError::Utf16), "{err}");
            assert!(err.to_string().contains("save it as UTF-8"), "{err}");
        }
        // A NUL further in is a control character, as before.
        let err = read_bounded(&b"{\"a\": \x00}"[..], 100).unwrap_err();
        assert!(
            matches!(err, ReadError::ControlByte { offset: 6, byte: 0 }),
            "{err}"
        );
    }
}
