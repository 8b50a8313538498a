//! The offline brain, RevPulse's default: no key, no network, deterministic. It routes a
//! question to an intent by embedding nearest neighbour over example utterances, fills slots
//! from the caller's records, runs the intent's plan template through the tool catalogue and
//! writes executive prose from the tool outputs with narrative templates.

mod entities;
mod evidence;
mod followup;
mod intents;
mod names;
pub mod narrate;
mod periods;
mod plan;
mod router;
mod slots;
mod unmatched;

#[cfg(test)]
mod tests;

use std::sync::Arc;
use std::time::Instant;

use async_trait::async_trait;
use revpulse_search::embed::Embedder;
use revpulse_tools::{ToolError, ToolReply};
use serde_json::Value;

pub use intents::{IntentSpec, intent_catalogue};
pub use periods::{ResolvedPeriod, resolve_period};
pub use router::{IntentRouter, MIN_SIMILARITY, Route};
pub use slots::{Entity, PeriodSlot, Slots};

use self::entities::{Resolution, resolve, routing_text_for};
use self::evidence::{Choice, Evidence, OFF_TOPIC, choose};
use self::followup::FollowUp;
use self::narrate::Narrative;
use self::plan::{Plan, plan};
use self::unmatched::{UnmatchedName, unmatched_name};
use crate::{AgentError, Brain, DomainAgent, Draft, Outcome, StepKind, TraceStep, Turn};

/// The offline planner-narrator.
pub struct OfflineBrain {
    router: IntentRouter,
}

impl OfflineBrain {
    /// Loads the intents and embeds their examples with `embedder`.
    pub async fn new(embedder: Arc<dyn Embedder>) -> Result<Self, AgentError> {
        let router = IntentRouter::new(embedder, intent_catalogue()?).await?;
        Ok(Self { router })
    }

    /// The router (for evals of routing alone).
    pub fn router(&self) -> &IntentRouter {
        &self.router
    }
}

/// A step record.
fn step(agent: DomainAgent, kind: StepKind, started: Instant) -> TraceStep {
    TraceStep {
        agent,
        kind,
        elapsed_ms: started.elapsed().as_secs_f64() * 1000.0,
    }
}

/// A refusal before any tool ran.
fn refusal(reason: String, text: String, steps: Vec<TraceStep>) -> Draft {
    ending(
        Outcome::Refused { reason },
        text,
        steps,
        (None, Value::Null),
    )
}

/// A draft that ends without tool output.
fn ending(
    outcome: Outcome,
    text: String,
    steps: Vec<TraceStep>,
    memory: (Option<String>, Value),
) -> Draft {
    Draft {
        text,
        sections: Vec::new(),
        follow_ups: Vec::new(),
        replies: Vec::new(),
        steps,
        outcome,
        agents: vec![DomainAgent::Coordinator],
        memory,
    }
}

#[async_trait]
impl Brain for OfflineBrain {
    fn name(&self) -> String {
        "offline".to_owned()
    }

    async fn draft(&self, turn: Turn<'_>) -> Result<Draft, AgentError> {
        let mut steps = Vec::new();
        // Names are resolved first: a deal or region outside the scope is refused whatever the
        // question's wording, and the router then sees the question with names generalised.
        let t = Instant::now();
        let company = turn.ctx.company().await?;
        let scope = turn.ctx.scope().clone();
        let mut resolution = resolve(turn.question, &company, turn.ctx.today(), |r| {
            scope.sees_region(r)
        });
        if let Resolution::Resolved(slots) = &mut resolution {
            entities::speaker_as_rep(turn.question, slots, &company, scope.principal());
        }
        let routing_q = routing_text_for(turn.question, &resolution);
        let resolve_ms = t.elapsed();
        let t = Instant::now();
        // A refused region still states a slot: "and in LATAM?" keeps the earlier intent
        // (and is then refused), it does not become a new question about "LATAM".
        let found = match &resolution {
            Resolution::Resolved(slots) => (**slots).clone(),
            Resolution::RegionOutOfScope { region, id } => Slots {
                region: Some(Entity {
                    id: id.clone(),
                    name: region.clone(),
                }),
                ..Slots::default()
            },
            Resolution::DealNotVisible { .. } => Slots::default(),
        };
        let (choice, inherited) =
            match followup::follow_up_of(turn.question, turn.conversation, &found) {
                FollowUp::SameIntent { intent, earlier } => {
                    match self.router.intents().iter().find(|i| i.name == intent) {
                        Some(spec) => (
                            Choice {
                                spec: spec.clone(),
                                score: 1.0,
                            },
                            Some(earlier),
                        ),
                        None => (self.chosen(&routing_q, &found, &turn).await?, None),
                    }
                }
                FollowUp::NewQuestion { earlier } => {
                    let slots = found.clone().inherit(&earlier);
                    (self.chosen(&routing_q, &slots, &turn).await?, Some(earlier))
                }
                FollowUp::Fresh => (self.chosen(&routing_q, &found, &turn).await?, None),
            };
        let Choice { spec, score } = choice;
        let route = step(
            DomainAgent::Coordinator,
            StepKind::Route {
                intent: spec.name.clone(),
                score,
            },
            t,
        );
        turn.events.step(&route);
        steps.push(route);
        let found = match resolution {
            Resolution::Resolved(slots) => *slots,
            Resolution::RegionOutOfScope { region, .. } => {
                let reason = format!("{region} is outside the regions you have access to");
                let text = format!(
                    "I can't answer that: {reason}. Ask about the regions in your scope instead."
                );
                return Ok(refusal(reason, text, steps));
            }
            Resolution::DealNotVisible { written } => {
                let reason = format!("{written} is not among the deals you can see");
                let text = format!("I can't answer that: {reason}.");
                return Ok(refusal(reason, text, steps));
            }
        };
        if let Some(missing) = &spec.missing {
            let text = if spec.name == OFF_TOPIC {
                "I don't know how to answer that from the revenue data. RevPulse answers questions about pipeline, deals, the forecast, campaigns, customers and competitors — for example \"Which deals are at risk this quarter?\" or \"Give me today's brief\".".to_owned()
            } else {
                format!(
                    "I don't know — RevPulse has no {missing}. With that data connected I could answer this."
                )
            };
            return Ok(ending(
                Outcome::Unknown {
                    missing: missing.clone(),
                },
                text,
                steps,
                (None, Value::Null),
            ));
        }
        if let Some(name) = unmatched_name(turn.question, &company) {
            let (missing, text) = unmatched_answer(&name);
            return Ok(ending(
                Outcome::Unknown { missing },
                text,
                steps,
                (None, Value::Null),
            ));
        }
        let slots = match inherited {
            Some(earlier) => found.inherit(&earlier),
            None => found,
        };
        let t = Instant::now()
            .checked_sub(resolve_ms)
            .unwrap_or_else(Instant::now);
        let resolved = step(
            DomainAgent::Coordinator,
            StepKind::Resolve {
                slots: slots.describe(),
            },
            t,
        );
        turn.events.step(&resolved);
        steps.push(resolved);
        let memory = (
            Some(spec.name.clone()),
            serde_json::to_value(&slots).unwrap_or(Value::Null),
        );
        let calls = match plan(
            &spec.name,
            spec.agent,
            &slots,
            turn.ctx.today(),
            turn.question,
        ) {
            Plan::Calls(calls) => calls,
            Plan::NeedsSlot { what } => {
                let text = format!("Which one? Please name {what}.");
                let missing = format!("{what} — I could not find it among the records you can see");
                return Ok(ending(Outcome::Unknown { missing }, text, steps, memory));
            }
        };
        let mut replies: Vec<ToolReply> = Vec::new();
        for call in calls {
            let t = Instant::now();
            let result = turn
                .catalogue
                .call(turn.ctx, call.tool, call.args.clone())
                .await;
            let (sources, error) = match &result {
                Ok(r) => (r.sources.len(), None),
                Err(e) => (0, Some(e.user_message())),
            };
            let s = step(
                call.agent,
                StepKind::ToolCall {
                    tool: call.tool.to_owned(),
                    args: call.args,
                    sources,
                    error,
                },
                t,
            );
            turn.events.step(&s);
            steps.push(s);
            match result {
                Ok(reply) => replies.push(reply),
                Err(ToolError::NotFound { what, id }) => {
                    let reason = format!("{what} `{id}` is not among the records you can see");
                    let text = format!("I can't answer that: {reason}.");
                    return Ok(ending(Outcome::Refused { reason }, text, steps, memory));
                }
                Err(ToolError::NotEnoughData { missing }) => {
                    let text = format!(
                        "I don't know: the data cannot answer this yet — it would need {missing}."
                    );
                    return Ok(ending(Outcome::Unknown { missing }, text, steps, memory));
                }
                Err(e) => return Err(e.into()),
            }
        }
        let t = Instant::now();
        let Narrative {
            text,
            sections,
            follow_ups,
        } = narrate::narrate(&spec.name, &slots, turn.question, &replies)?;
        let narrated = step(spec.agent, StepKind::Narrate, t);
        turn.events.step(&narrated);
        steps.push(narrated);
        let mut agents = vec![DomainAgent::Coordinator];
        if spec.agent != DomainAgent::Coordinator {
            agents.push(spec.agent);
        }
        Ok(Draft {
            text,
            sections,
            follow_ups,
            replies,
            steps,
            outcome: Outcome::Answered,
            agents,
            memory,
        })
    }
}

impl OfflineBrain {
    /// The intent for `routing_q` (the question with names generalised) given `slots`.
    async fn chosen(
        &self,
        routing_q: &str,
        slots: &Slots,
        turn: &Turn<'_>,
    ) -> Result<Choice, AgentError> {
        let ranked = self.router.rank(routing_q).await?;
        let evidence = Evidence {
            slots,
            today: turn.ctx.today(),
            question: turn.question,
        };
        choose(&ranked, self.router.intents(), &evidence)
            .ok_or_else(|| AgentError::Routing("no intents are loaded".into()))
    }
}

/// What to say when a name matched nothing the caller can see (names unquoted: a quotation is
/// a passage's words and would need a citation).
fn unmatched_answer(name: &UnmatchedName) -> (String, String) {
    let missing = format!(
        "a record named {} among the records you can see",
        name.written
    );
    let mut text = format!(
        "I don't know: {} matches no account, deal, person, campaign or competitor you can see.",
        name.written
    );
    if !name.closest.is_empty() {
        text.push_str(&format!(
            " The closest names are {}.",
            narrate::format::join_and(&name.closest)
        ));
    }
    (missing, text)
}
