//! Finding an expected number in prose at the precision it is shown: "$1.24M" shows 1,237,400,
//! "8%" and "8.1%" show a rate of 0.081, "1,237,400" shows exactly 1,237,400. The harness's own
//! reading, deliberately not the agents' guardrail code, so the two check each other.

/// How a number was written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Unit {
    /// A bare number (`1,045`, `$9,870`, `2.5x`).
    Plain,
    /// A number with a multiplier (`$245K` → 1e3, `$1.24M` → 1e6, `1.1 billion` → 1e9).
    Scaled(f64),
    /// A percentage.
    Percent,
}

/// One number written in text.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    /// The characters as written.
    pub text: String,
    /// The value in the shown unit, without sign (1.24 for `$1.24M`).
    pub magnitude: f64,
    /// Decimal places shown.
    pub decimals: u32,
    /// The unit.
    pub unit: Unit,
}

impl Shown {
    /// Half a unit of the last shown digit: how far a value may be and still read this way.
    fn tolerance(&self) -> f64 {
        0.5 * 10f64.powi(-i32::try_from(self.decimals).unwrap_or(0)) + 1e-9
    }

    /// Whether this reads as `amount` (money or any quantity), sign ignored.
    pub fn shows_amount(&self, amount: f64) -> bool {
        let scale = match self.unit {
            Unit::Plain => 1.0,
            Unit::Scaled(s) => s,
            Unit::Percent => return false,
        };
        (amount.abs() / scale - self.magnitude).abs() <= self.tolerance()
    }

    /// Whether this reads as the whole count `n`.
    pub fn shows_count(&self, n: i64) -> bool {
        self.unit == Unit::Plain && self.decimals == 0 && self.shows_amount(n as f64)
    }

    /// Whether this reads as the rate `rate` (a fraction) written as a percentage.
    pub fn shows_rate(&self, rate: f64) -> bool {
        self.unit == Unit::Percent
            && (rate.abs() * 100.0 - self.magnitude).abs() <= self.tolerance()
    }
}

/// Every number written in `text` that states a quantity: ids (`OPP-1045`, `#1045`, `Q3`),
/// dates, times and citation markers are skipped.
pub fn shown_numbers(text: &str) -> Vec<Shown> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || glued_before(&chars, i) {
            i = skip_token(&chars, i);
            continue;
        }
        let start = i;
        while i < chars.len()
            && (chars[i].is_ascii_digit()
                || (matches!(chars[i], ',' | '.')
                    && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
        {
            i += 1;
        }
        let digits: String = chars[start..i].iter().filter(|c| **c != ',').collect();
        let (unit, used) = unit_after(&chars, i);
        let end = i + used;
        if !not_a_quantity(&chars, end, used)
            && let Ok(magnitude) = digits.parse::<f64>()
        {
            let decimals = digits
                .split_once('.')
                .map_or(0, |(_, d)| u32::try_from(d.len()).unwrap_or(0));
            let dollar = start > 0 && chars[start - 1] == '$';
            out.push(Shown {
                text: chars[start - usize::from(dollar)..end].iter().collect(),
                magnitude,
                decimals,
                unit,
            });
        }
        i = skip_token(&chars, end.max(i));
    }
    out
}

/// A digit right after a letter, `#`, `[`, `_` or a dash inside a word belongs to a name.
fn glued_before(chars: &[char], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).map(|p| chars[p]) else {
        return false;
    };
    match prev {
        '#' | '[' | '_' | '/' | ':' => true,
        '-' => i >= 2 && chars[i - 2].is_alphanumeric(),
        c => c.is_alphanumeric() || c == '.' && i >= 2 && chars[i - 2].is_ascii_digit(),
    }
}

/// Moves past the rest of an alphanumeric run so an id's later digits are not read.
fn skip_token(chars: &[char], mut i: usize) -> usize {
    if i < chars.len() && !chars[i].is_alphanumeric() {
        return i + 1;
    }
    while i < chars.len()
        && (chars[i].is_alphanumeric()
            || chars[i] == '-' && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric()))
    {
        i += 1;
    }
    i
}

/// The unit written after the digits ending at `i`, and how many characters it takes.
fn unit_after(chars: &[char], i: usize) -> (Unit, usize) {
    let rest: String = chars[i..chars.len().min(i + 10)].iter().collect();
    let word_end = |n: usize| !chars.get(i + n).is_some_and(|c| c.is_alphanumeric());
    if rest.starts_with('%') {
        return (Unit::Percent, 1);
    }
    for (word, scale) in [
        (" million", 1e6),
        (" billion", 1e9),
        (" thousand", 1e3),
        ("bn", 1e9),
        ("mm", 1e6),
    ] {
        if rest.to_lowercase().starts_with(word) && word_end(word.len()) {
            return (Unit::Scaled(scale), word.len());
        }
    }
    match chars.get(i) {
        Some('K' | 'k') if word_end(1) => (Unit::Scaled(1e3), 1),
        Some('M' | 'm') if word_end(1) => (Unit::Scaled(1e6), 1),
        Some('B') if word_end(1) => (Unit::Scaled(1e9), 1),
        _ => (Unit::Plain, 0),
    }
}

/// Dates (`2026-11-27`), times (`10:30`), markers (`[2]`) and digits glued to words (`3rd`).
fn not_a_quantity(chars: &[char], end: usize, unit_chars: usize) -> bool {
    let next = chars.get(end).copied();
    let next_digit = chars.get(end + 1).is_some_and(char::is_ascii_digit);
    let date_or_time = unit_chars == 0 && matches!(next, Some('-' | ':' | '/')) && next_digit;
    let glued_word = unit_chars == 0 && next.is_some_and(|c| c.is_alphabetic() && c != 'x');
    date_or_time || next == Some(']') || glued_word
}
