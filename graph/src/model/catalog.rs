//! What is sold and who else sells it.

use serde::{Deserialize, Serialize};

/// A product line, the unit of product-level forecasting (e.g. "Analytics Cloud").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductLine {
    /// Natural key, e.g. `"PL-ANALYTICS"`.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// A sellable product (SKU) belonging to a product line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    /// Natural key, e.g. `"P-ANALYTICS-PRO"`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The product line it rolls up to.
    pub product_line_id: String,
    /// List price per seat per year, in dollars.
    pub annual_list_price_per_seat: i64,
}

/// A competitor that shows up in deals and conversations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Competitor {
    /// Canonical name; the natural key (e.g. `"Vantora"`).
    pub name: String,
    /// Other spellings seen in text (abbreviations, old brand names).
    pub aliases: Vec<String>,
    /// What the competitor positions on ("price", "features", …).
    pub positioning: String,
}
