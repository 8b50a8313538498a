//! Matching names in a question: normalised word sequences, so "Acme Robotics'",
//! "acme robotics inc." and "ACME Robotics" all find the account "Acme Robotics, Inc.", and a
//! single misspelt letter in a long word is forgiven.

/// Company suffixes that people leave out when they say a name.
const SUFFIXES: [&str; 12] = [
    "inc",
    "llc",
    "ltd",
    "corp",
    "corporation",
    "co",
    "gmbh",
    "plc",
    "sa",
    "ag",
    "bv",
    "limited",
];

/// Lower-case words of `text`, possessives and punctuation removed.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '&' || c == '-'))
        .map(|w| {
            w.trim_matches(|c: char| c == '\'' || c == '-')
                .trim_end_matches("'s")
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The words of a name as people say it (company suffixes dropped).
pub fn name_words(name: &str) -> Vec<String> {
    let mut w = words(name);
    while w.len() > 1
        && w.last()
            .is_some_and(|last| SUFFIXES.contains(&last.as_str()))
    {
        w.pop();
    }
    w
}

/// Whether `needle` occurs as consecutive words in `haystack`, each word equal or (for words
/// of six letters or more) one edit apart.
pub fn contains_words(haystack: &[String], needle: &[String]) -> bool {
    find_words(haystack, needle).is_some()
}

/// Where `needle` first occurs in `haystack` as consecutive words (see [`contains_words`]).
pub fn find_words(haystack: &[String], needle: &[String]) -> Option<usize> {
    if needle.is_empty() || needle.len() > haystack.len() {
        return None;
    }
    haystack
        .windows(needle.len())
        .position(|window| window.iter().zip(needle).all(|(h, n)| same_word(h, n)))
}

fn same_word(written: &str, expected: &str) -> bool {
    written == expected
        || (expected.chars().count() >= 6
            && revpulse_analytics::competitive::fuzzy::one_edit_apart(expected, written))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn names_match_as_people_say_them() {
        let q = words("Summarize the last 5 calls for ACME Robotics' team");
        assert!(contains_words(&q, &name_words("Acme Robotics, Inc.")));
        assert!(!contains_words(&q, &name_words("Acme Logistics")));
        let typo = words("health of Northwnd Traders");
        assert!(contains_words(&typo, &name_words("Northwind Traders")));
    }
}
