//! Reading typed columns out of result rows, with errors that name the query and column.

use neo4rs::Row;
use serde::Deserialize;

use crate::error::GraphError;

/// Reads column `column` of `row` as `T`.
pub(crate) fn column<'r, T: Deserialize<'r>>(
    row: &'r Row,
    query: &'static str,
    column: &str,
) -> Result<T, GraphError> {
    row.get::<T>(column).map_err(|e| GraphError::Decode {
        query,
        reason: format!("column `{column}`: {e}"),
    })
}

/// The first instant after `date` (its end, exclusive), the cut-off for "as of `date`".
pub(crate) fn end_of_day(date: chrono::NaiveDate) -> chrono::DateTime<chrono::Utc> {
    let next = date.succ_opt().unwrap_or(date);
    next.and_time(chrono::NaiveTime::MIN).and_utc()
}
