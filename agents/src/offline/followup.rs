//! Follow-up questions: "and in EMEA?", "what about last quarter?", "same for Acme" keep the
//! previous turn's intent and inherit every slot they do not restate.

use crate::Conversation;

use super::slots::Slots;

/// Words a follow-up starts with.
const LEADS: [&str; 9] = [
    "and",
    "what about",
    "how about",
    "same for",
    "now for",
    "only",
    "just",
    "also for",
    "and for",
];

/// The earlier intent and slots this question follows up on, if it is a follow-up.
pub fn follow_up_of(question: &str, conversation: &Conversation) -> Option<(String, Slots)> {
    let last = conversation.last()?;
    let intent = last.intent.clone()?;
    let lower = question.trim().to_lowercase();
    let words = lower.split_whitespace().count();
    let leads = LEADS.iter().any(|l| {
        lower
            .strip_prefix(l)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ',', '?']))
    });
    if !(leads && words <= 8) {
        return None;
    }
    let slots = serde_json::from_value(last.slots.clone()).unwrap_or_default();
    Some((intent, slots))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::ConversationTurn;

    #[test]
    fn short_lead_words_follow_up_and_full_questions_do_not() {
        let mut c = Conversation::new();
        c.push(ConversationTurn {
            question: "Which deals are at risk this quarter?".into(),
            intent: Some("at_risk_deals".into()),
            slots: serde_json::to_value(Slots::default()).unwrap(),
            answer: String::new(),
        });
        assert_eq!(follow_up_of("And in EMEA?", &c).unwrap().0, "at_risk_deals");
        assert!(follow_up_of("what about last quarter", &c).is_some());
        assert!(follow_up_of("Which campaigns influenced the most revenue?", &c).is_none());
        assert!(follow_up_of("And in EMEA?", &Conversation::new()).is_none());
    }
}
