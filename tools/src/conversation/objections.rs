//! `objections`: the objections buyers raised in calls, emails, meetings and tickets, grouped
//! by what they are about (pricing, competitor, security, integration, procurement, timing,
//! feature gap) with how many passages raised each and verbatim quotes.

use std::collections::{BTreeMap, BTreeSet};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::lookup::Subject;
use super::passages::{browse_all, last_days, passage_source, period_or, within};
use super::rivals::Rivals;
use super::sentences::ObjectionCategory;
use super::statements::{Statement, Voices, statements};
use crate::{DateRange, Source, Tool, ToolContext, ToolError};

/// Days the default period looks back (today included).
const DEFAULT_DAYS: i64 = 90;

/// Most quotes per group.
const MAX_QUOTES: usize = 10;

/// Arguments of [`ObjectionsTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ObjectionsArgs {
    /// Only this account id.
    #[serde(default)]
    pub account_id: Option<String>,
    /// Only this deal id.
    #[serde(default)]
    pub deal_id: Option<String>,
    /// Only passages naming this competitor (name or alias).
    #[serde(default)]
    pub competitor: Option<String>,
    /// Only accounts in this region id.
    #[serde(default)]
    pub region: Option<String>,
    /// Days to read (default: the last 90 days, today included).
    #[serde(default)]
    pub period: Option<DateRange>,
    /// Quotes per category (default 3, at most 10).
    #[serde(default = "default_quotes")]
    pub quotes_per_group: usize,
}

fn default_quotes() -> usize {
    3
}

/// One objection, verbatim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ObjectionQuote {
    /// The sentence.
    pub text: String,
    /// Who said it, when the passage names the speaker.
    pub speaker: Option<String>,
    /// The chunk it is in (cite it).
    pub chunk_id: String,
    /// When it was said or written.
    pub timestamp: DateTime<Utc>,
    /// The account.
    pub account_id: String,
}

/// The objections of one category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ObjectionGroup {
    /// What they are about.
    pub category: ObjectionCategory,
    /// Passages raising at least one (words repeated by overlapping call chunks count once).
    pub count: usize,
    /// The newest distinct quotes.
    pub quotes: Vec<ObjectionQuote>,
}

/// Output of [`ObjectionsTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ObjectionsOutput {
    /// The days read.
    pub period: DateRange,
    /// Categories, most passages first (ties by name).
    pub groups: Vec<ObjectionGroup>,
    /// Passages read.
    pub passages_scanned: usize,
    /// One passage citation per quote.
    pub sources: Vec<Source>,
}

crate::cited_by_field!(ObjectionsOutput);

/// Groups the objections buyers raised.
pub struct ObjectionsTool;

#[async_trait]
impl Tool for ObjectionsTool {
    const NAME: &'static str = "objections";
    const DESCRIPTION: &'static str = "Groups the objections customers raised in calls, emails, \
        meetings and tickets by category (pricing, competitor, security, integration, procurement, \
        timing, feature gap) with counts and cited quotes; for an account, deal, competitor or \
        region.";
    type Args = ObjectionsArgs;
    type Output = ObjectionsOutput;

    async fn call(&self, ctx: &ToolContext, args: Self::Args) -> Result<Self::Output, ToolError> {
        let period = period_or(
            args.period,
            last_days(ctx.today(), DEFAULT_DAYS),
            Self::NAME,
        )?;
        let company = ctx.company().await?;
        let subject = Subject {
            account_id: args.account_id.as_deref(),
            deal_id: args.deal_id.as_deref(),
            region: args.region.as_deref(),
        };
        let filter = within(subject.filter(&company)?, period);
        let mut docs = browse_all(ctx, filter, Self::NAME).await?;
        let rivals = Rivals::of(&company).ok();
        if let Some(name) = &args.competitor {
            let rivals = rivals.as_ref().ok_or_else(|| ToolError::NotFound {
                what: "competitor",
                id: name.clone(),
            })?;
            let canonical = rivals.resolve_or_not_found(name)?;
            docs.retain(|d| rivals.named_in(&d.text).contains(&canonical));
        }
        let said = statements(&docs, rivals.as_ref(), &Voices::of(&company));
        let groups = group(&said, args.quotes_per_group.min(MAX_QUOTES));
        let sources = groups
            .iter()
            .flat_map(|g| &g.quotes)
            .filter_map(|q| {
                let doc = docs.iter().find(|d| d.id == q.chunk_id)?;
                Some(passage_source(doc, &q.text))
            })
            .collect();
        Ok(ObjectionsOutput {
            period,
            groups,
            passages_scanned: docs.len(),
            sources,
        })
    }
}

/// Counts passages per category and keeps the first `quotes` distinct sentences of each
/// (statements come newest passage first).
fn group(said: &[Statement<'_>], quotes: usize) -> Vec<ObjectionGroup> {
    let mut passages: BTreeMap<ObjectionCategory, BTreeSet<&str>> = BTreeMap::new();
    let mut quoted: BTreeMap<ObjectionCategory, Vec<ObjectionQuote>> = BTreeMap::new();
    for s in said {
        let Some(category) = s.objection() else {
            continue;
        };
        passages
            .entry(category)
            .or_default()
            .insert(s.doc.id.as_str());
        let list = quoted.entry(category).or_default();
        if list.len() < quotes && !list.iter().any(|q| q.text == s.text) {
            list.push(ObjectionQuote {
                text: s.text.to_owned(),
                speaker: s.speaker.clone(),
                chunk_id: s.doc.id.clone(),
                timestamp: s.doc.metadata.timestamp,
                account_id: s.doc.metadata.account_id.clone(),
            });
        }
    }
    let mut groups: Vec<ObjectionGroup> = passages
        .into_iter()
        .map(|(category, ids)| ObjectionGroup {
            category,
            count: ids.len(),
            quotes: quoted.remove(&category).unwrap_or_default(),
        })
        .collect();
    groups.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.category.as_str().cmp(b.category.as_str()))
    });
    groups
}
