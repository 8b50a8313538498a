//! Building one `UNWIND` row (a Bolt map) from a record, field by field.

use neo4rs::{BoltMap, BoltString, BoltType};

/// Accumulates the properties of one row sent in `$rows`.
#[derive(Debug, Default)]
pub(crate) struct RowBuilder(BoltMap);

impl RowBuilder {
    /// An empty row.
    pub(crate) fn new() -> Self {
        Self(BoltMap::with_capacity(16))
    }

    /// Adds one property.
    pub(crate) fn with(mut self, key: &str, value: impl Into<BoltType>) -> Self {
        self.0.put(BoltString::from(key), value.into());
        self
    }

    /// Adds a property that may be absent (sent as `null`).
    pub(crate) fn with_opt<T: Into<BoltType>>(self, key: &str, value: Option<T>) -> Self {
        match value {
            Some(v) => self.with(key, v),
            None => self.with(key, BoltType::Null(neo4rs::BoltNull)),
        }
    }

    /// Adds a list of strings.
    pub(crate) fn with_strings(self, key: &str, values: &[String]) -> Self {
        let list: Vec<BoltType> = values.iter().map(|v| BoltType::from(v.as_str())).collect();
        self.with(key, BoltType::List(neo4rs::BoltList::from(list)))
    }

    /// The finished row.
    pub(crate) fn build(self) -> BoltMap {
        self.0
    }
}
