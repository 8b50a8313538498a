//! Names a question writes that match nothing the caller can see. "Which objections has Acme
//! Robotics raised?" from someone who cannot see Acme Robotics (or when no such account exists)
//! must not quietly become a question about every account: the answer says the name matched
//! nothing and offers the closest names the caller can see. A hidden record and a missing one
//! read the same, so nothing leaks.

use revpulse_graph::model::CompanyDataset;

use super::names::{contains_words, name_words, words};

/// A written name that matched nothing visible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmatchedName {
    /// The name as written.
    pub written: String,
    /// The most similar visible names, best first.
    pub closest: Vec<String>,
}

/// How many close names to offer.
const CLOSEST: usize = 3;
/// Below this character-bigram similarity a name is not offered as close.
const MIN_CLOSENESS: f64 = 0.3;

/// The first name-like phrase of `question` (two or more capitalised words) that matches no
/// visible record of `company`, with the closest visible names.
pub fn unmatched_name(question: &str, company: &CompanyDataset) -> Option<UnmatchedName> {
    let known = known_names(company);
    let written = name_phrases(question).into_iter().find(|phrase| {
        let w = words(phrase);
        !known
            .iter()
            .any(|k| contains_words(&w, &name_words(k)) || contains_words(&words(k), &w))
    })?;
    Some(UnmatchedName {
        closest: closest(&written, company),
        written,
    })
}

/// Every visible name a question may write: records, catalogue, regions and competitors.
fn known_names(c: &CompanyDataset) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    out.extend(c.accounts.iter().map(|a| a.name.as_str()));
    out.extend(c.users.iter().map(|u| u.name.as_str()));
    out.extend(c.contacts.iter().map(|p| p.name.as_str()));
    out.extend(c.campaigns.iter().map(|x| x.name.as_str()));
    out.extend(c.opportunities.iter().map(|o| o.name.as_str()));
    out.extend(c.product_lines.iter().map(|p| p.name.as_str()));
    out.extend(c.products.iter().map(|p| p.name.as_str()));
    out.extend(c.teams.iter().map(|t| t.name.as_str()));
    for r in &c.regions {
        out.extend([r.id.as_str(), r.name.as_str()]);
    }
    for x in &c.competitors {
        out.push(x.name.as_str());
        out.extend(x.aliases.iter().map(String::as_str));
    }
    out
}

/// Words that open a question or a request and never start a name.
const OPENERS: &[&str] = &[
    "what",
    "which",
    "who",
    "where",
    "when",
    "why",
    "how",
    "is",
    "are",
    "do",
    "does",
    "did",
    "can",
    "could",
    "will",
    "would",
    "should",
    "show",
    "give",
    "list",
    "tell",
    "summarise",
    "summarize",
    "recap",
    "compare",
    "find",
    "search",
    "draft",
    "write",
    "rank",
    "the",
    "a",
    "an",
    "and",
    "for",
    "in",
    "on",
    "with",
    "i",
    "my",
    "our",
    "me",
    "please",
    "any",
    "has",
    "have",
];

/// Runs of two or more capitalised words (digits break a run), not counting a capital that
/// only starts a sentence: "What pushback has Acme Robotics given?" → "Acme Robotics".
pub fn name_phrases(question: &str) -> Vec<String> {
    let mut phrases = Vec::new();
    let opener = |token: &str| OPENERS.contains(&token.to_lowercase().as_str());
    let mut run: Vec<&str> = Vec::new();
    let mut run_has_inner = false;
    let mut sentence_start = true;
    let mut flush = |run: &mut Vec<&str>, inner: &mut bool| {
        if run.len() >= 2 && *inner {
            phrases.push(run.join(" "));
        }
        run.clear();
        *inner = false;
    };
    for raw in question.split_whitespace() {
        let token = raw.trim_matches(|c: char| !(c.is_alphanumeric() || c == '&'));
        let token = token.strip_suffix("'s").unwrap_or(token);
        // "I" is a pronoun, not a name ("Anything I need to know?").
        let capital = token.chars().next().is_some_and(char::is_uppercase)
            && token.chars().count() > 1
            && !token.chars().any(|c| c.is_ascii_digit());
        if capital && !(sentence_start && opener(token)) {
            run.push(token);
            run_has_inner |= !sentence_start;
        } else {
            flush(&mut run, &mut run_has_inner);
        }
        let ends_clause = raw.ends_with(['.', '?', '!', ':', ';', ','])
            || raw
                .trim_end_matches(['"', '”', ')'])
                .ends_with(['.', '?', '!']);
        if ends_clause {
            flush(&mut run, &mut run_has_inner);
        }
        sentence_start = raw.ends_with(['.', '?', '!', ':']);
    }
    flush(&mut run, &mut run_has_inner);
    phrases
}

/// The visible account, person and competitor names most like `written`.
fn closest(written: &str, c: &CompanyDataset) -> Vec<String> {
    let target = bigrams(written);
    let mut scored: Vec<(f64, &str)> = c
        .accounts
        .iter()
        .map(|a| a.name.as_str())
        .chain(c.users.iter().map(|u| u.name.as_str()))
        .chain(c.competitors.iter().map(|x| x.name.as_str()))
        .map(|name| (dice(&target, &bigrams(name)), name))
        .filter(|(score, _)| *score >= MIN_CLOSENESS)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .take(CLOSEST)
        .map(|(_, n)| n.to_owned())
        .collect()
}

fn bigrams(text: &str) -> Vec<(char, char)> {
    let lower: Vec<char> = text
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect();
    let mut out: Vec<(char, char)> = lower.windows(2).map(|w| (w[0], w[1])).collect();
    out.sort_unstable();
    out
}

/// Sørensen–Dice similarity of two sorted bigram multisets.
fn dice(a: &[(char, char)], b: &[(char, char)]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

#[cfg(test)]
#[path = "unmatched_tests.rs"]
mod tests;
