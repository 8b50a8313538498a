//! How people actually say a competitor's name: the canonical name, its aliases, lower case,
//! possessives and — only on a repeat mention within the same passage — a light misspelling.
//!
//! The first mention in a passage is always the canonical name or an alias (in some casing),
//! so a passage labelled with a competitor always contains a findable name.

use rand_chacha::ChaCha8Rng;

use super::grammar::{chance, choose};

/// Generic stand-ins used when no competitor is in play.
const GENERIC: &[&str] = &[
    "the other vendor",
    "the other vendor we're looking at",
    "the incumbent",
    "the other shortlisted vendor",
    "our current tool",
    "the alternative we're evaluating",
];

/// Generic stand-ins for the tool a buyer is moving off.
const GENERIC_INCUMBENT: &[&str] = &[
    "our current tool",
    "the incumbent",
    "our current vendor",
    "the legacy system",
];

/// Generic possessives ("the other vendor's number").
const GENERIC_POSSESSIVE: &[&str] = &[
    "the other vendor's",
    "the incumbent's",
    "the other shortlisted vendor's",
];

/// A mention of the competitor (or a generic stand-in when `competitor` is `None`).
///
/// `already_named` says whether this passage has named it correctly already; it is set once a
/// findable name has been written.
pub(crate) fn mention(
    competitor: Option<(&str, &[String])>,
    possessive: bool,
    incumbent: bool,
    already_named: &mut bool,
    rng: &mut ChaCha8Rng,
) -> String {
    let Some((canonical, aliases)) = competitor else {
        let pool = if incumbent {
            GENERIC_INCUMBENT
        } else {
            GENERIC
        };
        let generic = choose(rng, pool).copied().unwrap_or("the other vendor");
        if possessive && !incumbent {
            return choose(rng, GENERIC_POSSESSIVE)
                .copied()
                .unwrap_or("the other vendor's")
                .to_string();
        }
        return if possessive {
            format!("{generic}'s")
        } else {
            generic.to_string()
        };
    };
    let usable: Vec<&str> = aliases
        .iter()
        .map(String::as_str)
        .filter(|a| !a.trim().is_empty())
        .collect();
    let mut name = if !usable.is_empty() && chance(rng, 0.35) {
        choose(rng, &usable)
            .copied()
            .unwrap_or(canonical)
            .to_string()
    } else {
        canonical.to_string()
    };
    // People type "vantora" but not "bl": only word-like names get lower-cased.
    let word_like = name.len() >= 4 && name.chars().any(|c| c.is_lowercase());
    if word_like && chance(rng, 0.15) {
        name = name.to_lowercase();
    }
    if *already_named
        && chance(rng, 0.2)
        && let Some(typo) = misspell(&name, rng)
    {
        name = typo;
    }
    *already_named = true;
    if possessive {
        if name.ends_with('s') {
            format!("{name}'")
        } else {
            format!("{name}'s")
        }
    } else {
        name
    }
}

/// A light, human misspelling: a doubled, dropped or swapped interior letter. `None` for names
/// too short to misspell recognisably.
fn misspell(name: &str, rng: &mut ChaCha8Rng) -> Option<String> {
    let chars: Vec<char> = name.chars().collect();
    if chars.len() < 5 || !chars.iter().all(|c| c.is_alphabetic()) {
        return None;
    }
    let i = 1 + (rng_index(rng, chars.len() - 3));
    let mut out = chars.clone();
    match choose(rng, &[0u8, 1, 2]).copied().unwrap_or(0) {
        0 => out.insert(i, chars[i]),
        1 => {
            out.remove(i);
        }
        _ => out.swap(i, i + 1),
    }
    let typo: String = out.into_iter().collect();
    (typo != name).then_some(typo)
}

fn rng_index(rng: &mut ChaCha8Rng, len: usize) -> usize {
    use rand::Rng;
    if len == 0 {
        0
    } else {
        rng.random_range(0..len)
    }
}

/// Whether `text` names the competitor (canonical name or an alias, as a whole word, ignoring
/// case).
#[cfg(test)]
pub(crate) fn is_named_in(text: &str, canonical: &str, aliases: &[String]) -> bool {
    let lower = text.to_lowercase();
    std::iter::once(canonical)
        .chain(aliases.iter().map(String::as_str))
        .filter(|n| !n.trim().is_empty())
        .any(|n| contains_word(&lower, &n.to_lowercase()))
}

/// Whether `needle` occurs in `haystack` as a whole word (not inside "problem" for "bl").
#[cfg(test)]
fn contains_word(haystack: &str, needle: &str) -> bool {
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    haystack.match_indices(needle).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + needle.len()..].chars().next();
        !is_word(before) && !is_word(after)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn first_mention_is_findable() {
        let aliases = vec!["VNT".to_string(), "Vantora Cloud".to_string()];
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        let mut typos = 0;
        for _ in 0..500 {
            let mut named = false;
            let first = mention(
                Some(("Vantora", &aliases)),
                false,
                false,
                &mut named,
                &mut rng,
            );
            assert!(is_named_in(&first, "Vantora", &aliases), "{first}");
            let second = mention(
                Some(("Vantora", &aliases)),
                true,
                false,
                &mut named,
                &mut rng,
            );
            if !is_named_in(&second, "Vantora", &aliases) {
                typos += 1;
            }
        }
        assert!(typos > 10 && typos < 150, "{typos}");
    }
}
