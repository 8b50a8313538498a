//! The cue tables objection reading adds to the analytics' lexicons. The analytics classify
//! pricing and feature-gap talk (`cue_lexicon::PRICING`, `FEATURE_GAP`) and competitor
//! mentions; buyers also object on security, integration, procurement and timing, which no
//! analytics lexicon covers, and an objection is a concern rather than a mere topic — hence the
//! concern cues. Same phrase rules as the analytics: lower-case whole words, single spaces, a
//! trailing `*` for a stem.

/// Security and compliance reviews.
#[rustfmt::skip]
pub(crate) const SECURITY: &[&str] = &[
    "security", "secure", "soc 2", "soc2", "pen test", "penetration", "questionnaire*",
    "infosec", "compliance", "compliant", "gdpr", "hipaa", "iso 27001", "data residency",
    "encrypt*", "sso", "saml", "audit log*", "vulnerabilit*", "privacy", "breach*",
];

/// Connecting to the buyer's other systems.
#[rustfmt::skip]
pub(crate) const INTEGRATION: &[&str] = &[
    "integrat*", "api", "apis", "sync", "syncs", "syncing", "connector*", "warehouse",
    "crm", "salesforce", "dynamics", "hubspot", "netsuite", "snowflake", "webhook*",
    "etl", "data model", "field mapping",
];

/// Purchasing, legal and sign-off process.
#[rustfmt::skip]
pub(crate) const PROCUREMENT: &[&str] = &[
    "procurement", "legal", "lawyer*", "counsel", "redline*", "msa", "dpa", "contract terms",
    "vendor onboarding", "purchase order", "paperwork", "approval*", "sign off", "signoff",
    "signature", "security review", "vendor review", "liability", "indemnit*", "clause*",
];

/// Dates, priorities and freezes.
#[rustfmt::skip]
pub(crate) const TIMING: &[&str] = &[
    "timeline", "timing", "next quarter", "next year", "next fiscal", "priorit*", "delay*",
    "postpone*", "on hold", "freeze", "frozen", "pause*", "deadline", "too soon", "not now",
    "later", "bandwidth", "reorg", "slip*",
];

/// Words of a concern: what turns a topic into an objection.
#[rustfmt::skip]
pub(crate) const CONCERN: &[&str] = &[
    "concern*", "worr*", "risk*", "issue", "issues", "problem*", "blocker*", "blocked",
    "blocking", "stuck", "hesita*", "not sure", "unsure", "too", "can't", "cannot", "won't",
    "doesn't", "don't", "didn't", "isn't", "aren't", "hard to", "tough", "expensive",
    "steep", "above", "higher than", "more than", "need to", "have to", "unless", "push back",
    "pushed back", "frustrat*", "fail*", "broke", "broken", "slow", "delay*", "freeze",
    "frozen", "on hold", "afraid", "nervous", "skeptic*", "sceptic*", "without", "missing",
    "lack*", "only if", "require*", "burned", "no budget", "out of budget",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_are_lower_case_single_spaced_words_and_unique() {
        for list in [SECURITY, INTEGRATION, PROCUREMENT, TIMING, CONCERN] {
            for (i, cue) in list.iter().enumerate() {
                assert_eq!(*cue, cue.to_lowercase());
                assert!(!cue.contains("  ") && cue.trim() == *cue && !cue.contains('-'));
                assert!(!list[..i].contains(cue), "duplicate {cue}");
            }
        }
    }
}
