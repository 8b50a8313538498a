//! Call transcripts → overlapping windows of whole speaker turns within the token budget; a
//! single turn over the budget is cut into pieces that keep its turn index.

use chrono::{Duration, Utc};
use revpulse_graph::model::Transcript;

use super::config::ChunkError;
use super::context::{Lookups, SourceContext};
use super::record::{Chunk, SourceType};

/// Appends the chunks of one transcript to `out`.
///
/// Turns are packed into a window until the next one would push it over the budget. The
/// next window starts `overlap_turns` turns before the end of the previous one, moved later
/// if needed so it always takes at least one new turn (and so always advances).
pub fn chunk_transcript(
    look: &Lookups<'_>,
    transcript: &Transcript,
    out: &mut Vec<Chunk>,
) -> Result<(), ChunkError> {
    let activity = look.activity(&transcript.id, &transcript.activity_id)?;
    let ctx = look.activity_context(&transcript.id, activity, SourceType::CallTranscript)?;
    let turns = &transcript.turns;
    let prefixes: Vec<String> = turns
        .iter()
        .map(|t| format!("{}: ", look.name_of(&t.person_id)))
        .collect();
    let lines: Vec<String> = turns
        .iter()
        .zip(&prefixes)
        .map(|(t, p)| format!("{p}{}", t.text))
        .collect();
    let cost: Vec<usize> = lines.iter().map(|l| look.counter.count(l)).collect();
    let max = look.config.max_tokens;
    let at = |i: usize| activity.at + Duration::seconds(turns[i].offset_seconds);
    let mut start = 0;
    while start < turns.len() {
        let mut end = start;
        if cost[start] > max {
            look.passage(
                &ctx,
                start,
                &prefixes[start],
                &turns[start].text,
                at(start),
                out,
            )?;
        } else {
            let mut sum = cost[start];
            while end + 1 < turns.len() && sum + cost[end + 1] <= max {
                end += 1;
                sum += cost[end];
            }
            end = push_window(look, &ctx, &lines, start, end, at(start), out)?;
        }
        if end + 1 >= turns.len() {
            break;
        }
        start = next_start(&cost, start, end, look.config.overlap_turns, max);
    }
    Ok(())
}

/// Pushes the window `start..=end`, dropping trailing turns if the joined text costs more
/// than the per-line sum suggested (counters need not be additive); returns the end used.
fn push_window(
    look: &Lookups<'_>,
    ctx: &SourceContext<'_>,
    lines: &[String],
    start: usize,
    mut end: usize,
    timestamp: chrono::DateTime<Utc>,
    out: &mut Vec<Chunk>,
) -> Result<usize, ChunkError> {
    loop {
        let text = lines[start..=end].join("\n");
        if end == start || look.counter.count(&text) <= look.config.max_tokens {
            if look.counter.count(&text) <= look.config.max_tokens {
                out.push(look.chunk(ctx, (start, end, None), text, timestamp));
            } else {
                look.passage(ctx, start, "", &lines[start], timestamp, out)?;
            }
            return Ok(end);
        }
        end -= 1;
    }
}

/// Where the window after `start..=end` begins: `overlap` turns back, but late enough that
/// the overlap plus the first new turn (`end + 1`) fit together, and never before `start + 1`.
fn next_start(cost: &[usize], start: usize, end: usize, overlap: usize, max: usize) -> usize {
    let mut next = (end + 1).saturating_sub(overlap).max(start + 1);
    while next <= end && cost[next..=end + 1].iter().sum::<usize>() > max {
        next += 1;
    }
    next
}

#[cfg(test)]
mod tests {
    use super::next_start;

    #[test]
    fn next_window_overlaps_but_always_advances() {
        let cost = [5, 5, 5, 5, 5];
        assert_eq!(next_start(&cost, 0, 2, 1, 20), 2);
        assert_eq!(next_start(&cost, 0, 2, 5, 20), 1);
        assert_eq!(next_start(&cost, 2, 2, 1, 20), 3);
        let big_next = [5, 5, 50];
        assert_eq!(next_start(&big_next, 0, 1, 1, 20), 2);
    }
}
