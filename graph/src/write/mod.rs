//! Batched, idempotent writes: every record kind knows its `UNWIND $rows … MERGE` statement,
//! and the batch writer sends records in transactions of a configurable size with retries.

mod batch;
mod export;
mod records_customer;
mod records_deal;
mod records_marketing;
mod records_org;
mod row;

pub use batch::{BatchProgress, WriteStats};
pub use export::{WriteBatchExport, export_batches};

use neo4rs::BoltMap;

/// A record kind the graph can store. Implemented in this crate for every domain type; the
/// statement is a constant, so no Cypher is ever assembled from data.
pub trait GraphRecord: private::Sealed {
    /// The record kind's name in messages and reports, e.g. `"Opportunity"`.
    const KIND: &'static str;
    /// The parameterised statement, reading one record per element of `$rows`.
    const CYPHER: &'static str;
    /// The record as one element of `$rows`.
    fn to_row(&self) -> BoltMap;
}

mod private {
    /// Only this crate's domain types are graph records.
    pub trait Sealed {}
}

/// Implements the seal for the listed domain types.
macro_rules! sealed {
    ($($t:ty),* $(,)?) => { $(impl private::Sealed for $t {})* };
}

use crate::model::*;
sealed!(
    ChunkRef,
    Region,
    Team,
    User,
    ProductLine,
    Product,
    Competitor,
    Account,
    Contact,
    Contract,
    UsageSnapshot,
    Ticket,
    Opportunity,
    OpportunityContact,
    StageChange,
    AmountChange,
    CloseDateChange,
    ForecastCategoryChange,
    Campaign,
    Lead,
    Touch,
    Activity,
    Transcript,
);
