//! Finding which competitors a passage names: canonical names and aliases as whole words,
//! case-insensitive, possessive `'s` allowed; short all-caps aliases (like "BL") only as
//! written, so ordinary words never trigger them.

use revpulse_graph::model::Competitor;

/// Longest all-caps alias that is matched case-sensitively.
const SHORT_ALIAS_LEN: usize = 4;

/// One spelling to look for.
#[derive(Debug, Clone)]
struct Pattern {
    /// The spelling; lower-cased unless `exact_case`.
    needle: String,
    /// Match only with the same letter case.
    exact_case: bool,
    /// Index of the canonical name in `CompetitorMatcher::names`.
    competitor: usize,
}

/// Finds competitor mentions in text; built once per company.
#[derive(Debug, Clone)]
pub struct CompetitorMatcher {
    names: Vec<String>,
    patterns: Vec<Pattern>,
}

impl CompetitorMatcher {
    /// Builds the patterns for every competitor's name and aliases.
    pub fn new(competitors: &[Competitor]) -> Self {
        let mut patterns = Vec::new();
        for (i, c) in competitors.iter().enumerate() {
            for spelling in std::iter::once(&c.name).chain(&c.aliases) {
                let spelling = spelling.trim();
                if spelling.is_empty() {
                    continue;
                }
                let exact_case = spelling.chars().count() <= SHORT_ALIAS_LEN
                    && spelling.chars().all(|ch| !ch.is_lowercase())
                    && spelling.chars().any(char::is_uppercase);
                let needle = if exact_case {
                    spelling.to_string()
                } else {
                    spelling.to_lowercase()
                };
                patterns.push(Pattern {
                    needle,
                    exact_case,
                    competitor: i,
                });
            }
        }
        Self {
            names: competitors.iter().map(|c| c.name.clone()).collect(),
            patterns,
        }
    }

    /// Canonical names of the competitors named in `text`, sorted and deduplicated.
    pub fn mentioned(&self, text: &str) -> Vec<String> {
        let lower = text.to_lowercase();
        // Lower-casing can change byte lengths for some scripts; fall back to exact matching
        // positions only when the two strings line up byte for byte.
        let folded = if lower.len() == text.len() {
            lower.as_str()
        } else {
            text
        };
        let mut found = vec![false; self.names.len()];
        for p in &self.patterns {
            if found[p.competitor] {
                continue;
            }
            let haystack = if p.exact_case { text } else { folded };
            if contains_word(haystack, &p.needle) {
                found[p.competitor] = true;
            }
        }
        let mut names: Vec<String> = found
            .iter()
            .zip(&self.names)
            .filter(|(hit, _)| **hit)
            .map(|(_, name)| name.clone())
            .collect();
        names.sort();
        names
    }
}

/// Whether `needle` occurs in `haystack` with no letter or digit directly before or after
/// (so "Vantora's" matches "Vantora" but "problem" does not match "bl").
fn contains_word(haystack: &str, needle: &str) -> bool {
    let mut from = 0;
    while let Some(pos) = haystack[from..].find(needle) {
        let start = from + pos;
        let end = start + needle.len();
        let before_ok = haystack[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = haystack[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return true;
        }
        from = start + haystack[start..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rivals() -> Vec<Competitor> {
        let rival = |name: &str, aliases: &[&str]| Competitor {
            name: name.to_string(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            positioning: "price".to_string(),
        };
        vec![
            rival("Brightlane", &["Brightlane.io", "Bright Lane", "BL"]),
            rival("Orrin Data", &["Orrin", "OrrinDB"]),
            rival("Vantora", &["VTR"]),
        ]
    }

    #[test]
    fn names_aliases_possessives_and_word_boundaries() {
        let m = CompetitorMatcher::new(&rivals());
        assert_eq!(
            m.mentioned("That is a problem for us."),
            Vec::<String>::new()
        );
        assert_eq!(m.mentioned("the bl team"), Vec::<String>::new());
        assert_eq!(m.mentioned("BL quoted lower."), vec!["Brightlane"]);
        assert_eq!(m.mentioned("vantora's pricing"), vec!["Vantora"]);
        assert_eq!(m.mentioned("Vantoras"), Vec::<String>::new());
        assert_eq!(m.mentioned("we use orrindb today"), vec!["Orrin Data"]);
        assert_eq!(
            m.mentioned("Bright Lane and VTR both pitched."),
            vec!["Brightlane", "Vantora"]
        );
        assert_eq!(m.mentioned("vtr"), Vec::<String>::new());
    }
}
