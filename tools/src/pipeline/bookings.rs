//! `bookings_arr`: bookings (deals won) in a year — to date for the current year — against the
//! same span of the year before, and ARR in force at the end of each span, by region or
//! product line.

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::as_of::{DealBook, DealHistory};
use super::directory::Directory;
use super::snapshot::largest_deals;
use super::spans::{in_force, prior_year, year_span};
use crate::{DateRange, Source, Tool, ToolContext, ToolError};

/// Won deals cited at most.
const CITED_DEALS: usize = 25;

/// How to group bookings and ARR.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BookingsGrouping {
    /// By the account's region.
    #[default]
    Region,
    /// By product line.
    ProductLine,
}

/// Arguments of [`BookingsArrTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BookingsArrArgs {
    /// Calendar year; default the current year (then measured to date).
    #[serde(default)]
    pub year: Option<i32>,
    /// Grouping: region (default) or product_line.
    #[serde(default)]
    pub group_by: BookingsGrouping,
}

/// Bookings and ARR of one group.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BookingsRow {
    /// Region id or product-line id.
    pub key: String,
    /// Display label.
    pub label: String,
    /// Won amount in the span, whole dollars.
    pub bookings: i64,
    /// Won amount in the same span a year earlier.
    pub bookings_prior: i64,
    /// (bookings − prior) / prior; absent when the prior is 0.
    pub bookings_change_rate: Option<f64>,
    /// Deals won in the span.
    pub deals_won: i64,
    /// Deals won in the prior span.
    pub deals_won_prior: i64,
    /// ARR of contracts in force at the end of the span, whole dollars.
    pub arr: i64,
    /// ARR of contracts in force a year before that.
    pub arr_prior: i64,
}

/// Bookings and ARR against a year earlier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BookingsArrOutput {
    /// The year.
    pub year: i32,
    /// The grouping used.
    pub group_by: BookingsGrouping,
    /// Days whose wins count as bookings (the whole year, or the year to date).
    pub span: DateRange,
    /// The same days a year earlier.
    pub prior_span: DateRange,
    /// Groups, by bookings, largest first.
    pub rows: Vec<BookingsRow>,
    /// All groups together (key `total`).
    pub totals: BookingsRow,
    /// The largest deals won in the span.
    pub sources: Vec<Source>,
}

crate::cited_by_field!(BookingsArrOutput);

/// Bookings and ARR this year against last.
pub struct BookingsArrTool;

#[async_trait]
impl Tool for BookingsArrTool {
    const NAME: &'static str = "bookings_arr";
    const DESCRIPTION: &'static str = "Bookings (new-business and expansion deals won; \
        renewals are counted in ARR, not bookings) in a year — to date for the current year — \
        vs the same span last year, and ARR in force at the end of each span, by region or \
        product line.";
    type Args = BookingsArrArgs;
    type Output = BookingsArrOutput;

    async fn call(
        &self,
        ctx: &ToolContext,
        args: BookingsArrArgs,
    ) -> Result<BookingsArrOutput, ToolError> {
        let today = ctx.today();
        let year = args.year.unwrap_or(today.year());
        let span = year_span(year, today, Self::NAME)?;
        let prior_span = prior_year(span);
        let company = ctx.company().await?;
        let directory = Directory::new(&company);
        let book = DealBook::new(&company);
        let by = args.group_by;
        let mut rows: BTreeMap<String, BookingsRow> = BTreeMap::new();
        let mut won_in_span = Vec::new();
        for h in book.deals().iter().filter(|h| h.is_new_bookings()) {
            let Some(won) = h.won_on(today) else { continue };
            let amount = h.on(today).map_or(0, |s| s.amount);
            let (key, label) = deal_group(h, by, &directory);
            let row = rows.entry(key).or_insert_with(|| labelled(label));
            if span.contains(won) {
                row.bookings += amount;
                row.deals_won += 1;
                won_in_span.push((h, amount));
            } else if prior_span.contains(won) {
                row.bookings_prior += amount;
                row.deals_won_prior += 1;
            }
        }
        for c in &company.contracts {
            let (key, label) = match by {
                BookingsGrouping::Region => {
                    region_group(directory.account_region(&c.account_id), &directory)
                }
                BookingsGrouping::ProductLine => line_group(&c.product_line_id, &directory),
            };
            let row = rows.entry(key).or_insert_with(|| labelled(label));
            row.arr += arr_on(c, span.to);
            row.arr_prior += arr_on(c, prior_span.to);
        }
        let rows = finished(rows);
        Ok(BookingsArrOutput {
            year,
            group_by: by,
            span,
            prior_span,
            totals: total(&rows),
            rows,
            sources: largest_deals(won_in_span, CITED_DEALS),
        })
    }
}

fn arr_on(contract: &revpulse_graph::model::Contract, day: NaiveDate) -> i64 {
    if in_force(contract, day) {
        contract.arr
    } else {
        0
    }
}

fn labelled(label: String) -> BookingsRow {
    BookingsRow {
        label,
        ..BookingsRow::default()
    }
}

fn deal_group(
    h: &DealHistory<'_>,
    by: BookingsGrouping,
    directory: &Directory<'_>,
) -> (String, String) {
    match by {
        BookingsGrouping::Region => region_group(directory.region_of(h.deal), directory),
        BookingsGrouping::ProductLine => line_group(&h.deal.product_line_id, directory),
    }
}

fn region_group(region: &str, directory: &Directory<'_>) -> (String, String) {
    (region.to_owned(), directory.region_name(region).to_owned())
}

fn line_group(line: &str, directory: &Directory<'_>) -> (String, String) {
    (
        line.to_owned(),
        directory.product_line_name(line).to_owned(),
    )
}

/// The groups with anything to show, keyed and rated, largest bookings first.
fn finished(rows: BTreeMap<String, BookingsRow>) -> Vec<BookingsRow> {
    let mut out: Vec<BookingsRow> = rows
        .into_iter()
        .map(|(key, row)| BookingsRow { key, ..rated(row) })
        .filter(|r| r.bookings != 0 || r.bookings_prior != 0 || r.arr != 0 || r.arr_prior != 0)
        .collect();
    out.sort_by(|a, b| b.bookings.cmp(&a.bookings).then_with(|| a.key.cmp(&b.key)));
    out
}

fn rated(row: BookingsRow) -> BookingsRow {
    let bookings_change_rate = (row.bookings_prior != 0)
        .then(|| (row.bookings - row.bookings_prior) as f64 / row.bookings_prior as f64);
    BookingsRow {
        bookings_change_rate,
        ..row
    }
}

fn total(rows: &[BookingsRow]) -> BookingsRow {
    let mut t = labelled("Total".to_owned());
    t.key = "total".to_owned();
    for r in rows {
        t.bookings += r.bookings;
        t.bookings_prior += r.bookings_prior;
        t.deals_won += r.deals_won;
        t.deals_won_prior += r.deals_won_prior;
        t.arr += r.arr;
        t.arr_prior += r.arr_prior;
    }
    rated(t)
}
