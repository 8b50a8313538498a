//! `expansion_opportunities`: "where are our upsell opportunities?" — every visible customer
//! (a contract in force today) scored for expansion readiness, with the signals behind the
//! score, its current ARR and the product lines it does not own yet.

use std::collections::BTreeSet;

use async_trait::async_trait;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::book::{CustomerBook, after};
use super::expansion::board;
use super::region::{RegionFilter, check_limit};
use super::signals::SignalDetail;
use crate::{Source, Tool, ToolContext, ToolError};

/// Accounts cited at most.
const MAX_SOURCES: usize = 50;

fn default_limit() -> usize {
    10
}

/// Arguments of [`ExpansionOpportunitiesTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpansionOpportunitiesArgs {
    /// Only accounts in this region (region id).
    #[serde(default)]
    pub region: Option<String>,
    /// Accounts listed at most (default 10).
    #[serde(default = "default_limit")]
    pub limit: usize,
}

/// A product line to suggest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ProductLineSuggestion {
    /// Product line id.
    pub product_line_id: String,
    /// Its name.
    pub name: String,
}

/// One customer ready to buy more.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ExpansionAccount {
    /// Account id.
    pub account_id: String,
    /// Account name.
    pub name: String,
    /// Region id.
    pub region: String,
    /// Expansion score in [0, 1]: the weighted strength of the signals.
    pub expansion_score: f64,
    /// The signals that scored, strongest first.
    pub signals: Vec<SignalDetail>,
    /// ARR of the contracts in force today, whole dollars.
    pub current_arr: i64,
    /// Product lines with no contract in force today, by id.
    pub suggested_product_lines: Vec<ProductLineSuggestion>,
}

/// Upsell opportunities, highest score first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ExpansionOpportunitiesOutput {
    /// Customers with a score above 0, by score (highest first, ties by account id), at most
    /// `limit`.
    pub accounts: Vec<ExpansionAccount>,
    /// Customers (a contract in force today) that were scored.
    pub customers_considered: usize,
    /// The accounts listed.
    pub sources: Vec<Source>,
}

crate::cited_by_field!(ExpansionOpportunitiesOutput);

/// Customers ready to expand, with the signals why.
pub struct ExpansionOpportunitiesTool;

#[async_trait]
impl Tool for ExpansionOpportunitiesTool {
    const NAME: &'static str = "expansion_opportunities";
    const DESCRIPTION: &'static str = "Upsell opportunities: current customers ranked by an \
        expansion score in [0, 1] built from seat pressure, usage growth, positive tone and \
        voiced interest, with those signals in words, current ARR and product lines not yet \
        owned.";
    type Args = ExpansionOpportunitiesArgs;
    type Output = ExpansionOpportunitiesOutput;

    async fn call(
        &self,
        ctx: &ToolContext,
        args: ExpansionOpportunitiesArgs,
    ) -> Result<ExpansionOpportunitiesOutput, ToolError> {
        check_limit(Self::NAME, args.limit)?;
        let today = ctx.today();
        let company = ctx.company().await?;
        let filter = RegionFilter::resolve(ctx.scope(), &company, args.region)?;
        let readings = board(&company, today).await?;
        let book = CustomerBook::new(&company);
        let as_of = after(today);
        let mut customers_considered = 0;
        let mut accounts = Vec::new();
        for records in book.accounts().filter(|r| filter.admits(r.account)) {
            let Some(reading) = readings.get(&records.account.id) else {
                continue;
            };
            customers_considered += 1;
            if reading.score.score <= 0.0 {
                continue;
            }
            let owned: BTreeSet<&str> = records
                .in_force(today)
                .map(|c| c.product_line_id.as_str())
                .collect();
            accounts.push(ExpansionAccount {
                account_id: records.account.id.clone(),
                name: records.account.name.clone(),
                region: records.account.region_id.clone(),
                expansion_score: reading.score.score,
                signals: reading.details(records, as_of),
                current_arr: records.arr_on(today),
                suggested_product_lines: company
                    .product_lines
                    .iter()
                    .filter(|p| !owned.contains(p.id.as_str()))
                    .map(|p| ProductLineSuggestion {
                        product_line_id: p.id.clone(),
                        name: p.name.clone(),
                    })
                    .collect(),
            });
        }
        accounts.sort_by(|a, b| {
            b.expansion_score
                .total_cmp(&a.expansion_score)
                .then_with(|| a.account_id.cmp(&b.account_id))
        });
        accounts.truncate(args.limit);
        for a in &mut accounts {
            a.suggested_product_lines
                .sort_by(|x, y| x.product_line_id.cmp(&y.product_line_id));
        }
        let sources = accounts
            .iter()
            .take(MAX_SOURCES)
            .map(|a| Source::record("Account", &a.account_id, &a.name))
            .collect();
        Ok(ExpansionOpportunitiesOutput {
            accounts,
            customers_considered,
            sources,
        })
    }
}
