//! The cue-phrase lexicons behind mention classification ([`super::classify`]) and
//! expansion-interest detection ([`super::expansion`]).
//!
//! Phrases are lower-case words separated by single spaces, matched as consecutive whole
//! words; a trailing `*` matches any word starting with the stem ("migrat*" → "migrating").
//! They were written from general sales and customer-success vocabulary, not fitted to any
//! data set.

/// Cue phrases signalling a displacement: moving off a vendor, or onto one.
#[rustfmt::skip]
pub const DISPLACEMENT: &[&str] = &[
    "replac*", "migrat*", "switch*", "moving off", "move off", "moved off", "moving away",
    "move away", "moving to", "move to", "moved to", "get off", "getting off", "rip out",
    "ripping out", "ripped out", "sunset*", "cutover", "cut over", "not renewing",
    "won't renew", "not renew", "leaving", "churn*", "displac*", "incumbent", "phase out",
    "phasing out", "decommission*", "instead", "done with", "contract ends", "contract expires",
    "contract with", "transition*", "went with", "going with", "signed with", "coming from",
    "moving from", "moved from", "move from", "been on", "been using", "currently on",
    "currently using", "gave up", "give up", "giving up",
];

/// Cue phrases signalling a pricing comparison.
#[rustfmt::skip]
pub const PRICING: &[&str] = &[
    "price*", "pricing", "quote", "quoted", "quotes", "cheap*", "expensive", "cost*",
    "discount*", "$", "€", "£", "%", "percent", "budget*", "fee", "fees", "tco", "per seat",
    "per user", "per license", "dollar*", "undercut*", "afford*", "proposal", "invoice*",
    "lower", "less", "pay", "paying", "spend", "rate", "offer", "offered", "offering",
];

/// Cue phrases signalling a feature gap.
#[rustfmt::skip]
pub const FEATURE_GAP: &[&str] = &[
    "feature*", "capabilit*", "functionalit*", "missing", "lack*", "gap", "gaps", "roadmap",
    "out of the box", "natively", "native", "doesn't have", "don't have", "does not have",
    "do not have", "didn't have", "can't do", "cannot do", "doesn't support", "don't support",
    "not support*", "requirement*", "must-have", "must have", "non-starter", "blocker",
    "workaround", "supports", "built-in", "built in",
];

/// Cue phrases signalling a competitive objection (an alternative being weighed).
#[rustfmt::skip]
pub const OBJECTION: &[&str] = &[
    "evaluat*", "looking at", "shortlist*", "in the mix", "in the running", "demo", "bake-off",
    "comparison", "compar*", "alternative*", "consider*", "talking to", "pushy", "aggressive",
    "prefer*", "versus", "vs", "against", "head-to-head", "side-by-side", "scorecard",
    "ahead of", "better than",
];

/// Cue phrases of interest in buying more: seats, teams, products, tiers.
#[rustfmt::skip]
pub const EXPANSION_INTEREST: &[&str] = &[
    "more seats", "additional seats", "extra seats", "add seats", "adding seats",
    "more licenses", "more licences", "additional licenses", "additional licences",
    "more users", "extra users", "roll out to", "rolling out to", "rolling it out",
    "roll it out", "expand*", "upgrade*", "another team", "other teams",
    "another business unit", "another region", "rest of the team", "rest of the company",
    "whole company", "add-on", "upsell", "cross-sell", "next tier", "volume pricing",
    "tiered pricing", "co-term*",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_are_lower_case_single_spaced_and_unique() {
        for list in [
            DISPLACEMENT,
            PRICING,
            FEATURE_GAP,
            OBJECTION,
            EXPANSION_INTEREST,
        ] {
            for (i, cue) in list.iter().enumerate() {
                assert_eq!(*cue, cue.to_lowercase(), "{cue}");
                assert!(
                    !cue.is_empty() && !cue.contains("  ") && cue.trim() == *cue,
                    "{cue:?}"
                );
                assert!(!list[..i].contains(cue), "duplicate {cue}");
            }
        }
    }
}
