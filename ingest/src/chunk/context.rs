//! Lookups built once per company (accounts, deals, people's names, stage history, the
//! competitor matcher) and the one place chunks are assembled from a passage and its context.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use revpulse_graph::model::{Account, Activity, Opportunity, Stage};

use super::competitors::CompetitorMatcher;
use super::config::{ChunkError, ChunkingConfig};
use super::record::{Chunk, ChunkMetadata, SourceType, chunk_id};
use super::split::split_to_fit;
use super::tokens::TokenCounter;
use crate::dataset::CompanyDataset;

/// One deal's stage history as (time, sequence, new stage), sorted by time then sequence.
type StageHistory = Vec<(DateTime<Utc>, u32, Stage)>;

/// Everything chunking needs to look up, indexed by id.
pub struct Lookups<'a> {
    /// The budget and overlap.
    pub config: &'a ChunkingConfig,
    /// The tokenizer estimate in use.
    pub counter: &'a dyn TokenCounter,
    accounts: HashMap<&'a str, &'a Account>,
    deals: HashMap<&'a str, &'a Opportunity>,
    activities: HashMap<&'a str, &'a Activity>,
    names: HashMap<&'a str, &'a str>,
    stages: HashMap<&'a str, StageHistory>,
    competitors: CompetitorMatcher,
}

/// Who and what a source record is about; shared by all its chunks.
pub struct SourceContext<'a> {
    /// The source's id (transcript, activity or ticket id).
    pub source_id: &'a str,
    /// The account.
    pub account: &'a Account,
    /// The deal, if any.
    pub deal: Option<&'a Opportunity>,
    /// The seller's user id.
    pub sales_rep: &'a str,
    /// The kind of source.
    pub source_type: SourceType,
}

impl<'a> Lookups<'a> {
    /// Indexes a company's records.
    pub fn new(
        data: &'a CompanyDataset,
        config: &'a ChunkingConfig,
        counter: &'a dyn TokenCounter,
    ) -> Self {
        let mut names: HashMap<&str, &str> = HashMap::new();
        for u in &data.users {
            names.insert(u.id.as_str(), u.name.as_str());
        }
        for c in &data.contacts {
            names.insert(c.id.as_str(), c.name.as_str());
        }
        let mut stages: HashMap<&str, StageHistory> = HashMap::new();
        for s in &data.stage_changes {
            stages
                .entry(s.opportunity_id.as_str())
                .or_default()
                .push((s.at, s.seq, s.to));
        }
        for history in stages.values_mut() {
            history.sort_by_key(|&(at, seq, _)| (at, seq));
        }
        Self {
            config,
            counter,
            accounts: data.accounts.iter().map(|a| (a.id.as_str(), a)).collect(),
            deals: data
                .opportunities
                .iter()
                .map(|o| (o.id.as_str(), o))
                .collect(),
            activities: data.activities.iter().map(|a| (a.id.as_str(), a)).collect(),
            names,
            stages,
            competitors: CompetitorMatcher::new(&data.competitors),
        }
    }

    /// The activity with this id, or a [`ChunkError::MissingRecord`] blaming `source_id`.
    pub fn activity(&self, source_id: &str, id: &str) -> Result<&'a Activity, ChunkError> {
        self.activities
            .get(id)
            .copied()
            .ok_or_else(|| missing(source_id, "activity", id))
    }

    /// The account with this id, or a [`ChunkError::MissingRecord`] blaming `source_id`.
    pub fn account(&self, source_id: &str, id: &str) -> Result<&'a Account, ChunkError> {
        self.accounts
            .get(id)
            .copied()
            .ok_or_else(|| missing(source_id, "account", id))
    }

    /// The deal with this id, if any, or a [`ChunkError::MissingRecord`] when the id is
    /// dangling.
    pub fn deal(
        &self,
        source_id: &str,
        id: Option<&str>,
    ) -> Result<Option<&'a Opportunity>, ChunkError> {
        id.map(|id| {
            self.deals
                .get(id)
                .copied()
                .ok_or_else(|| missing(source_id, "opportunity", id))
        })
        .transpose()
    }

    /// The context of an activity's chunks.
    pub fn activity_context(
        &self,
        source_id: &'a str,
        activity: &'a Activity,
        source_type: SourceType,
    ) -> Result<SourceContext<'a>, ChunkError> {
        Ok(SourceContext {
            source_id,
            account: self.account(source_id, &activity.account_id)?,
            deal: self.deal(source_id, activity.opportunity_id.as_deref())?,
            sales_rep: &activity.user_id,
            source_type,
        })
    }

    /// A person's display name (user or contact), or their id when unknown.
    pub fn name_of<'b>(&self, person_id: &'b str) -> &'b str
    where
        'a: 'b,
    {
        self.names.get(person_id).copied().unwrap_or(person_id)
    }

    /// The deal's stage as of `at`: the latest stage change at or before it.
    pub fn stage_as_of(&self, deal_id: &str, at: DateTime<Utc>) -> Option<Stage> {
        let history = self.stages.get(deal_id)?;
        let n = history.partition_point(|&(t, _, _)| t <= at);
        n.checked_sub(1).map(|i| history[i].2)
    }

    /// A chunk of `text` covering passages `first..=last` (piece suffix when cut).
    pub fn chunk(
        &self,
        ctx: &SourceContext<'_>,
        span: (usize, usize, Option<usize>),
        text: String,
        timestamp: DateTime<Utc>,
    ) -> Chunk {
        let (first, last, piece) = span;
        let metadata = ChunkMetadata {
            deal_id: ctx.deal.map(|d| d.id.clone()),
            account_id: ctx.account.id.clone(),
            stage: ctx.deal.and_then(|d| self.stage_as_of(&d.id, timestamp)),
            region: ctx.account.region_id.clone(),
            product_line: ctx.deal.map(|d| d.product_line_id.clone()),
            sales_rep: ctx.sales_rep.to_string(),
            competitor_mentioned: self.competitors.mentioned(&text),
            source_type: ctx.source_type,
            timestamp,
        };
        Chunk {
            id: chunk_id(ctx.source_id, first, last, piece),
            source_id: ctx.source_id.to_string(),
            first_passage: first,
            last_passage: last,
            tokens: self.counter.count(&text),
            text,
            metadata,
        }
    }

    /// Chunks for one passage `prefix + body`: one chunk when it fits, otherwise the body is
    /// cut (each piece keeps the prefix) into pieces with ids suffixed `.1`, `.2`, ….
    pub fn passage(
        &self,
        ctx: &SourceContext<'_>,
        index: usize,
        prefix: &str,
        body: &str,
        timestamp: DateTime<Utc>,
        out: &mut Vec<Chunk>,
    ) -> Result<(), ChunkError> {
        let max = self.config.max_tokens;
        let whole = format!("{prefix}{body}");
        if self.counter.count(&whole) <= max {
            out.push(self.chunk(ctx, (index, index, None), whole, timestamp));
            return Ok(());
        }
        let pieces =
            split_to_fit(body, prefix, max, self.counter).ok_or_else(|| ChunkError::CannotFit {
                source_id: ctx.source_id.to_string(),
                max_tokens: max,
            })?;
        for (k, piece) in pieces.into_iter().enumerate() {
            let text = format!("{prefix}{piece}");
            out.push(self.chunk(ctx, (index, index, Some(k + 1)), text, timestamp));
        }
        Ok(())
    }
}

/// A [`ChunkError::MissingRecord`].
fn missing(source_id: &str, kind: &'static str, id: &str) -> ChunkError {
    ChunkError::MissingRecord {
        source_id: source_id.to_string(),
        kind,
        missing_id: id.to_string(),
    }
}
