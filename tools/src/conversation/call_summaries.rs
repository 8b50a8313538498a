//! `call_summaries`: the latest calls of an account or a deal, each with its date,
//! participants, key points, objections, next steps and competitors — "summarize the last 5
//! calls for this account", every item cited to its transcript chunk.

use std::collections::{BTreeMap, HashMap};

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use revpulse_graph::model::CompanyDataset;
use revpulse_search::{FilterField, SearchDocument};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::call_digest::{CallObjection, CitedSentence, Digest, digest};
use super::chunks::span;
use super::lookup::Subject;
use super::passages::{browse_all, passage_source};
use super::rivals::Rivals;
use super::statements::Voices;
use crate::{Source, Tool, ToolContext, ToolError};

/// Most calls one request summarises.
const MAX_CALLS: usize = 20;

/// Most citations an output carries.
const MAX_SOURCES: usize = 50;

/// Arguments of [`CallSummariesTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CallSummariesArgs {
    /// The account whose calls to summarise (this or `deal_id` is required).
    #[serde(default)]
    pub account_id: Option<String>,
    /// The deal whose calls to summarise (this or `account_id` is required).
    #[serde(default)]
    pub deal_id: Option<String>,
    /// How many of the latest calls (default 5, at most 20).
    #[serde(default = "default_limit")]
    pub limit: usize,
}

fn default_limit() -> usize {
    5
}

/// One call, summarised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CallSummary {
    /// The call activity (the transcript's id when the activity record is not visible).
    pub activity_id: String,
    /// The transcript, the source id of the call's chunks.
    pub transcript_id: String,
    /// Day of the call.
    pub date: NaiveDate,
    /// The meeting title, when the activity record is visible.
    pub title: Option<String>,
    /// The deal the call was about, if any.
    pub deal_id: Option<String>,
    /// Speaker names read from the transcript's `Name:` line prefixes, in order of first
    /// appearance (sellers and buyers alike).
    pub participants: Vec<String>,
    /// Up to 5 sentences with the most topic cues (pricing, features, competitors, security,
    /// integration, process, timing, expansion), in conversation order.
    pub key_points: Vec<CitedSentence>,
    /// Up to 5 objections the buyer raised, in conversation order.
    pub objections: Vec<CallObjection>,
    /// Up to 5 commitments ("I'll send…", "next step…", "by Friday"), in conversation order.
    pub next_steps: Vec<CitedSentence>,
    /// Competitors named on the call.
    pub competitors: Vec<String>,
}

/// Output of [`CallSummariesTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CallSummariesOutput {
    /// The latest calls, newest first.
    pub calls: Vec<CallSummary>,
    /// Calls on record for the account or deal (all of them, not only those summarised).
    pub calls_on_record: usize,
    /// The account or deal and the chunks every item cites.
    pub sources: Vec<Source>,
}

crate::cited_by_field!(CallSummariesOutput);

/// Summarises the latest calls of an account or deal.
pub struct CallSummariesTool;

#[async_trait]
impl Tool for CallSummariesTool {
    const NAME: &'static str = "call_summaries";
    const DESCRIPTION: &'static str = "Summarises the latest recorded calls of an account or deal: \
        date, participants, key points, objections, next steps and competitors, each cited to its \
        transcript passage.";
    type Args = CallSummariesArgs;
    type Output = CallSummariesOutput;

    async fn call(&self, ctx: &ToolContext, args: Self::Args) -> Result<Self::Output, ToolError> {
        if args.account_id.is_none() && args.deal_id.is_none() {
            return Err(ToolError::InvalidArgs {
                tool: Self::NAME.to_owned(),
                reason: "give `account_id` or `deal_id`".to_owned(),
            });
        }
        let company = ctx.company().await?;
        let subject = Subject {
            account_id: args.account_id.as_deref(),
            deal_id: args.deal_id.as_deref(),
            region: None,
        };
        let filter = subject
            .filter(&company)?
            .with(FilterField::SourceType, ["call_transcript"]);
        let chunks = browse_all(ctx, filter, Self::NAME).await?;
        let calls = calls_newest_first(&company, &chunks);
        let rivals = Rivals::of(&company).ok();
        let voices = Voices::of(&company);
        let mut sources = subject_sources(&company, &subject);
        let mut summaries = Vec::new();
        for call in calls.iter().take(args.limit.clamp(1, MAX_CALLS)) {
            let digest = digest(&call.chunks, rivals.as_ref(), &voices);
            cite(&digest, &call.chunks, &mut sources);
            summaries.push(call.summary(digest));
        }
        sources.truncate(MAX_SOURCES);
        Ok(CallSummariesOutput {
            calls: summaries,
            calls_on_record: calls.len(),
            sources,
        })
    }
}

/// One call's chunks and what the records say about it.
struct Call<'d> {
    transcript_id: &'d str,
    activity_id: String,
    started: DateTime<Utc>,
    title: Option<String>,
    deal_id: Option<String>,
    chunks: Vec<&'d SearchDocument>,
}

impl Call<'_> {
    fn summary(&self, digest: Digest) -> CallSummary {
        CallSummary {
            activity_id: self.activity_id.clone(),
            transcript_id: self.transcript_id.to_owned(),
            date: self.started.date_naive(),
            title: self.title.clone(),
            deal_id: self.deal_id.clone(),
            participants: digest.participants,
            key_points: digest.key_points,
            objections: digest.objections,
            next_steps: digest.next_steps,
            competitors: digest.competitors,
        }
    }
}

/// The chunks grouped by call, newest call first (ties by transcript id).
fn calls_newest_first<'d>(company: &CompanyDataset, chunks: &'d [SearchDocument]) -> Vec<Call<'d>> {
    let mut by_source: BTreeMap<&str, Vec<&SearchDocument>> = BTreeMap::new();
    for chunk in chunks {
        by_source
            .entry(span(&chunk.id).source_id)
            .or_default()
            .push(chunk);
    }
    let activity_of: HashMap<&str, &str> = company
        .transcripts
        .iter()
        .map(|t| (t.id.as_str(), t.activity_id.as_str()))
        .collect();
    let mut calls: Vec<Call<'d>> = by_source
        .into_iter()
        .map(|(transcript_id, chunks)| {
            let activity_id = activity_of.get(transcript_id).copied();
            let activity =
                activity_id.and_then(|id| company.activities.iter().find(|a| a.id == id));
            let first_said = chunks.iter().map(|c| c.metadata.timestamp).min();
            Call {
                transcript_id,
                activity_id: activity_id.unwrap_or(transcript_id).to_owned(),
                started: activity.map(|a| a.at).or(first_said).unwrap_or_default(),
                title: activity.map(|a| a.subject.clone()),
                deal_id: chunks.iter().find_map(|c| c.metadata.deal_id.clone()),
                chunks,
            }
        })
        .collect();
    calls.sort_by(|a, b| {
        b.started
            .cmp(&a.started)
            .then(a.transcript_id.cmp(b.transcript_id))
    });
    calls
}

/// The account and deal asked about, as record citations.
fn subject_sources(company: &CompanyDataset, subject: &Subject<'_>) -> Vec<Source> {
    let account = subject
        .account_id
        .and_then(|id| company.accounts.iter().find(|a| a.id == id))
        .map(|a| Source::record("Account", &a.id, &a.name));
    let deal = subject
        .deal_id
        .and_then(|id| company.opportunities.iter().find(|o| o.id == id))
        .map(|o| Source::record("Opportunity", &o.id, &o.name));
    account.into_iter().chain(deal).collect()
}

/// Adds a passage citation for every chunk the digest quotes (once each), quoting its first
/// item.
fn cite(digest: &Digest, chunks: &[&SearchDocument], sources: &mut Vec<Source>) {
    let quoted = digest
        .key_points
        .iter()
        .chain(&digest.next_steps)
        .map(|s| (&s.chunk_id, &s.text))
        .chain(digest.objections.iter().map(|o| (&o.chunk_id, &o.text)));
    for (chunk_id, text) in quoted {
        if sources.iter().any(|s| s.id() == chunk_id) {
            continue;
        }
        if let Some(doc) = chunks.iter().find(|c| &c.id == chunk_id) {
            sources.push(passage_source(doc, text));
        }
    }
}
