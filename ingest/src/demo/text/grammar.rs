//! The tiny template language the text grammars are written in, so one line of source stands
//! for hundreds of phrasings.
//!
//! * `[a|b|c]` picks one alternative uniformly; alternatives nest and may be empty (`[|very ]`
//!   makes a word optional).
//! * `{slot}` is filled from the deal's facts by a [`Slots`] implementation; a slot may return a
//!   literal (account names, amounts) or another template (fillers, hedges) that is expanded too.
//!
//! [`tidy`] then collapses doubled spaces and capitalises sentence starts.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// What a slot expands to.
pub(crate) enum Fill {
    /// Used verbatim (names, numbers — never re-parsed, so brackets in data are harmless).
    Text(String),
    /// Expanded again as a template.
    Template(&'static str),
}

/// Fills `{slot}`s; returns `None` for an unknown slot (left in the text, caught by tests).
pub(crate) trait Slots {
    /// The value of slot `name`.
    fn fill(&mut self, name: &str, rng: &mut ChaCha8Rng) -> Option<Fill>;
}

/// Picks one element uniformly; `fallback` when the pool is empty.
pub(crate) fn pick<'p, T: ?Sized>(
    rng: &mut ChaCha8Rng,
    pool: &'p [&'p T],
    fallback: &'p T,
) -> &'p T {
    if pool.is_empty() {
        return fallback;
    }
    pool[rng.random_range(0..pool.len())]
}

/// Picks one element of a slice of values uniformly, or `None` when empty.
pub(crate) fn choose<'p, T>(rng: &mut ChaCha8Rng, pool: &'p [T]) -> Option<&'p T> {
    if pool.is_empty() {
        None
    } else {
        Some(&pool[rng.random_range(0..pool.len())])
    }
}

/// True with probability `p`.
pub(crate) fn chance(rng: &mut ChaCha8Rng, p: f64) -> bool {
    rng.random_bool(p.clamp(0.0, 1.0))
}

/// Expands `template` (alternatives and slots) and tidies the result.
pub(crate) fn render(template: &str, slots: &mut impl Slots, rng: &mut ChaCha8Rng) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    expand_into(template, slots, rng, &mut out, 0);
    tidy(&out)
}

/// Expands `template` without tidying (for phrases spliced into a sentence).
pub(crate) fn expand(template: &str, slots: &mut impl Slots, rng: &mut ChaCha8Rng) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    expand_into(template, slots, rng, &mut out, 0);
    out
}

/// Nesting guard: slots returning templates that return slots cannot loop forever.
const MAX_DEPTH: usize = 6;

fn expand_into(
    template: &str,
    slots: &mut impl Slots,
    rng: &mut ChaCha8Rng,
    out: &mut String,
    depth: usize,
) {
    let bytes = template.as_bytes();
    let mut i = 0;
    while i < template.len() {
        match bytes[i] {
            b'[' => match matching_bracket(template, i) {
                Some(end) => {
                    let alternatives = split_alternatives(&template[i + 1..end]);
                    let idx = rng.random_range(0..alternatives.len());
                    expand_into(alternatives[idx], slots, rng, out, depth);
                    i = end + 1;
                }
                None => {
                    out.push('[');
                    i += 1;
                }
            },
            b'{' => match template[i..].find('}') {
                Some(rel) => {
                    let name = &template[i + 1..i + rel];
                    match slots.fill(name, rng) {
                        Some(Fill::Text(text)) => out.push_str(&text),
                        Some(Fill::Template(t)) if depth < MAX_DEPTH => {
                            expand_into(t, slots, rng, out, depth + 1);
                        }
                        Some(Fill::Template(_)) => {}
                        None => out.push_str(&template[i..=i + rel]),
                    }
                    i += rel + 1;
                }
                None => {
                    out.push('{');
                    i += 1;
                }
            },
            _ => {
                let ch_len = template[i..].chars().next().map_or(1, char::len_utf8);
                out.push_str(&template[i..i + ch_len]);
                i += ch_len;
            }
        }
    }
}

/// Byte index of the `]` closing the `[` at `open`.
fn matching_bracket(template: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (offset, b) in template.as_bytes()[open..].iter().enumerate() {
        match b {
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + offset);
                }
            }
            _ => {}
        }
    }
    None
}

/// Splits the inside of `[…]` on top-level `|`.
fn split_alternatives(inner: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (idx, b) in inner.bytes().enumerate() {
        match b {
            b'[' => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            b'|' if depth == 0 => {
                parts.push(&inner[start..idx]);
                start = idx + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
}

/// Collapses whitespace, removes spaces before punctuation, doubled punctuation left by empty
/// alternatives, and capitalises the first letter of every sentence.
pub(crate) fn tidy(raw: &str) -> String {
    let mut spaced = String::with_capacity(raw.len());
    let mut last_space = true;
    for ch in raw.chars() {
        if ch == ' ' || ch == '\t' {
            if !last_space {
                spaced.push(' ');
            }
            last_space = true;
        } else {
            if matches!(ch, ',' | '.' | '?' | '!' | ';' | ':') && spaced.ends_with(' ') {
                spaced.pop();
            }
            if ch == '\n' && spaced.ends_with(' ') {
                spaced.pop();
            }
            if ch == ','
                && (spaced.ends_with(',') || spaced.ends_with('.') || spaced.ends_with('?'))
            {
                continue;
            }
            if ch == '.' && spaced.ends_with(',') {
                spaced.pop();
            }
            spaced.push(ch);
            last_space = ch == '\n';
        }
    }
    let spaced = fix_articles_and_repeats(&spaced);
    let trimmed = spaced.trim();
    let mut out = String::with_capacity(trimmed.len());
    let mut capitalise = true;
    let mut prev = ' ';
    for ch in trimmed.chars() {
        if capitalise && ch.is_alphabetic() {
            out.extend(ch.to_uppercase());
            capitalise = false;
        } else {
            if capitalise && !(ch == ' ' || ch == '\n' || ch == '"' || ch == '\'' || ch == '(') {
                capitalise = false;
            }
            out.push(ch);
        }
        if ch == '\n' || (ch == ' ' && matches!(prev, '.' | '?' | '!')) {
            capitalise = true;
        }
        prev = ch;
    }
    out
}

/// Whether a word is read with a leading vowel sound ("an 18% gap", "an SSO", "an admin").
fn vowel_sound(word: &str) -> bool {
    let w = word.trim_start_matches(['"', '(', '$']);
    let lower = w.to_lowercase();
    let Some(first) = lower.chars().next() else {
        return false;
    };
    if first.is_ascii_digit() {
        let digits: String = lower.chars().take_while(|c| c.is_ascii_digit()).collect();
        return first == '8'
            || ((digits.starts_with("11") || digits.starts_with("18")) && digits.len() % 3 == 2);
    }
    let letters: String = w.chars().take_while(|c| c.is_alphabetic()).collect();
    const SAID_AS_WORDS: [&str; 5] = ["SAML", "SCIM", "SOC", "SIG", "SKO"];
    if SAID_AS_WORDS.contains(&letters.as_str()) {
        return false;
    }
    if letters.len() >= 2 && letters.chars().all(|c| c.is_ascii_uppercase()) {
        return "AEFHILMNORSX".contains(first.to_ascii_uppercase());
    }
    const CONSONANT_SOUND: [&str; 5] = ["uni", "us", "one", "eu", "ua"];
    const SILENT_H: [&str; 3] = ["honest", "hour", "honour"];
    if SILENT_H.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    "aeiou".contains(first) && !CONSONANT_SOUND.iter().any(|p| lower.starts_with(p))
}

/// Fixes "a"/"an" before the next word and drops a connective repeated by two template parts
/// ("and, and", "so so").
fn fix_articles_and_repeats(text: &str) -> String {
    const REPEATABLE: [&str; 7] = ["and", "so", "also", "okay", "yeah", "right", "um"];
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for (i, word) in words.iter().enumerate() {
        let bare = word.trim_end_matches(',').to_lowercase();
        if let Some(prev) = out.last() {
            let prev_bare = prev.trim_end_matches(',').to_lowercase();
            if REPEATABLE.contains(&bare.as_str()) && prev_bare == bare {
                continue;
            }
        }
        let next = words.get(i + 1).copied().unwrap_or("");
        let fixed = match *word {
            "a" if vowel_sound(next) => "an".to_string(),
            "A" if vowel_sound(next) => "An".to_string(),
            _ => (*word).to_string(),
        };
        out.push(fixed);
    }
    out.join(" ")
}

/// Splits text into sentences (for the variety measure and for tests).
#[cfg(test)]
pub(crate) fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        current.push(ch);
        let at_end =
            matches!(ch, '.' | '?' | '!') && chars.peek().is_none_or(|n| n.is_whitespace());
        if at_end || ch == '\n' {
            let s = current.trim().to_string();
            if s.len() > 1 {
                out.push(s);
            }
            current.clear();
        }
    }
    let s = current.trim().to_string();
    if s.len() > 1 {
        out.push(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    struct Fixed;
    impl Slots for Fixed {
        fn fill(&mut self, name: &str, _rng: &mut ChaCha8Rng) -> Option<Fill> {
            match name {
                "account" => Some(Fill::Text("Acme [Corp]".to_string())),
                "hedge" => Some(Fill::Template("[I think|I guess]")),
                _ => None,
            }
        }
    }

    #[test]
    fn alternatives_slots_and_tidy() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        for _ in 0..50 {
            let s = render(
                "[|well, ] {hedge} [{account}|the [big|small] one] is fine .",
                &mut Fixed,
                &mut rng,
            );
            assert!(!s.contains("  "), "{s}");
            assert!(s.ends_with("fine."), "{s}");
            assert!(s.chars().next().is_some_and(char::is_uppercase), "{s}");
            assert!(!s.contains('{'), "{s}");
        }
        let s = render("{nope} stays", &mut Fixed, &mut rng);
        assert_eq!(s, "{nope} stays");
    }

    #[test]
    fn articles_and_repeats() {
        assert_eq!(
            tidy("a 18% gap and a implementation lead"),
            "An 18% gap and an implementation lead"
        );
        assert_eq!(
            tidy("a SSO setup, a user, a 25% gap"),
            "An SSO setup, a user, a 25% gap"
        );
        assert_eq!(
            tidy("and, and check with a admin and a SAML trace"),
            "And, check with an admin and a SAML trace"
        );
    }

    #[test]
    fn tidy_capitalises_sentences() {
        assert_eq!(
            tidy("ok .  next one? yes , sure"),
            "Ok. Next one? Yes, sure"
        );
        assert_eq!(
            sentences("One. Two? $1.2M is fine!"),
            vec!["One.", "Two?", "$1.2M is fine!"]
        );
    }
}
