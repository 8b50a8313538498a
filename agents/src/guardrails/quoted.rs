//! Quotations inside an answer: what a passage said is data, so the numbers inside a quotation
//! are the speaker's, not the answer's claims — provided the quotation is really data (it cites
//! its passage, or its words stand verbatim in what the tools returned). Numbers outside the
//! quotation marks are claims like any other.

use serde_json::Value;

/// Pairs of quotation marks the narratives and models use.
const MARKS: [(char, char); 3] = [('“', '”'), ('"', '"'), ('«', '»')];

/// A quotation is at least this many words; shorter quoted bits ("the “Q3” push") are names.
const MIN_WORDS: usize = 3;

/// `text` with the inside of every quotation blanked, and the quotations' inner texts.
pub fn split_quotes(text: &str) -> (String, Vec<String>) {
    let chars: Vec<char> = text.chars().collect();
    let mut outside = String::with_capacity(text.len());
    let mut inner = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let close = MARKS.iter().find(|(o, _)| *o == chars[i]).map(|(_, c)| *c);
        let end = close.and_then(|c| {
            chars[i + 1..]
                .iter()
                .position(|x| *x == c)
                .map(|p| i + 1 + p)
        });
        if let Some(end) = end {
            let quoted: String = chars[i + 1..end].iter().collect();
            if quoted.split_whitespace().count() >= MIN_WORDS {
                outside.push(chars[i]);
                outside.extend(std::iter::repeat_n(' ', end - i - 1));
                outside.push(chars[end]);
                inner.push(quoted);
                i = end + 1;
                continue;
            }
        }
        outside.push(chars[i]);
        i += 1;
    }
    (outside, inner)
}

/// Lower-case words joined by single spaces, for comparing a quotation with its source.
pub fn word_run(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The texts a quotation may come from: every string in the tool outputs and source
/// snippets, as word runs.
pub fn quotable(outputs: &[&Value], snippets: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = snippets.iter().map(|s| word_run(s)).collect();
    for v in outputs {
        strings(v, &mut out);
    }
    out
}

fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) if s.split_whitespace().count() >= MIN_WORDS => out.push(word_run(s)),
        Value::Array(items) => items.iter().for_each(|x| strings(x, out)),
        Value::Object(map) => map.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

/// Whether `quotation`'s words stand verbatim in one of the `sources` (word runs).
pub fn is_verbatim(quotation: &str, sources: &[String]) -> bool {
    let words = word_run(quotation);
    !words.is_empty() && sources.iter().any(|s| s.contains(&words))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn quotations_are_blanked_and_short_quoted_names_are_not() {
        let (outside, inner) =
            split_quotes("They said “we pay $1,404 per seat today” [1] for the “Q3” push.");
        assert_eq!(inner, vec!["we pay $1,404 per seat today"]);
        assert!(!outside.contains("1,404"));
        assert!(outside.contains("“Q3”"));
        assert_eq!(
            outside.chars().count(),
            "They said “we pay $1,404 per seat today” [1] for the “Q3” push."
                .chars()
                .count()
        );
    }

    #[test]
    fn a_quotation_is_verbatim_when_its_words_stand_in_an_output() {
        let output = json!({"quotes": [{"text": "Vantora quoted us 22 percent under you, roughly $1,404."}]});
        let sources = quotable(&[&output], &[]);
        assert!(is_verbatim(
            "vantora quoted us 22 percent under you",
            &sources
        ));
        assert!(!is_verbatim(
            "vantora quoted us 30 percent under you",
            &sources
        ));
    }
}
