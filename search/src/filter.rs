//! Metadata filters: a conjunction of "field is one of these values" conditions and an
//! optional time window. Backends translate a filter into their own query language; the
//! reference semantics are [`SearchFilter::matches`].

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::document::DocumentMetadata;

/// A filterable metadata field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FilterField {
    /// The deal id.
    DealId,
    /// The account id.
    AccountId,
    /// The deal stage when the passage happened.
    Stage,
    /// The region id.
    Region,
    /// The product line id.
    ProductLine,
    /// The seller's user id.
    SalesRep,
    /// A competitor named in the passage (matches when any named competitor is listed).
    CompetitorMentioned,
    /// The kind of source.
    SourceType,
}

impl FilterField {
    /// Every field, in a stable order.
    pub const ALL: [FilterField; 8] = [
        Self::DealId,
        Self::AccountId,
        Self::Stage,
        Self::Region,
        Self::ProductLine,
        Self::SalesRep,
        Self::CompetitorMentioned,
        Self::SourceType,
    ];

    /// The field's name in documents, filters and index schemas.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::DealId => "deal_id",
            Self::AccountId => "account_id",
            Self::Stage => "stage",
            Self::Region => "region",
            Self::ProductLine => "product_line",
            Self::SalesRep => "sales_rep",
            Self::CompetitorMentioned => "competitor_mentioned",
            Self::SourceType => "source_type",
        }
    }

    /// The document's values for this field (none when an optional field is absent).
    pub fn values(self, metadata: &DocumentMetadata) -> Vec<&str> {
        fn one(v: &str) -> Vec<&str> {
            vec![v]
        }
        fn opt(v: &Option<String>) -> Vec<&str> {
            v.as_deref().map(|s| vec![s]).unwrap_or_default()
        }
        match self {
            Self::DealId => opt(&metadata.deal_id),
            Self::AccountId => one(&metadata.account_id),
            Self::Stage => opt(&metadata.stage),
            Self::Region => one(&metadata.region),
            Self::ProductLine => opt(&metadata.product_line),
            Self::SalesRep => one(&metadata.sales_rep),
            Self::CompetitorMentioned => metadata
                .competitor_mentioned
                .iter()
                .map(String::as_str)
                .collect(),
            Self::SourceType => one(&metadata.source_type),
        }
    }
}

impl fmt::Display for FilterField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for FilterField {
    type Err = crate::SearchError;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str() == name)
            .ok_or_else(|| crate::SearchError::UnknownFilterField {
                field: name.to_string(),
                known: Self::ALL
                    .iter()
                    .map(|f| f.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}

/// "`field` is one of `values`". An empty value list matches nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldCondition {
    /// The field tested.
    pub field: FilterField,
    /// Accepted values.
    pub any_of: Vec<String>,
}

/// A conjunction of field conditions and an optional half-open time window `[from, to)`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SearchFilter {
    /// All must hold.
    pub conditions: Vec<FieldCondition>,
    /// Earliest timestamp accepted (inclusive).
    pub from: Option<DateTime<Utc>>,
    /// First timestamp no longer accepted (exclusive).
    pub to: Option<DateTime<Utc>>,
}

impl SearchFilter {
    /// The filter that accepts everything.
    pub fn any() -> Self {
        Self::default()
    }

    /// Adds "`field` is one of `values`".
    pub fn with<I, S>(mut self, field: FilterField, values: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.conditions.push(FieldCondition {
            field,
            any_of: values.into_iter().map(Into::into).collect(),
        });
        self
    }

    /// Adds a condition on a field named by a caller (a tool argument, an API request),
    /// rejecting names that are not filterable fields.
    pub fn with_named<I, S>(self, field: &str, values: I) -> Result<Self, crate::SearchError>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(self.with(field.parse()?, values))
    }

    /// Restricts to `[from, to)`.
    pub fn between(mut self, from: Option<DateTime<Utc>>, to: Option<DateTime<Utc>>) -> Self {
        self.from = from;
        self.to = to;
        self
    }

    /// Whether the filter accepts nothing at all (some condition has no values).
    pub fn is_empty_set(&self) -> bool {
        self.conditions.iter().any(|c| c.any_of.is_empty())
            || matches!((self.from, self.to), (Some(f), Some(t)) if f >= t)
    }

    /// The reference semantics every backend must reproduce.
    pub fn matches(&self, metadata: &DocumentMetadata) -> bool {
        let fields_ok = self.conditions.iter().all(|c| {
            let values = c.field.values(metadata);
            values.iter().any(|v| c.any_of.iter().any(|a| a == v))
        });
        let from_ok = self.from.is_none_or(|f| metadata.timestamp >= f);
        let to_ok = self.to.is_none_or(|t| metadata.timestamp < t);
        fields_ok && from_ok && to_ok
    }
}
