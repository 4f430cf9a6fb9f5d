//! Reading a parsed JSON value ([`serde_json::Value`]) with the JSON path of the first
//! problem (`value[0].properties.logs[1].enabled`), in two ways:
//! - [`from_value`]: serde, for the public types (plans, snapshots, configurations), through
//!   a value deserializer that keeps the path itself;
//! - [`read`]: no serde, for the parts of Azure's responses the assessment reads
//!   (`snapshot/readers.rs`) and for what the wasm package reads (the plan, the snapshot,
//!   `collect`'s options): types that implement [`Read`].
//!
//! Why not `serde_path_to_error`: it wraps every visitor of every type in a tracking
//! visitor, so each `Deserialize` impl is compiled several times over; in the browser's full
//! build that was 120 KB of the module's 707 KB (issue 15). Here the value deserializer keeps
//! the path itself, as a stack of keys and indexes that a successful value pops and a failing
//! one leaves in place, and forwards almost everything to one `deserialize_any`: each type is
//! compiled once, for this deserializer. The paths are the same as `serde_path_to_error`'s
//! (and the messages serde_json's; [`from_value`] refuses a struct given as an array, which
//! serde_json reads by position).
//!
//! Why [`Read`] beside serde: even compiled once, a derived `Deserialize` is a visitor per
//! struct and a wrapper per `deserialize_with` field, each with its own copy of this
//! deserializer's `deserialize_any`: the seventeen response readers took about 85 KB of the
//! full browser module, the plan's, snapshot's and options' about 30 KB more (issue 15). A
//! [`Read`] struct is one closure matching its keys, calling readers shared by every field of
//! the same type. Its paths and messages are serde_json's as `serde_path_to_error` reports
//! them (the response types keep a serde derive in tests only, as the reference; the public
//! types keep theirs, the Rust API).
//! Property tests (`snapshot/json_path_tests.rs`) hold both ways equal to
//! `serde_path_to_error` on mutated plans, snapshots and Azure responses.

use serde::de::{self, DeserializeOwned, DeserializeSeed, Visitor};
use serde::forward_to_deserialize_any;
use serde_json::Value;
use std::cell::RefCell;

/// One step of a JSON path.
#[derive(Debug, Clone, Copy)]
pub enum Segment<'de> {
    /// An object's member.
    Key(&'de str),
    /// An array's element.
    Index(usize),
}

/// The path to the value being read (pushed on entering a member or element, popped when it
/// was read; after an error, what is left is the path of the innermost failing value).
#[derive(Default)]
struct Path<'de> {
    stack: RefCell<Vec<Segment<'de>>>,
}

/// A problem found while reading a [`Value`]: where, and serde's message.
#[derive(Debug)]
pub(crate) struct PathError {
    /// The JSON path, `serde_path_to_error`'s notation (`a.b[2].c`; `.` for the root).
    pub path: String,
    /// serde's (serde_json's) message, e.g. ``invalid type: integer `5`, expected a string``.
    pub error: serde_json::Error,
}

/// Deserializes `T` from `value`; on failure, the path of the first problem and its message.
/// An array where a struct belongs is refused (a JSON object's members have no order; the
/// wasm package refused it before too).
pub(crate) fn from_value<T: DeserializeOwned>(value: &Value) -> Result<T, PathError> {
    let path = Path::default();
    T::deserialize(Tracked { value, path: &path }).map_err(|error| PathError {
        path: render(&path.stack.borrow()),
        error,
    })
}

/// The path being read by a [`Read`]: pushed on entering a member or element, popped when it
/// was read, left as it is on an error.
pub type At<'a> = Vec<Segment<'a>>;

/// A type read from a JSON value without serde, as its `Deserialize` reads it from serde_json:
/// the same values, errors and messages (Azure's response types, read as serde_json reads
/// them, also from an array by position; the public types refuse an array, as
/// [`from_value`] does: see [`members`]).
pub trait Read: Sized {
    /// Reads `value`, its path in `at` (left as it is on an error, with the failing value's
    /// key or index pushed).
    fn read<'a>(value: &'a Value, at: &mut At<'a>) -> Result<Self, serde_json::Error>;
}

/// Reads `T` from `value`; on failure, the path of the first problem and its message.
pub(crate) fn read<T: Read>(value: &Value) -> Result<T, PathError> {
    let mut at = At::new();
    T::read(value, &mut at).map_err(|error| PathError {
        path: render(&at),
        error,
    })
}

/// serde's "invalid type" error for `value` where `expected` belongs.
pub(crate) fn wrong(value: &Value, expected: &str) -> serde_json::Error {
    invalid("type", value, expected)
}

/// serde's "invalid value" error: `value` is of the right type but not one of `expected`.
pub(crate) fn wrong_value(value: &Value, expected: &str) -> serde_json::Error {
    invalid("value", value, expected)
}

/// serde_json's "invalid type" or "invalid value" error, in the words its `de::Error`
/// implementation writes (`null`, ``floating point `2.5` ``, otherwise serde's `Unexpected`
/// text), put together here: calling that implementation would link serde's `Unexpected`
/// Display, whose float arm (never taken by serde_json, which writes floats itself) brings
/// core's float formatting, about 5 KB, into the wasm builds.
fn invalid(what: &str, value: &Value, expected: &str) -> serde_json::Error {
    use std::fmt::Write as _;
    let mut message = format!("invalid {what}: ");
    let _ = match value {
        Value::Null => write!(message, "null"),
        Value::Bool(b) => write!(message, "boolean `{b}`"),
        Value::Number(n) if n.is_f64() => write!(message, "floating point `{n}`"),
        Value::Number(n) => write!(message, "integer `{n}`"),
        Value::String(s) => write!(message, "string {s:?}"),
        Value::Array(_) => write!(message, "sequence"),
        Value::Object(_) => write!(message, "map"),
    };
    let _ = write!(message, ", expected {expected}");
    de::Error::custom(message)
}

impl Read for String {
    fn read<'a>(value: &'a Value, _: &mut At<'a>) -> Result<Self, serde_json::Error> {
        match value {
            Value::String(s) => Ok(s.clone()),
            _ => Err(wrong(value, "a string")),
        }
    }
}

impl Read for bool {
    fn read<'a>(value: &'a Value, _: &mut At<'a>) -> Result<Self, serde_json::Error> {
        value.as_bool().ok_or_else(|| wrong(value, "a boolean"))
    }
}

/// Any value, as it is.
impl Read for Value {
    fn read<'a>(value: &'a Value, _: &mut At<'a>) -> Result<Self, serde_json::Error> {
        Ok(value.clone())
    }
}

/// `null` as `None`.
impl<T: Read> Read for Option<T> {
    fn read<'a>(value: &'a Value, at: &mut At<'a>) -> Result<Self, serde_json::Error> {
        match value {
            Value::Null => Ok(None),
            _ => T::read(value, at).map(Some),
        }
    }
}

/// (Its own loop, not [`checked_list`]'s with a check that always passes: measured, that
/// `dyn` check per element type took 1.5 KB more of the full module, gzipped.)
impl<T: Read> Read for Vec<T> {
    fn read<'a>(value: &'a Value, at: &mut At<'a>) -> Result<Self, serde_json::Error> {
        let Value::Array(items) = value else {
            return Err(wrong(value, "a sequence"));
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            at.push(Segment::Index(i));
            out.push(T::read(item, at)?);
            at.pop();
        }
        Ok(out)
    }
}

impl Read for u16 {
    fn read<'a>(value: &'a Value, _: &mut At<'a>) -> Result<Self, serde_json::Error> {
        let n = value.as_u64().map(u16::try_from);
        match (n, value.as_i64()) {
            (Some(Ok(n)), _) => Ok(n),
            // An integer out of range, as serde's u16 visitor says it.
            (Some(Err(_)), _) | (None, Some(_)) => Err(wrong_value(value, "u16")),
            (None, None) => Err(wrong(value, "u16")),
        }
    }
}

/// A value read by its type, then checked: the check's message is the error, at the value's
/// path (serde's `custom` error, as the public types' `deserialize_with` functions give it).
pub(crate) fn checked<'a, T: Read>(
    value: &'a Value,
    at: &mut At<'a>,
    check: impl FnOnce(&T) -> Result<(), &'static str>,
) -> Result<T, serde_json::Error> {
    let out = T::read(value, at)?;
    check(&out).map_err(de::Error::custom)?;
    Ok(out)
}

/// A list whose every element is read by its type, then checked, each at its own path (the
/// public types' `checked_seq`: "a list" where something else is given).
pub(crate) fn checked_list<'a, T: Read>(
    value: &'a Value,
    at: &mut At<'a>,
    check: &mut dyn FnMut(&T) -> Result<(), &'static str>,
) -> Result<Vec<T>, serde_json::Error> {
    let Value::Array(items) = value else {
        return Err(wrong(value, "a list"));
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        at.push(Segment::Index(i));
        out.push(checked(item, at, &mut *check)?);
        at.pop();
    }
    Ok(out)
}

/// A required field's value, or serde's "missing field" error.
pub(crate) fn required<T>(field: Option<T>, name: &'static str) -> Result<T, serde_json::Error> {
    field.ok_or_else(|| de::Error::missing_field(name))
}

/// The members of the struct `name` (whose fields' JSON names are `fields`, in order) in
/// `value`, as serde_json gives them to a derived `Deserialize`: an object's members by key
/// (others ignored), or, when `from_array` (as serde_json reads a struct), an array's
/// elements by position (more elements than fields is an error). `member` reads each with
/// its key or index on the path, given the field's name.
pub fn members<'a>(
    value: &'a Value,
    at: &mut At<'a>,
    (name, from_array): (&str, bool),
    fields: &[&str],
    member: &mut dyn FnMut(&str, &'a Value, &mut At<'a>) -> Result<(), serde_json::Error>,
) -> Result<(), serde_json::Error> {
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                if fields.contains(&key.as_str()) {
                    at.push(Segment::Key(key));
                    member(key, item, at)?;
                    at.pop();
                }
            }
            Ok(())
        }
        Value::Array(items) if from_array => {
            for (i, (field, item)) in fields.iter().zip(items).enumerate() {
                at.push(Segment::Index(i));
                member(field, item, at)?;
                at.pop();
            }
            if items.len() > fields.len() {
                return Err(de::Error::invalid_length(
                    items.len(),
                    &"fewer elements in array",
                ));
            }
            Ok(())
        }
        _ => Err(wrong(value, &format!("struct {name}"))),
    }
}

/// The path in `serde_path_to_error`'s notation.
fn render(path: &[Segment<'_>]) -> String {
    if path.is_empty() {
        return ".".to_owned();
    }
    let mut out = String::new();
    for (i, segment) in path.iter().enumerate() {
        match segment {
            Segment::Key(key) => {
                if i > 0 {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Index(index) => {
                out.push('[');
                out.push_str(&index.to_string());
                out.push(']');
            }
        }
    }
    out
}

/// Reads `value` as `seed` wants it, with `segment` on the path while it does.
fn enter<'de, S: DeserializeSeed<'de>>(
    seed: S,
    value: &'de Value,
    segment: Segment<'de>,
    path: &Path<'de>,
) -> Result<S::Value, serde_json::Error> {
    path.stack.borrow_mut().push(segment);
    let out = seed.deserialize(Tracked { value, path })?;
    path.stack.borrow_mut().pop();
    Ok(out)
}

/// The deserializer of one value, sharing the path with its parents.
struct Tracked<'de, 'p> {
    value: &'de Value,
    path: &'p Path<'de>,
}

/// The value's kind in serde's terms, for "invalid type" messages (serde_json's wording).
fn unexpected(value: &Value) -> de::Unexpected<'_> {
    match value {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => de::Unexpected::Unsigned(u),
            (_, Some(i), _) => de::Unexpected::Signed(i),
            (_, _, Some(f)) => de::Unexpected::Float(f),
            _ => de::Unexpected::Other("number"),
        },
        Value::String(s) => de::Unexpected::Str(s),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    }
}

impl<'de> de::Deserializer<'de> for Tracked<'de, '_> {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => {
                let len = items.len();
                let mut seq = Seq {
                    items: items.iter().enumerate(),
                    path: self.path,
                };
                let out = visitor.visit_seq(&mut seq)?;
                if seq.items.len() == 0 {
                    Ok(out)
                } else {
                    Err(de::Error::invalid_length(len, &"fewer elements in array"))
                }
            }
            Value::Object(map) => visitor.visit_map(Members {
                entries: map.iter(),
                pending: None,
                path: self.path,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self.value {
            Value::String(variant) => visitor.visit_enum(Variant {
                variant,
                value: None,
                path: self.path,
            }),
            Value::Object(map) => {
                let mut entries = map.iter();
                match (entries.next(), entries.next()) {
                    (Some((variant, value)), None) => visitor.visit_enum(Variant {
                        variant,
                        value: Some(value),
                        path: self.path,
                    }),
                    _ => Err(de::Error::invalid_value(
                        de::Unexpected::Map,
                        &"map with a single key",
                    )),
                }
            }
            other => Err(de::Error::invalid_type(unexpected(other), &"string or map")),
        }
    }

    /// A struct only from an object (serde_json also reads one from an array, by position).
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self.value {
            Value::Array(_) => Err(de::Error::invalid_type(de::Unexpected::Seq, &visitor)),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier
    }
}

/// The elements of an array, each read with its index on the path.
struct Seq<'de, 'p> {
    items: std::iter::Enumerate<std::slice::Iter<'de, Value>>,
    path: &'p Path<'de>,
}

impl<'de> de::SeqAccess<'de> for Seq<'de, '_> {
    type Error = serde_json::Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Self::Error> {
        match self.items.next() {
            Some((i, value)) => enter(seed, value, Segment::Index(i), self.path).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// The members of an object, each value read with its key on the path. A key that is
/// refused (an unknown field) is reported at the object's path, as `serde_path_to_error` does.
struct Members<'de, 'p> {
    entries: serde_json::map::Iter<'de>,
    pending: Option<(&'de str, &'de Value)>,
    path: &'p Path<'de>,
}

impl<'de> de::MapAccess<'de> for Members<'de, '_> {
    type Error = serde_json::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        match self.entries.next() {
            Some((key, value)) => {
                self.pending = Some((key, value));
                let key: de::value::BorrowedStrDeserializer<'de, serde_json::Error> =
                    de::value::BorrowedStrDeserializer::new(key);
                seed.deserialize(key).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<S::Value, Self::Error> {
        match self.pending.take() {
            Some((key, value)) => enter(seed, value, Segment::Key(key), self.path),
            None => Err(de::Error::custom(
                "a map value was asked for before its key",
            )),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// An enum as JSON spells it: `"Variant"`, or `{ "Variant": content }`.
struct Variant<'de, 'p> {
    variant: &'de str,
    value: Option<&'de Value>,
    path: &'p Path<'de>,
}

impl<'de, 'p> de::EnumAccess<'de> for Variant<'de, 'p> {
    type Error = serde_json::Error;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self), Self::Error> {
        let name: de::value::BorrowedStrDeserializer<'de, serde_json::Error> =
            de::value::BorrowedStrDeserializer::new(self.variant);
        Ok((seed.deserialize(name)?, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'de, '_> {
    type Error = serde_json::Error;

    fn unit_variant(self) -> Result<(), Self::Error> {
        match self.value {
            None => Ok(()),
            // `{ "Variant": null }`, as serde_json reads it; anything else is refused there.
            Some(value) => enter(
                std::marker::PhantomData::<()>,
                value,
                Segment::Key(self.variant),
                self.path,
            ),
        }
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<S::Value, Self::Error> {
        match self.value {
            Some(value) => enter(seed, value, Segment::Key(self.variant), self.path),
            None => Err(de::Error::invalid_type(
                de::Unexpected::UnitVariant,
                &"newtype variant",
            )),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.content(visitor, "tuple variant")
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.content(visitor, "struct variant")
    }
}

impl<'de> Variant<'de, '_> {
    /// A tuple or struct variant's content, read with the variant's name on the path.
    fn content<V: Visitor<'de>>(
        self,
        visitor: V,
        what: &'static str,
    ) -> Result<V::Value, serde_json::Error> {
        let Some(value) = self.value else {
            return Err(de::Error::invalid_type(de::Unexpected::UnitVariant, &what));
        };
        struct Any<V>(V);
        impl<'de, V: Visitor<'de>> DeserializeSeed<'de> for Any<V> {
            type Value = V::Value;
            fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
                d.deserialize_any(self.0)
            }
        }
        enter(Any(visitor), value, Segment::Key(self.variant), self.path)
    }
}
