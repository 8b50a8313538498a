//! Finds competitor names in text: the canonical name and every alias, in any case, as whole
//! words, with or without a possessive, and with one light misspelling.
//!
//! Rules, in order:
//! - names and text are cut into words the same way ([`super::text::words`]) and compared
//!   lower-cased, so matches never start or end inside a longer word ("Corvalis" is not found
//!   in "Corvalisation");
//! - a multi-word name ("Orrin Data", "Brightlane.io") matches consecutive words separated by
//!   one or two spaces, or by exactly one of `. - _ /`;
//! - a trailing `'s`, `’s`, or a bare apostrophe after a last word ending in "s", is a possessive: it is not
//!   part of the name's span but is recorded;
//! - a misspelling is accepted on name words of six or more letters when the written word
//!   starts with the same letter and is one edit away (insert, delete, substitute, or swap of
//!   two neighbours — the optimal-string-alignment distance); shorter words must match exactly;
//! - words the caller protects (its own account, product and people names, e.g. "Brightland",
//!   one edit from "Brightlane") are never taken for misspellings;
//! - at each position the longest name wins; among equally long ones an exact spelling beats a
//!   misspelled one, then the earlier competitor in the catalogue.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::error::CompetitiveError;
use super::fuzzy::{MIN_FUZZY_LEN, one_edit_apart};
use super::text::{TextSpan, Word, normalize, words};

/// A competitor as the matcher needs it: the canonical name and other spellings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompetitorName {
    /// Canonical name (what every mention reports).
    pub name: String,
    /// Other names seen in text (abbreviations, product names, old brands).
    pub aliases: Vec<String>,
}

/// How a name was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Spelling {
    /// Exactly the canonical name or an alias (ignoring case).
    Exact,
    /// One word was one edit away from a name word.
    Misspelled,
}

/// One name found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameMatch {
    /// Index of the competitor in the catalogue the matcher was built from.
    pub competitor: usize,
    /// The characters of the name as written (possessive excluded).
    pub span: TextSpan,
    /// Exact or misspelled.
    pub spelling: Spelling,
    /// Followed by a possessive (`'s` or `'`).
    pub possessive: bool,
}

/// One spelling of one competitor, as lower-cased words.
#[derive(Debug, Clone)]
struct Pattern {
    competitor: usize,
    words: Vec<String>,
}

/// A compiled catalogue of competitor names.
#[derive(Debug, Clone)]
pub struct CompetitorMatcher {
    names: Vec<String>,
    patterns: Vec<Pattern>,
    /// First word → patterns starting with it.
    by_first: HashMap<String, Vec<usize>>,
    /// First letter → patterns whose first word starts with it and tolerates a misspelling.
    fuzzy_first: HashMap<char, Vec<usize>>,
    /// First letters of every pattern (a word starting otherwise cannot start a name).
    first_letters: Vec<char>,
    /// Words in the longest pattern.
    longest: usize,
    /// Lower-cased words never read as misspellings.
    protected: HashSet<String>,
}

impl CompetitorMatcher {
    /// Compiles the catalogue. Fails when it is empty, or a name or alias has no letters.
    pub fn new(competitors: &[CompetitorName]) -> Result<Self, CompetitiveError> {
        if competitors.is_empty() {
            return Err(CompetitiveError::EmptyCatalogue);
        }
        let mut patterns = Vec::new();
        for (c, competitor) in competitors.iter().enumerate() {
            for spelling in std::iter::once(&competitor.name).chain(&competitor.aliases) {
                let words: Vec<String> =
                    words(spelling).iter().map(|w| normalize(w.text)).collect();
                if words.is_empty() {
                    return Err(CompetitiveError::BlankName(spelling.clone()));
                }
                patterns.push(Pattern {
                    competitor: c,
                    words,
                });
            }
        }
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        let mut fuzzy_first: HashMap<char, Vec<usize>> = HashMap::new();
        let mut first_letters = Vec::new();
        for (p, pattern) in patterns.iter().enumerate() {
            let first = &pattern.words[0];
            by_first.entry(first.clone()).or_default().push(p);
            let letter = first.chars().next().unwrap_or_default();
            if !first_letters.contains(&letter) {
                first_letters.push(letter);
            }
            if first.chars().count() >= MIN_FUZZY_LEN {
                fuzzy_first.entry(letter).or_default().push(p);
            }
        }
        Ok(Self {
            names: competitors.iter().map(|c| c.name.clone()).collect(),
            longest: patterns.iter().map(|p| p.words.len()).max().unwrap_or(1),
            patterns,
            by_first,
            fuzzy_first,
            first_letters,
            protected: HashSet::new(),
        })
    }

    /// The same matcher, never reading the words of `names` (account, product or people
    /// names the caller knows are not competitors) as misspelled competitor names.
    pub fn protecting<'n>(mut self, names: impl IntoIterator<Item = &'n str>) -> Self {
        for name in names {
            self.protected
                .extend(words(name).iter().map(|w| normalize(w.text)));
        }
        self
    }

    /// Canonical names, in catalogue order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Every competitor name in `text`, in order, never overlapping.
    pub fn find(&self, text: &str) -> Vec<NameMatch> {
        let words = words(text);
        let ascii_lower = text.is_ascii().then(|| text.to_ascii_lowercase());
        let lower = self.lowered(ascii_lower.as_deref(), &words);
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            if lower[i].is_empty() {
                i += 1;
                continue;
            }
            match self.best_at(text, &words, &lower, i) {
                Some((found, len)) => {
                    out.push(found);
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }

    /// The lower-cased words, computed only where a name could start (and the words after
    /// it); empty elsewhere. `ascii_lower` is the whole text lower-cased when it is ASCII (same
    /// offsets), sliced without a copy per word.
    fn lowered<'b>(&self, ascii_lower: Option<&'b str>, words: &[Word<'b>]) -> Vec<Cow<'b, str>> {
        let mut lower: Vec<Cow<'b, str>> = vec![Cow::Borrowed(""); words.len()];
        let mut done = 0;
        for i in 0..words.len() {
            if !first_lower(words[i].text).is_some_and(|c| self.first_letters.contains(&c)) {
                continue;
            }
            let upto = (i + self.longest).min(words.len());
            for j in done.max(i)..upto {
                let span = words[j].span;
                lower[j] = match ascii_lower.and_then(|all| all.get(span.start..span.end)) {
                    Some(word) => Cow::Borrowed(word),
                    None => Cow::Owned(normalize(words[j].text)),
                };
            }
            done = done.max(upto);
        }
        lower
    }

    /// The best pattern matching at word `i`, with the number of words it covers.
    fn best_at(
        &self,
        text: &str,
        words: &[Word<'_>],
        lower: &[Cow<'_, str>],
        i: usize,
    ) -> Option<(NameMatch, usize)> {
        let first = strip_possessive(&lower[i]);
        let exact = self.by_first.get(first).into_iter().flatten();
        let letter = first.chars().next().unwrap_or_default();
        let fuzzy = self.fuzzy_first.get(&letter).into_iter().flatten();
        let mut best: Option<(usize, Spelling, usize, bool)> = None;
        for &p in exact.chain(fuzzy) {
            let Some((spelling, possessive)) = self.matches(p, text, words, lower, i) else {
                continue;
            };
            let len = self.patterns[p].words.len();
            let candidate = (len, spelling, p, possessive);
            if best.is_none_or(|b| better(&candidate, &b)) {
                best = Some(candidate);
            }
        }
        let (len, spelling, p, possessive) = best?;
        let last = &words[i + len - 1];
        let end = if possessive && lower[i + len - 1] != strip_possessive(&lower[i + len - 1]) {
            last.span.end - possessive_suffix_len(last.text)
        } else {
            last.span.end
        };
        let found = NameMatch {
            competitor: self.patterns[p].competitor,
            span: TextSpan {
                start: words[i].span.start,
                end,
            },
            spelling,
            possessive,
        };
        Some((found, len))
    }

    /// Whether pattern `p` matches the words from `i`: its spelling and possessive flag.
    fn matches(
        &self,
        p: usize,
        text: &str,
        words: &[Word<'_>],
        lower: &[Cow<'_, str>],
        i: usize,
    ) -> Option<(Spelling, bool)> {
        let pattern = &self.patterns[p].words;
        if i + pattern.len() > words.len() {
            return None;
        }
        let mut spelling = Spelling::Exact;
        for (k, expected) in pattern.iter().enumerate() {
            let at = i + k;
            if k > 0 && !joined(text, &words[at - 1], &words[at]) {
                return None;
            }
            let last = k + 1 == pattern.len();
            let written = if last {
                strip_possessive(&lower[at])
            } else {
                &lower[at]
            };
            if written == expected {
                continue;
            }
            if self.protected.contains(written) || !one_edit_apart(expected, written) {
                return None;
            }
            spelling = Spelling::Misspelled;
        }
        let last = &words[i + pattern.len() - 1];
        let last_lower = &lower[i + pattern.len() - 1];
        let bare =
            last_lower.ends_with('s') && text[last.span.end..].starts_with(['\'', '\u{2019}']);
        let possessive = strip_possessive(last_lower).len() != last_lower.len() || bare;
        Some((spelling, possessive))
    }
}

/// The first character of `word`, lower-cased.
fn first_lower(word: &str) -> Option<char> {
    let c = word.chars().next()?;
    if c.is_ascii() {
        Some(c.to_ascii_lowercase())
    } else {
        c.to_lowercase().next()
    }
}

/// Longer first, then exact before misspelled, then catalogue order.
fn better(a: &(usize, Spelling, usize, bool), b: &(usize, Spelling, usize, bool)) -> bool {
    (a.0, std::cmp::Reverse(a.1), std::cmp::Reverse(a.2))
        > (b.0, std::cmp::Reverse(b.1), std::cmp::Reverse(b.2))
}

/// Whether two consecutive words are joined tightly enough to form one name.
fn joined(text: &str, left: &Word<'_>, right: &Word<'_>) -> bool {
    let gap = &text[left.span.end..right.span.start];
    match gap.chars().count() {
        1 => gap
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '.' | '-' | '_' | '/')),
        2 => gap.chars().all(char::is_whitespace),
        _ => false,
    }
}

/// `word` without a trailing possessive `'s` (words are already normalized to `'`).
fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s").unwrap_or(word)
}

fn possessive_suffix_len(written: &str) -> usize {
    if written.ends_with("’s") || written.ends_with("’S") {
        "’s".len()
    } else {
        2
    }
}

#[cfg(test)]
mod tests;
