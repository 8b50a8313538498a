//! Numeric grounding: every number in an answer must appear in a tool output (at the precision
//! it is shown: "$1.24M" is grounded by 1,237,400; "8%" by a rate of 0.0812), else the
//! sentence carrying it is removed. A tool output holds a number as a numeric leaf, as the
//! length of a list, or written inside a string or a field name ("ARR $85,900", "15.37×",
//! `last_90_days`). Numbers inside citation markers, deal ids, dates and quarter names are not
//! claims and are skipped.

use serde_json::Value;

/// A number as written in prose.
#[derive(Debug, Clone, PartialEq)]
pub struct WrittenNumber {
    /// The characters as written (`$1.2M`, `34%`, `1,045`).
    pub text: String,
    /// Its value in the shown unit (1.2 for `$1.2M`).
    pub shown: f64,
    /// Decimal places shown.
    pub decimals: u32,
    /// Multiplier of the suffix (1e6 for M), or `None` for a percentage.
    pub scale: Option<f64>,
}

/// Every number a tool output holds: numeric leaves, array lengths, and digit runs inside
/// strings (ids, dates, labels).
pub fn grounded_values(outputs: &[&Value]) -> Vec<f64> {
    let mut out = Vec::new();
    for v in outputs {
        collect(v, &mut out);
    }
    out.sort_by(f64::total_cmp);
    out.dedup();
    out
}

fn collect(v: &Value, out: &mut Vec<f64>) {
    match v {
        Value::Number(n) => out.extend(n.as_f64()),
        Value::String(s) => out.extend(numbers_in_text(s)),
        Value::Array(items) => {
            out.extend(u32::try_from(items.len()).ok().map(f64::from));
            for item in items {
                collect(item, out);
            }
        }
        Value::Object(map) => {
            for (key, x) in map {
                out.extend(numbers_in_text(key));
                collect(x, out);
            }
        }
        Value::Bool(_) | Value::Null => {}
    }
}

/// The numbers a string of a tool output states: every digit run (ids, dates, labels), and
/// every number as written with its separators, decimals and scale ("$85,900" is 85,900;
/// "15.37×" is 15.37; "$1.2M" is 1,200,000).
pub fn numbers_in_text(s: &str) -> Vec<f64> {
    let mut out: Vec<f64> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|d| !d.is_empty() && d.len() <= 15)
        .filter_map(|d| d.parse::<f64>().ok())
        .collect();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let (digits, end) = number_at(&chars, i);
        if let Ok(value) = digits.parse::<f64>() {
            out.push(value);
            if let (Some(scale), _) = suffix(&chars, end) {
                out.push(value * scale);
            }
        }
        i = end.max(i + 1);
    }
    out
}

/// The number starting at `start` (digits, with `,` and `.` between digits) without its
/// separators, and where it ends.
fn number_at(chars: &[char], start: usize) -> (String, usize) {
    let mut i = start;
    while i < chars.len()
        && (chars[i].is_ascii_digit()
            || (matches!(chars[i], ',' | '.')
                && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
    {
        i += 1;
    }
    let digits = chars[start..i].iter().filter(|c| **c != ',').collect();
    (digits, i)
}

/// The numbers written in `text` that make a claim.
pub fn written_numbers(text: &str) -> Vec<WrittenNumber> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        if part_of_token(&chars, i) {
            i = token_end(&chars, i);
            continue;
        }
        let start = i;
        let (digits, after) = number_at(&chars, start);
        i = after;
        let (scale, consumed) = suffix(&chars, i);
        let end = i + consumed;
        if !skipped_context(&chars, start, end)
            && let Ok(shown) = digits.parse::<f64>()
        {
            let decimals = digits
                .split_once('.')
                .map_or(0, |(_, d)| u32::try_from(d.len()).unwrap_or(0));
            let dollar = start > 0 && chars[start - 1] == '$';
            let text: String = chars[start - usize::from(dollar)..end].iter().collect();
            out.push(WrittenNumber {
                text,
                shown,
                decimals,
                scale,
            });
        }
        i = end.max(i);
    }
    out
}

/// A digit glued to letters or a joining dash (OPP-1045, Q3, W-shaped, chunk ids) is part of a
/// name. A dash after a space or at the start is a minus sign ("-0.060"), not a joiner.
fn part_of_token(chars: &[char], i: usize) -> bool {
    let Some(previous) = i.checked_sub(1).map(|p| chars[p]) else {
        return false;
    };
    let joined_dash = previous == '-' && i >= 2 && chars[i - 2].is_alphanumeric();
    previous.is_alphanumeric() || joined_dash || matches!(previous, '_' | '#' | '[')
}

/// Where the name token holding the digit at `i` ends: a name's digits are skipped whole, so
/// "C-12.5" or "v2.10" never leave a number behind.
fn token_end(chars: &[char], mut i: usize) -> usize {
    while i < chars.len()
        && (chars[i].is_alphanumeric()
            || (matches!(chars[i], '.' | ',' | '-' | '_')
                && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric())))
    {
        i += 1;
    }
    i
}

fn suffix(chars: &[char], i: usize) -> (Option<f64>, usize) {
    match chars.get(i) {
        Some('%') => (None, 1),
        Some('K') | Some('k') if !chars.get(i + 1).is_some_and(|c| c.is_alphabetic()) => {
            (Some(1e3), 1)
        }
        Some('M') if !chars.get(i + 1).is_some_and(|c| c.is_alphabetic()) => (Some(1e6), 1),
        Some('B') if !chars.get(i + 1).is_some_and(|c| c.is_alphabetic()) => (Some(1e9), 1),
        _ => (Some(1.0), 0),
    }
}

/// Dates (2026-11-27), times and list markers are not claims.
fn skipped_context(chars: &[char], start: usize, end: usize) -> bool {
    let next = chars.get(end).copied();
    let date_like = matches!(next, Some('-') | Some(':') | Some('/'))
        && chars.get(end + 1).is_some_and(char::is_ascii_digit);
    let in_marker = next == Some(']');
    let list_marker = next == Some('.')
        && (start == 0 || chars[start - 1] == '\n')
        && !chars.get(end + 1).is_some_and(char::is_ascii_digit);
    date_like || in_marker || list_marker
}

/// Whether `n` is grounded by one of `values` (sorted) at its shown precision.
pub fn is_grounded(n: &WrittenNumber, values: &[f64]) -> bool {
    let tolerance = 0.5 * 10f64.powi(-i32::try_from(n.decimals).unwrap_or(0)) + 1e-9;
    let matches_at = |scale: f64| {
        values
            .iter()
            .any(|v| (v.abs() / scale - n.shown).abs() <= tolerance)
    };
    match n.scale {
        Some(scale) => matches_at(scale),
        None => matches_at(0.01) || matches_at(1.0),
    }
}

#[cfg(test)]
#[path = "numbers_tests.rs"]
mod tests;
