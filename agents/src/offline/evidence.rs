//! Choosing the intent: the router's nearest-neighbour ranking over example utterances, weighed
//! with slot evidence. An intent whose plan cannot run without a slot the question does not
//! fill ("tell me about the deal" with no deal named) loses a little to its neighbours, so
//! "What's the value of my open deals?" is about the pipeline, not one deal; a question close
//! to nothing the agents know is off topic.

use chrono::NaiveDate;

use super::intents::IntentSpec;
use super::plan::{Plan, plan};
use super::router::MIN_SIMILARITY;
use super::slots::Slots;

/// What an intent loses when its plan lacks a slot.
pub const SLOT_PENALTY: f32 = 0.08;

/// The intent of questions about nothing RevPulse knows.
pub const OFF_TOPIC: &str = "off_topic";

/// The chosen intent and the similarity of its nearest example.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The intent.
    pub spec: IntentSpec,
    /// Its nearest example's similarity to the question.
    pub score: f32,
}

/// What a choice is made from besides the ranking.
pub struct Evidence<'a> {
    /// The slots the question fills (inherited ones included).
    pub slots: &'a Slots,
    /// Today.
    pub today: NaiveDate,
    /// The question as asked.
    pub question: &'a str,
}

/// The intent for `ranked` (router output) among `intents`, given the slot `evidence`.
pub fn choose(
    ranked: &[(usize, f32)],
    intents: &[IntentSpec],
    evidence: &Evidence<'_>,
) -> Option<Choice> {
    let (top, top_score) = ranked.first().copied()?;
    if top_score < MIN_SIMILARITY {
        let spec = intents
            .iter()
            .find(|i| i.name == OFF_TOPIC)
            .or_else(|| intents.get(top))?;
        return Some(Choice {
            spec: spec.clone(),
            score: top_score,
        });
    }
    ranked
        .iter()
        .filter_map(|(k, score)| {
            let spec = intents.get(*k)?;
            Some((spec, *score, *score - penalty(spec, evidence)))
        })
        .max_by(|a, b| a.2.total_cmp(&b.2))
        .map(|(spec, score, _)| Choice {
            spec: spec.clone(),
            score,
        })
}

fn penalty(spec: &IntentSpec, e: &Evidence<'_>) -> f32 {
    match plan(&spec.name, spec.agent, e.slots, e.today, e.question) {
        Plan::NeedsSlot { .. } => SLOT_PENALTY,
        Plan::Calls(_) => 0.0,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::DomainAgent;

    fn intent(name: &str) -> IntentSpec {
        IntentSpec {
            name: name.into(),
            agent: DomainAgent::Sales,
            examples: vec!["x".into()],
            missing: None,
        }
    }

    #[test]
    fn an_intent_missing_its_slot_yields_to_a_close_neighbour_but_not_a_distant_one() {
        let intents = vec![intent("deal_detail"), intent("pipeline"), intent(OFF_TOPIC)];
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let slots = Slots::default();
        let e = Evidence {
            slots: &slots,
            today,
            question: "q",
        };
        let close = choose(&[(0, 0.62), (1, 0.58)], &intents, &e).unwrap();
        assert_eq!(close.spec.name, "pipeline");
        assert!(
            (close.score - 0.58).abs() < 1e-6,
            "the score shown is the raw similarity"
        );
        let distant = choose(&[(0, 0.70), (1, 0.50)], &intents, &e).unwrap();
        assert_eq!(
            distant.spec.name, "deal_detail",
            "then the plan asks which deal"
        );
        let nowhere = choose(&[(1, MIN_SIMILARITY - 0.01)], &intents, &e).unwrap();
        assert_eq!(nowhere.spec.name, OFF_TOPIC);
    }
}
