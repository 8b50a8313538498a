//! Combinatorial name grammar for people and companies: realistic, varied and unique within one
//! demo company (a registry refuses repeats; an initial or a suffix breaks rare collisions).

use std::collections::BTreeSet;

use rand::Rng;

use super::name_lists::{FIRST, INDUSTRIES, LAST, ROOT_A, ROOT_B};
use super::rng::{DemoRng, pick};

/// A generated person name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PersonName {
    /// "Maya Okafor" or "Maya R. Okafor".
    pub full: String,
    /// Local part of an email address: "maya.okafor" or "maya.r.okafor".
    pub email_local: String,
}

/// Hands out unique person and company names.
#[derive(Debug, Default)]
pub(crate) struct NameRegistry {
    people: BTreeSet<String>,
    companies: BTreeSet<String>,
}

impl NameRegistry {
    /// A fresh registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// A new person name never handed out before by this registry.
    pub fn person(&mut self, rng: &mut DemoRng) -> PersonName {
        for attempt in 0.. {
            let first = pick(rng, FIRST).copied().unwrap_or("Alex");
            let last = pick(rng, LAST).copied().unwrap_or("Morgan");
            let initial = if attempt < 8 {
                None
            } else {
                Some(char::from(b'A' + rng.random_range(0..26u8)))
            };
            let (full, email_local) = match initial {
                None => (
                    format!("{first} {last}"),
                    format!("{first}.{last}").to_lowercase(),
                ),
                Some(i) => (
                    format!("{first} {i}. {last}"),
                    format!("{first}.{i}.{last}").to_lowercase(),
                ),
            };
            let full = if attempt > 64 {
                format!("{full} {}", roman(attempt - 63))
            } else {
                full
            };
            if self.people.insert(full.clone()) {
                let email_local = if attempt > 64 {
                    format!("{email_local}{}", attempt - 63)
                } else {
                    email_local
                };
                return PersonName { full, email_local };
            }
        }
        PersonName {
            full: String::from("Alex Morgan"),
            email_local: String::from("alex.morgan"),
        }
    }

    /// A new company name for the industry at `industry_index` of [`INDUSTRIES`].
    pub fn company(&mut self, rng: &mut DemoRng, industry_index: usize) -> String {
        let words = INDUSTRIES
            .get(industry_index)
            .map(|(_, words)| *words)
            .unwrap_or(&["Group"]);
        for attempt in 0u32.. {
            let a = pick(rng, ROOT_A).copied().unwrap_or("North");
            let b = pick(rng, ROOT_B).copied().unwrap_or("field");
            let word = pick(rng, words).copied().unwrap_or("Group");
            let name = if attempt < 32 {
                format!("{a}{b} {word}")
            } else {
                format!("{a}{b} {word} {}", roman(attempt - 31))
            };
            if self.companies.insert(name.clone()) {
                return name;
            }
        }
        String::from("Northfield Group")
    }
}

/// Small roman numerals for rare disambiguation suffixes ("II", "III", …).
fn roman(n: u32) -> String {
    const TABLE: [(u32, &str); 7] = [
        (1000, "M"),
        (500, "D"),
        (100, "C"),
        (50, "L"),
        (10, "X"),
        (5, "V"),
        (1, "I"),
    ];
    let mut n = n + 1;
    let mut out = String::new();
    for (value, sym) in TABLE {
        while n >= value {
            out.push_str(sym);
            n -= value;
        }
    }
    out.replace("IIII", "IV").replace("VIV", "IX")
}

/// The web domain of a company name, e.g. "Ashfield Health" → "ashfieldhealth.com".
pub(crate) fn company_domain(name: &str, tld: &str) -> String {
    let slug: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    format!("{slug}.{tld}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::rng::{Stream, stream};

    #[test]
    fn names_are_unique_even_when_many() {
        let mut registry = NameRegistry::new();
        let mut rng = stream(3, Stream::Contacts, 0);
        let mut seen = BTreeSet::new();
        for _ in 0..40_000 {
            assert!(seen.insert(registry.person(&mut rng).email_local));
        }
        let mut companies = BTreeSet::new();
        for i in 0..20_000 {
            assert!(companies.insert(registry.company(&mut rng, i % INDUSTRIES.len())));
        }
    }

    #[test]
    fn domains_are_slugs() {
        assert_eq!(
            company_domain("Ashfield Health", "com"),
            "ashfieldhealth.com"
        );
        assert_eq!(roman(1), "II");
    }
}
