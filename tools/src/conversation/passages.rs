//! Reading passages for the conversation tools: every passage matching a filter (paging past
//! one browse's limit), day ranges as index time windows, and passages as citations.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use revpulse_search::{BrowseRequest, MAX_BROWSE_LIMIT, SearchDocument, SearchFilter};

use super::chunks::short_source_type;
use crate::{DateRange, Source, ToolContext, ToolError};

/// Most passages one tool call reads; a wider question must narrow its period or filters.
pub(crate) const MAX_PASSAGES: usize = 50_000;

/// Longest snippet a citation carries, in characters.
pub(crate) const SNIPPET_CHARS: usize = 320;

/// Every passage the caller may see that matches `filter`, newest first (ties by id).
///
/// One browse returns at most [`MAX_BROWSE_LIMIT`] passages, so a full page is followed by the
/// next one ending at the oldest instant of the page (that instant included, its passages
/// read again whole), until a page comes back short.
pub(crate) async fn browse_all(
    ctx: &ToolContext,
    filter: SearchFilter,
    tool: &str,
) -> Result<Vec<SearchDocument>, ToolError> {
    browse_in_pages(ctx, filter, MAX_BROWSE_LIMIT, tool).await
}

/// [`browse_all`] with pages of `page` passages.
pub(crate) async fn browse_in_pages(
    ctx: &ToolContext,
    filter: SearchFilter,
    page: usize,
    tool: &str,
) -> Result<Vec<SearchDocument>, ToolError> {
    let too_many = || ToolError::InvalidArgs {
        tool: tool.to_owned(),
        reason: format!(
            "more than {MAX_PASSAGES} passages match; narrow the period, the account or the deal"
        ),
    };
    let mut out: Vec<SearchDocument> = Vec::new();
    let mut page_filter = filter.clone();
    loop {
        let request = BrowseRequest::new(ctx.scope().retrieval())
            .filter(page_filter.clone())
            .limit(page);
        let mut passages = ctx.browse(request).await?;
        if passages.len() < page {
            out.append(&mut passages);
            return Ok(out);
        }
        let Some(oldest) = passages.last().map(|d| d.metadata.timestamp) else {
            return Ok(out);
        };
        passages.retain(|d| d.metadata.timestamp > oldest);
        if passages.is_empty() {
            return Err(too_many());
        }
        out.append(&mut passages);
        if out.len() > MAX_PASSAGES {
            return Err(too_many());
        }
        let next_end = oldest + Duration::nanoseconds(1);
        page_filter.to = Some(filter.to.map_or(next_end, |to| to.min(next_end)));
    }
}

/// The first instant of `day` (UTC).
pub(crate) fn start_of(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(chrono::NaiveTime::MIN).and_utc()
}

/// The index time window of an inclusive day range: `[from 00:00, to + 1 day 00:00)`.
pub(crate) fn window(range: DateRange) -> (DateTime<Utc>, DateTime<Utc>) {
    (start_of(range.from), start_of(range.to) + Duration::days(1))
}

/// `filter` restricted to the days of `range`.
pub(crate) fn within(filter: SearchFilter, range: DateRange) -> SearchFilter {
    let (from, to) = window(range);
    filter.between(Some(from), Some(to))
}

/// The `days` days ending on `today`, both included.
pub(crate) fn last_days(today: NaiveDate, days: i64) -> DateRange {
    DateRange {
        from: today - Duration::days(days - 1),
        to: today,
    }
}

/// The range the caller asked for (checked), or `default`.
pub(crate) fn period_or(
    period: Option<DateRange>,
    default: DateRange,
    tool: &str,
) -> Result<DateRange, ToolError> {
    period.map_or(Ok(default), |p| p.validated(tool))
}

/// At most `max` characters of `text`, cut at a word boundary with an ellipsis when longer.
pub(crate) fn excerpt(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(space) if space > max / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end())
}

/// The citation of a passage, quoting `snippet` (cut to [`SNIPPET_CHARS`]).
pub(crate) fn passage_source(doc: &SearchDocument, snippet: &str) -> Source {
    Source::Passage {
        chunk_id: doc.id.clone(),
        snippet: excerpt(snippet, SNIPPET_CHARS),
        source_type: short_source_type(&doc.metadata.source_type).to_owned(),
        timestamp: doc.metadata.timestamp.to_rfc3339(),
    }
}
