//! [`Keyed`]: values by text key, with one hash table type for all of them.
//!
//! Every `HashMap<String, V>` compiles its own copy of the hash table code (about 2 KB of the
//! wasm builds each: growing, probing, the entry API), whatever `V` is. `Keyed<V>` keeps the
//! table as `HashMap<String, usize>`, the type the index of a snapshot uses anyway, and the
//! values in a vector beside it: the maps of the assessment and of the inventory stand-ins
//! share one table's code (issue 15). Lookups stay O(1).
//!
//! Public but hidden, for this workspace's crates (the live crate's scheduler): not part of
//! the SDK's documented API.

use std::collections::HashMap;

/// Values by text key (see the module).
#[derive(Debug)]
pub struct Keyed<V> {
    index: HashMap<String, usize>,
    values: Vec<V>,
}

impl<V> Default for Keyed<V> {
    fn default() -> Self {
        Keyed {
            index: HashMap::new(),
            values: Vec::new(),
        }
    }
}

impl<V> Keyed<V> {
    /// The value of `key`, if any.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.index.get(key).map(|&i| &self.values[i])
    }

    /// The value of `key`, made by `make` when there is none yet.
    pub fn get_or_insert_with(&mut self, key: String, make: impl FnOnce() -> V) -> &mut V {
        let next = self.values.len();
        let i = *self.index.entry(key).or_insert(next);
        if i == next {
            self.values.push(make());
        }
        &mut self.values[i]
    }

    /// The values, in the order their keys were first inserted.
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.values.iter_mut()
    }

    /// The values, in the order their keys were first inserted.
    pub fn into_values(self) -> Vec<V> {
        self.values
    }

    /// Sets the value of `key`, replacing any it had.
    pub fn insert(&mut self, key: String, value: V) {
        match self.index.get(&key) {
            Some(&i) => self.values[i] = value,
            None => {
                self.index.insert(key, self.values.len());
                self.values.push(value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Keyed;

    #[test]
    fn keys_find_their_values_and_insert_replaces() {
        let mut k: Keyed<Vec<u8>> = Keyed::default();
        assert_eq!(k.get("a"), None);
        k.get_or_insert_with("a".into(), Vec::new).push(1);
        k.get_or_insert_with("b".into(), Vec::new).push(2);
        k.get_or_insert_with("a".into(), || unreachable!("a exists"))
            .push(3);
        assert_eq!(k.get("a"), Some(&vec![1, 3]));
        assert_eq!(k.get("b"), Some(&vec![2]));
        k.insert("b".into(), vec![9]);
        k.insert("c".into(), vec![7]);
        assert_eq!(k.get("b"), Some(&vec![9]));
        assert_eq!(k.get("c"), Some(&vec![7]));
        assert_eq!(k.get("d"), None);
        let firsts: Vec<u8> = k.values_mut().map(|v| v[0]).collect();
        assert_eq!(firsts, [1, 9, 7]);
    }
}
