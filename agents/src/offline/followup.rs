//! Follow-up questions. One that only changes a slot — "and in EMEA?", "what about last
//! quarter?", "just the top 10", "and for Dana Reyes?" — keeps the previous turn's intent and
//! inherits every slot it does not restate. One that asks something new about the same subject
//! — "and the last 3 calls with them?", "what should we do about it?" — is routed afresh but
//! still inherits the subject (the account, deal, competitor, rep) it points back to.

use crate::Conversation;

use super::names::words;
use super::slots::Slots;

/// How a question relates to the conversation before it.
#[derive(Debug, Clone, PartialEq)]
pub enum FollowUp {
    /// A question of its own.
    Fresh,
    /// Only slots change: keep the earlier intent, inherit the earlier slots.
    SameIntent {
        /// The earlier intent.
        intent: String,
        /// The earlier slots.
        earlier: Slots,
    },
    /// A new question about the earlier subject: route it, inherit the earlier slots.
    NewQuestion {
        /// The earlier slots.
        earlier: Slots,
    },
}

/// Words a follow-up starts with.
const LEADS: &[&str] = &[
    "and",
    "what about",
    "how about",
    "same for",
    "now for",
    "now",
    "only",
    "just",
    "also for",
    "and for",
    "then",
    "ok",
    "okay",
];

/// Words that point back at the earlier subject.
const BACK_REFERENCES: &[&str] = &["they", "them", "their", "theirs", "it", "its"];

/// Words that carry no subject of their own: a follow-up made only of these (after its slots
/// are taken out) changes slots, not the question.
const FILLER: &[&str] = &[
    "and", "or", "but", "what", "what's", "whats", "how", "how's", "about", "for", "in", "on",
    "at", "of", "the", "a", "an", "to", "with", "same", "only", "just", "now", "also", "then",
    "so", "far", "please", "ones", "one", "instead", "too", "again", "show", "me", "us", "is",
    "are", "was", "were", "do", "does", "under", "over", "per", "vs", "versus", "compared", "ok",
    "okay", "there", "those", "these", "them", "they", "their", "it", "that",
];

/// Words that state a slot rather than a subject: periods, counts, groupings, attribution
/// models (names of accounts, reps, regions and the like are taken from the resolved slots).
const SLOT_WORDS: &[&str] = &[
    "this",
    "last",
    "next",
    "previous",
    "prior",
    "current",
    "quarter",
    "quarters",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "today",
    "yesterday",
    "since",
    "date",
    "ytd",
    "qtd",
    "past",
    "top",
    "first",
    "latest",
    "bottom",
    "by",
    "region",
    "regions",
    "industry",
    "industries",
    "stage",
    "stages",
    "team",
    "product",
    "line",
    "owner",
    "rep",
    "model",
    "models",
    "touch",
    "linear",
    "shaped",
    "decay",
    "driven",
    "data",
];

/// How `question` follows on `conversation`, given the slots it `found` itself.
pub fn follow_up_of(question: &str, conversation: &Conversation, found: &Slots) -> FollowUp {
    let Some(last) = conversation.last() else {
        return FollowUp::Fresh;
    };
    let Some(intent) = last.intent.clone() else {
        return FollowUp::Fresh;
    };
    let lower = question.trim().to_lowercase();
    let leads = LEADS.iter().any(|l| {
        lower
            .strip_prefix(l)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ',', '?']))
    });
    let q = words(question);
    let points_back = q.iter().any(|w| BACK_REFERENCES.contains(&w.as_str()));
    let subject = subject_words(&q, found);
    if !(leads || points_back || subject.is_empty()) {
        return FollowUp::Fresh;
    }
    let earlier = serde_json::from_value(last.slots.clone()).unwrap_or_default();
    if subject.is_empty() {
        FollowUp::SameIntent { intent, earlier }
    } else {
        FollowUp::NewQuestion { earlier }
    }
}

/// The words of `q` that are neither filler nor a slot the question states.
fn subject_words<'q>(q: &'q [String], found: &Slots) -> Vec<&'q str> {
    let mut slot_words: Vec<String> = Vec::new();
    let entities = [
        (&found.account, "account"),
        (&found.rep, "rep"),
        (&found.region, "region"),
        (&found.campaign, "campaign"),
        (&found.competitor, "competitor"),
        (&found.deal, "deal"),
    ];
    for (entity, noun) in entities {
        if let Some(e) = entity {
            slot_words.extend(words(&e.name));
            slot_words.extend(words(&e.id));
            slot_words.push(noun.to_owned());
        }
    }
    if found.deal.is_some() {
        slot_words.extend(["opportunity", "opp"].map(str::to_owned));
    }
    q.iter()
        .map(String::as_str)
        .filter(|w| !FILLER.contains(w) && !SLOT_WORDS.contains(w))
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit() || c == '#'))
        .filter(|w| !is_quarter_name(w) && !w.ends_with("-touch") && !w.ends_with("-shaped"))
        .filter(|w| !slot_words.iter().any(|s| s == w))
        .collect()
}

/// `q3`, `q4`.
fn is_quarter_name(w: &str) -> bool {
    w.strip_prefix('q')
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::ConversationTurn;
    use crate::offline::slots::Entity;

    fn after(intent: &str, slots: &Slots) -> Conversation {
        let mut c = Conversation::new();
        c.push(ConversationTurn {
            question: "earlier".into(),
            intent: Some(intent.into()),
            slots: serde_json::to_value(slots).unwrap(),
            answer: String::new(),
        });
        c
    }

    fn entity(id: &str, name: &str) -> Option<Entity> {
        Some(Entity {
            id: id.into(),
            name: name.into(),
        })
    }

    #[test]
    fn a_follow_up_that_only_changes_a_slot_keeps_the_intent() {
        let c = after("at_risk_deals", &Slots::default());
        let emea = Slots {
            region: entity("EMEA", "Europe, Middle East & Africa"),
            ..Slots::default()
        };
        let same = |q: &str, found: &Slots| matches!(follow_up_of(q, &c, found), FollowUp::SameIntent { intent, .. } if intent == "at_risk_deals");
        assert!(same("And in EMEA?", &emea));
        assert!(same("and this quarter so far?", &Slots::default()));
        assert!(same("what about last quarter", &Slots::default()));
        assert!(same("just the top 10", &Slots::default()));
        assert!(same("now by stage", &Slots::default()));
        assert!(same(
            "how about under the W-shaped model?",
            &Slots::default()
        ));
        let rep = Slots {
            rep: entity("U-7", "Stefan Bennett"),
            ..Slots::default()
        };
        assert!(same("and for Stefan Bennett?", &rep));
    }

    #[test]
    fn a_follow_up_with_a_new_subject_is_routed_afresh_and_keeps_the_subject() {
        let earlier = Slots {
            account: entity("ACC-1", "Birchwell Financial"),
            ..Slots::default()
        };
        let c = after("account_health", &earlier);
        let new = |q: &str| match follow_up_of(q, &c, &Slots::default()) {
            FollowUp::NewQuestion { earlier } => earlier.account.map(|a| a.id),
            _ => None,
        };
        assert_eq!(
            new("and the last 3 calls with them?").as_deref(),
            Some("ACC-1")
        );
        assert_eq!(
            new("What objections have they raised recently?").as_deref(),
            Some("ACC-1")
        );
        assert_eq!(
            new("And what should we do about it?").as_deref(),
            Some("ACC-1")
        );
        assert_eq!(
            follow_up_of(
                "Which campaigns influenced the most revenue?",
                &c,
                &Slots::default()
            ),
            FollowUp::Fresh
        );
        assert_eq!(
            follow_up_of("And in EMEA?", &Conversation::new(), &Slots::default()),
            FollowUp::Fresh
        );
    }
}
