//! `conversation_search`: hybrid (keyword + meaning) search over calls, emails, meetings and
//! ticket comments, narrowed by account, deal, competitor, region, kind and dates — the way an
//! answer finds the passages it quotes.

use async_trait::async_trait;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use revpulse_search::{FilterField, SearchHit, SearchRequest};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::chunks::short_source_type;
use super::lookup::Subject;
use super::passages::{SNIPPET_CHARS, excerpt, start_of};
use super::rivals::Rivals;
use crate::{DateRange, Source, Tool, ToolContext, ToolError};

/// Most hits one call returns.
const MAX_HITS: usize = 25;

/// A kind of conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConversationKind {
    /// Call transcripts.
    #[serde(alias = "call_transcript")]
    Call,
    /// Emails.
    Email,
    /// Meeting notes.
    Meeting,
    /// Support ticket comments.
    #[serde(alias = "ticket_comment")]
    Ticket,
}

impl ConversationKind {
    /// The source type the index stores.
    fn index_name(self) -> &'static str {
        match self {
            Self::Call => "call_transcript",
            Self::Email => "email",
            Self::Meeting => "meeting",
            Self::Ticket => "ticket_comment",
        }
    }
}

/// Arguments of [`ConversationSearchTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConversationSearchArgs {
    /// What to look for, in plain words ("pricing pushback", "SOC 2 report").
    pub query: String,
    /// Only this kind of conversation: `call`, `email`, `meeting` or `ticket`.
    #[serde(default)]
    pub source_type: Option<ConversationKind>,
    /// Only passages of this account id.
    #[serde(default)]
    pub account_id: Option<String>,
    /// Only passages of this deal id.
    #[serde(default)]
    pub deal_id: Option<String>,
    /// Only passages naming this competitor (name or alias).
    #[serde(default)]
    pub competitor: Option<String>,
    /// Only passages of accounts in this region id.
    #[serde(default)]
    pub region: Option<String>,
    /// First day included, `YYYY-MM-DD`.
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// Last day included, `YYYY-MM-DD`.
    #[serde(default)]
    pub to: Option<NaiveDate>,
    /// Most passages wanted (default 8, at most 25; larger values are capped).
    #[serde(default = "default_limit")]
    pub limit: usize,
}

fn default_limit() -> usize {
    8
}

/// A byte range of a snippet that matched the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SnippetHighlight {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// One passage found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ConversationHit {
    /// Chunk id (cite it).
    pub chunk_id: String,
    /// `call`, `email`, `meeting` or `ticket`.
    pub source_type: String,
    /// When it was said or written.
    pub timestamp: DateTime<Utc>,
    /// The account.
    pub account_id: String,
    /// The deal, if any.
    pub deal_id: Option<String>,
    /// The excerpt around the matching words.
    pub snippet: String,
    /// Where the query matched in `snippet`.
    pub highlights: Vec<SnippetHighlight>,
}

/// Output of [`ConversationSearchTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ConversationSearchOutput {
    /// Passages, best match first.
    pub hits: Vec<ConversationHit>,
    /// One passage citation per hit.
    pub sources: Vec<Source>,
}

crate::cited_by_field!(ConversationSearchOutput);

/// Searches conversation passages.
pub struct ConversationSearchTool;

#[async_trait]
impl Tool for ConversationSearchTool {
    const NAME: &'static str = "conversation_search";
    const DESCRIPTION: &'static str = "Finds call, email, meeting and ticket passages about a topic \
        (keyword and meaning), optionally for one account, deal, competitor, region, kind or date \
        range; returns cited snippets.";
    type Args = ConversationSearchArgs;
    type Output = ConversationSearchOutput;

    async fn call(&self, ctx: &ToolContext, args: Self::Args) -> Result<Self::Output, ToolError> {
        let invalid = |reason: &str| ToolError::InvalidArgs {
            tool: Self::NAME.to_owned(),
            reason: reason.to_owned(),
        };
        if args.query.trim().is_empty() {
            return Err(invalid("`query` is empty"));
        }
        let company = ctx.company().await?;
        let subject = Subject {
            account_id: args.account_id.as_deref(),
            deal_id: args.deal_id.as_deref(),
            region: args.region.as_deref(),
        };
        let mut filter = subject.filter(&company)?;
        if let Some(kind) = args.source_type {
            filter = filter.with(FilterField::SourceType, [kind.index_name()]);
        }
        if let Some(name) = &args.competitor {
            let canonical = Rivals::of(&company)?.resolve_or_not_found(name)?;
            filter = filter.with(FilterField::CompetitorMentioned, [canonical]);
        }
        if let (Some(from), Some(to)) = (args.from, args.to) {
            DateRange::new(from, to, Self::NAME)?;
        }
        filter = filter.between(
            args.from.map(start_of),
            args.to.map(|to| start_of(to) + Duration::days(1)),
        );
        let request = SearchRequest::new(args.query.trim(), ctx.scope().retrieval())
            .filter(filter)
            .limit(args.limit.clamp(1, MAX_HITS));
        let found = ctx.search(request).await?;
        Ok(ConversationSearchOutput {
            sources: found.iter().map(source_of).collect(),
            hits: found.into_iter().map(hit_of).collect(),
        })
    }
}

fn hit_of(hit: SearchHit) -> ConversationHit {
    ConversationHit {
        chunk_id: hit.chunk_id,
        source_type: short_source_type(&hit.metadata.source_type).to_owned(),
        timestamp: hit.metadata.timestamp,
        account_id: hit.metadata.account_id,
        deal_id: hit.metadata.deal_id,
        highlights: hit
            .snippet
            .highlights
            .iter()
            .map(|h| SnippetHighlight {
                start: h.start,
                end: h.end,
            })
            .collect(),
        snippet: hit.snippet.text,
    }
}

fn source_of(hit: &SearchHit) -> Source {
    Source::Passage {
        chunk_id: hit.chunk_id.clone(),
        snippet: excerpt(&hit.snippet.text, SNIPPET_CHARS),
        source_type: short_source_type(&hit.metadata.source_type).to_owned(),
        timestamp: hit.metadata.timestamp.to_rfc3339(),
    }
}
