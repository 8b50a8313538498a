//! Scope leaks: for a restricted caller, nothing outside their scope may reach them — no
//! citation, tool source or tool output row of a hidden record, no hidden account or deal named
//! in the text, and no number equal to a total over hidden records (another region's
//! pipeline, the company's bookings).

use revpulse_agents::Answer;
use serde::{Deserialize, Serialize};

use crate::agents::fence::ScopeFence;
use crate::agents::numbers::shown_numbers;
use crate::agents::replay::{Replayed, numbers_in, strings_in};

/// One thing that crossed the fence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Leak {
    /// Where: `citation`, `source`, `output`, `text` or `number`.
    pub channel: String,
    /// What leaked.
    pub what: String,
}

/// Every leak of `answer` (and the tool calls behind it) through `fence`.
pub fn find_leaks(fence: &ScopeFence, answer: &Answer, replayed: &[Replayed]) -> Vec<Leak> {
    let mut leaks = Vec::new();
    let mut leak = |channel: &str, what: String| {
        let l = Leak {
            channel: channel.to_owned(),
            what,
        };
        if !leaks.contains(&l) {
            leaks.push(l);
        }
    };
    for c in &answer.citations {
        if fence.hides(c.source.id()) {
            leak("citation", c.source.id().to_owned());
        }
    }
    for r in replayed {
        for s in r.sources.iter().filter(|s| fence.hides(s.id())) {
            leak("source", format!("{} from `{}`", s.id(), r.tool));
        }
        let mut strings = Vec::new();
        strings_in(&r.output, &mut strings);
        for id in strings
            .iter()
            .flat_map(|s| tokens(s))
            .filter(|t| fence.hides(t))
        {
            leak("output", format!("{id} in `{}` output", r.tool));
        }
        let mut numbers = Vec::new();
        numbers_in(&r.output, &mut numbers);
        for (what, total) in &fence.totals {
            if numbers.contains(&(*total as f64)) {
                leak("output", format!("{what} ({total}) in `{}` output", r.tool));
            }
        }
    }
    text_leaks(fence, answer, replayed, &mut leak);
    leaks
}

/// Ids, deal numbers and names the asker wrote themselves are not leaked by repeating them
/// (a refusal says which deal it refuses).
fn text_leaks(
    fence: &ScopeFence,
    answer: &Answer,
    replayed: &[Replayed],
    leak: &mut impl FnMut(&str, String),
) {
    let (text, asked) = (&answer.text, &answer.question);
    let asked_tokens = tokens(asked);
    let asked_numbers = deal_numbers(asked);
    for id in tokens(text)
        .into_iter()
        .filter(|t| fence.hides(t) && !asked_tokens.contains(t))
    {
        leak("text", id.to_owned());
    }
    for number in deal_numbers(text)
        .into_iter()
        .filter(|n| !asked_numbers.contains(n) && !asked_tokens.iter().any(|t| t.ends_with(*n)))
    {
        let id = format!("OPP-{number}");
        if fence.ids.contains(&id) {
            leak("text", format!("deal #{number}"));
        }
    }
    for name in fence
        .names
        .iter()
        .filter(|n| text.contains(n.as_str()) && !asked.contains(n.as_str()))
    {
        leak("text", format!("name «{name}»"));
    }
    let mut own = Vec::new();
    for r in replayed {
        numbers_in(&r.output, &mut own);
    }
    for shown in shown_numbers(text) {
        let grounded_in_own = own.iter().any(|v| shown.shows_amount(*v));
        if grounded_in_own
            || fence
                .own_amounts
                .iter()
                .any(|v| shown.shows_amount(*v as f64))
        {
            continue;
        }
        if let Some((what, _)) = fence
            .totals
            .iter()
            .find(|(_, t)| shown.shows_amount(*t as f64))
        {
            leak("number", format!("{} reads as {what}", shown.text));
        }
    }
}

/// Id-like tokens of `text` (letters, digits, dashes, `#` and dots kept together).
fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '#' | '.' | '_')))
        .map(|t| t.trim_end_matches('.'))
        .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
        .collect()
}

/// Deal numbers written `#1045`.
fn deal_numbers(text: &str) -> Vec<&str> {
    text.split('#')
        .skip(1)
        .map(|rest| {
            rest.split(|c: char| !c.is_ascii_digit())
                .next()
                .unwrap_or("")
        })
        .filter(|n| n.len() >= 3)
        .collect()
}
