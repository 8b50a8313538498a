//! `revpulse search`: one search over the conversation index, printed with highlights.

use std::path::Path;

use anyhow::{Context, bail};
use chrono::{NaiveDate, TimeZone, Utc};
use revpulse_search::{RetrievalScope, SearchFilter, SearchHit, SearchIndex, SearchRequest};

use super::company::default_bronze_dir;
use super::search_index;
use crate::cli::SearchArgs;

/// Runs the command.
pub async fn run(home: &Path, args: SearchArgs) -> anyhow::Result<()> {
    let request = request(&args)?;
    let bronze_dir = args
        .bronze
        .clone()
        .unwrap_or_else(|| default_bronze_dir(home));
    let index = search_index::open(home, &args.index, &bronze_dir).await?;
    let hits = index.search(&request).await?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&hits).context("serialising the hits")?
        );
        return Ok(());
    }
    if hits.is_empty() {
        println!(
            "No passage matches (mode {}, {} passages indexed).",
            request.mode.as_str(),
            index.count().await?
        );
    }
    for (rank, hit) in hits.iter().enumerate() {
        println!("{}", render_hit(rank + 1, hit));
    }
    Ok(())
}

/// The request the flags describe; bad flags are named.
fn request(args: &SearchArgs) -> anyhow::Result<SearchRequest> {
    let mode = args.mode.parse()?;
    let mut filter = SearchFilter::any();
    for condition in &args.filters {
        let Some((field, values)) = condition.split_once('=') else {
            bail!("--filter `{condition}` is not FIELD=VALUE[,VALUE…]");
        };
        let values: Vec<&str> = values
            .split(',')
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .collect();
        if values.is_empty() {
            bail!("--filter `{condition}` names no value");
        }
        filter = filter.with_named(field.trim(), values)?;
    }
    let midnight = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map(|t| Utc.from_utc_datetime(&t));
    filter = filter.between(args.from.and_then(midnight), args.to.and_then(midnight));
    let scope = if args.scope_region.is_empty()
        && args.scope_rep.is_empty()
        && args.scope_account.is_empty()
    {
        RetrievalScope::Unrestricted
    } else {
        RetrievalScope::Restricted {
            regions: args.scope_region.clone(),
            sales_reps: args.scope_rep.clone(),
            accounts: args.scope_account.clone(),
        }
    };
    let request = SearchRequest::new(args.query.clone(), scope)
        .mode(mode)
        .filter(filter)
        .limit(args.limit);
    request.validate()?;
    Ok(request)
}

/// A hit as three lines: rank, score and citation; context; the snippet with «highlights».
fn render_hit(rank: usize, hit: &SearchHit) -> String {
    let m = &hit.metadata;
    let mut context = vec![
        m.source_type.clone(),
        m.timestamp.format("%Y-%m-%d %H:%M").to_string(),
        format!("account {}", m.account_id),
    ];
    if let Some(deal) = &m.deal_id {
        context.push(format!("deal {deal}"));
    }
    if let Some(stage) = &m.stage {
        context.push(stage.clone());
    }
    context.push(format!("region {}", m.region));
    context.push(format!("rep {}", m.sales_rep));
    if !m.competitor_mentioned.is_empty() {
        context.push(format!("mentions {}", m.competitor_mentioned.join(", ")));
    }
    format!(
        "{rank:>2}. {}  (score {:.4})\n    {}\n    {}\n",
        hit.chunk_id,
        hit.score,
        context.join(" · "),
        highlighted(hit).replace('\n', "\n    ")
    )
}

fn highlighted(hit: &SearchHit) -> String {
    let text = &hit.snippet.text;
    let mut out = String::with_capacity(text.len() + 8 * hit.snippet.highlights.len());
    let mut at = 0;
    for h in &hit.snippet.highlights {
        let (Some(before), Some(marked)) = (text.get(at..h.start), text.get(h.start..h.end)) else {
            return text.clone();
        };
        out.push_str(before);
        out.push('«');
        out.push_str(marked);
        out.push('»');
        at = h.end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use revpulse_search::{DocumentMetadata, Highlight, Snippet};

    #[test]
    fn highlights_are_marked_and_bad_ranges_fall_back_to_plain_text() {
        let mut hit = SearchHit {
            chunk_id: "x#0-0".into(),
            score: 1.0,
            snippet: Snippet {
                text: "the price is high".into(),
                highlights: vec![Highlight { start: 4, end: 9 }],
            },
            metadata: DocumentMetadata::default(),
        };
        assert_eq!(highlighted(&hit), "the «price» is high");
        hit.snippet.highlights = vec![Highlight { start: 4, end: 99 }];
        assert_eq!(highlighted(&hit), "the price is high");
    }
}
