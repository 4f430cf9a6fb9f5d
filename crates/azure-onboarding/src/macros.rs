//! Small macros shared by the typed values.

/// `Serialize` through `Display` and `Deserialize` through `FromStr`: the typed values are
/// strings in JSON, checked on the way in with the same parser as everywhere else.
macro_rules! serde_via_str {
    ($t:ty) => {
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <String as serde::Deserialize>::deserialize(deserializer)?
                    .parse()
                    .map_err(serde::de::Error::custom)
            }
        }
        /// The same, without serde (see `json_path::Read`).
        impl crate::json_path::Read for $t {
            fn read<'a>(
                value: &'a serde_json::Value,
                _: &mut crate::json_path::At<'a>,
            ) -> Result<Self, serde_json::Error> {
                match value {
                    serde_json::Value::String(s) => s.parse().map_err(serde::de::Error::custom),
                    _ => Err(crate::json_path::wrong(value, "a string")),
                }
            }
        }
    };
}
