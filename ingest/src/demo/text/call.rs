//! Call transcripts: small talk, introductions, an agenda fitting the deal's stage, neutral
//! discovery or demo chatter, one labelled segment per requested topic (raised by one side,
//! answered by the other, sometimes picked up by a colleague), an optional planted injection,
//! and a recap — with speaker turns timed at realistic speaking rates.

use rand::Rng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use revpulse_graph::model::{Speaker, TranscriptTurn};

use super::facts::{Basis, Facts, Medium, Voice};
use super::grammar::{Fill, Slots, chance, pick, render};
use super::phrases::{self, Mood, TopicGrammar, conversation};
use super::vocabulary as vocab;
use super::{CallBrief, GeneratedCall, Participant, PassageLabel, Topic, injection};

/// A turn before timing: who says what, and what it is labelled with.
struct Planned {
    side: Speaker,
    /// Index into the buyers (ignored for the seller).
    who: usize,
    text: String,
    labels: Vec<(Topic, Option<String>)>,
    /// Extra seconds of untranscribed time after the turn (a demo, a tangent).
    gap_after: i64,
    /// A seller transition that may be merged into the seller's next turn.
    transition: bool,
}

/// The stand-in buyer when a brief has none.
const NOBODY: Participant<'static> = Participant {
    id: "",
    name: "Guest",
    title: "Guest",
    role: None,
};

/// The other side of the table.
pub(crate) fn other(side: Speaker) -> Speaker {
    match side {
        Speaker::Seller => Speaker::Buyer,
        Speaker::Buyer => Speaker::Seller,
    }
}

/// Whether a template already opens with a connective ("[and|also,] …"), so no filler goes before it.
fn opens_with_connective(line: &str) -> bool {
    let head = line.trim_start_matches('[').to_lowercase();
    ["and", "also", "plus", "so ", "so,"]
        .iter()
        .any(|c| head.starts_with(c))
}

/// First name of a full name.
pub(crate) fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// A buyer's opener that colours a topic line with the conversation's tone, if any.
pub(crate) fn tone_prefix(
    g: &TopicGrammar,
    sentiment: f64,
    rng: &mut ChaCha8Rng,
) -> Option<&'static str> {
    let s = sentiment.clamp(-1.0, 1.0);
    let pool = match g.mood {
        Mood::Friction if s < -0.2 && chance(rng, 0.25 + 0.5 * -s) => vocab::TONE_NEGATIVE,
        Mood::Friction if s > 0.2 && chance(rng, 0.1 + 0.3 * s) => vocab::TONE_POSITIVE,
        Mood::Positive if s > 0.2 && chance(rng, 0.1 + 0.3 * s) => vocab::TONE_WARM,
        Mood::Positive if s < -0.2 && chance(rng, 0.15 + 0.4 * -s) => vocab::TONE_GRUDGING,
        _ => return None,
    };
    Some(pick(rng, pool, ""))
}

struct Call<'b, 'a> {
    brief: &'b CallBrief<'a>,
    facts: Facts<'a>,
    buyers: Vec<Participant<'a>>,
    /// The buyer the seller is currently talking to.
    focus: usize,
    /// Discovery questions and demo beats already used on this call.
    used: Vec<(bool, usize)>,
    /// Topic lines already said on this call (so a follow-up never repeats a sentence).
    said: Vec<&'static str>,
}

/// Slots for a buyer introducing themselves; everything else comes from the deal's facts.
struct IntroSlots<'v, 'f, 'a> {
    voice: Voice<'f, 'a>,
    me: &'v Participant<'v>,
    champion: &'v str,
}

impl Slots for IntroSlots<'_, '_, '_> {
    fn fill(&mut self, name: &str, rng: &mut ChaCha8Rng) -> Option<Fill> {
        match name {
            "name" => Some(Fill::Text(self.me.name.to_string())),
            "first" => Some(Fill::Text(first_name(self.me.name).to_string())),
            "title" => Some(Fill::Text(self.me.title.to_string())),
            "champion" => Some(Fill::Text(self.champion.to_string())),
            _ => self.voice.fill(name, rng),
        }
    }
}

impl<'b, 'a> Call<'b, 'a> {
    fn you(&self, side: Speaker) -> &str {
        match side {
            Speaker::Seller => first_name(self.buyers[self.focus].name),
            Speaker::Buyer => first_name(self.brief.seller.name),
        }
    }

    /// A neutral (unlabelled) turn from a template.
    fn neutral(&self, side: Speaker, who: usize, template: &str, rng: &mut ChaCha8Rng) -> Planned {
        let mut voice = Voice::new(&self.facts, side, self.you(side));
        let text = render(template, &mut voice, rng);
        Planned {
            side,
            who,
            text,
            labels: Vec::new(),
            gap_after: 0,
            transition: false,
        }
    }

    /// A line of `pool` not yet said on this call (any line once all are used).
    fn unsaid(&mut self, pool: &'static [&'static str], rng: &mut ChaCha8Rng) -> &'static str {
        let fresh: Vec<&'static str> = pool
            .iter()
            .copied()
            .filter(|l| !self.said.contains(l))
            .collect();
        let line = if fresh.is_empty() {
            pick(rng, pool, "")
        } else {
            fresh[rng.random_range(0..fresh.len())]
        };
        self.said.push(line);
        line
    }

    /// A labelled topic turn: optional tone opener and filler, a core line, maybe a follow-up.
    fn topic_turn(
        &mut self,
        topic: Topic,
        g: &TopicGrammar,
        side: Speaker,
        who: usize,
        rng: &mut ChaCha8Rng,
    ) -> Planned {
        let mut template = String::new();
        if side == Speaker::Buyer
            && let Some(prefix) = tone_prefix(g, self.brief.sentiment, rng)
        {
            template.push_str(prefix);
            template.push(' ');
        }
        if template.is_empty() && chance(rng, 0.5) {
            template.push_str("{filler} ");
        }
        template.push_str(self.unsaid(g.core(side), rng));
        let more = if chance(rng, 0.45) {
            Some(self.unsaid(g.more(side), rng))
        } else {
            None
        };
        let mut voice = Voice::new(&self.facts, side, self.you(side));
        let mut text = render(&template, &mut voice, rng);
        if let Some(more) = more {
            let more = render(more, &mut voice, rng);
            if !more.is_empty() {
                text.push(' ');
                text.push_str(&more);
            }
        }
        self.labelled(side, who, text, topic, voice.named)
    }

    /// A labelled follow-up turn made of a follow-up line only.
    fn more_turn(
        &mut self,
        topic: Topic,
        g: &TopicGrammar,
        side: Speaker,
        who: usize,
        rng: &mut ChaCha8Rng,
    ) -> Planned {
        let line = self.unsaid(g.more(side), rng);
        let template = if opens_with_connective(line) {
            line.to_string()
        } else {
            format!("{{filler}} {line}")
        };
        let mut voice = Voice::new(&self.facts, side, self.you(side));
        let text = render(&template, &mut voice, rng);
        self.labelled(side, who, text, topic, voice.named)
    }

    fn labelled(
        &self,
        side: Speaker,
        who: usize,
        text: String,
        topic: Topic,
        named: bool,
    ) -> Planned {
        let competitor = if named {
            self.brief.competitor.map(|(c, _)| c.to_string())
        } else {
            None
        };
        Planned {
            side,
            who,
            text,
            labels: vec![(topic, competitor)],
            gap_after: 0,
            transition: false,
        }
    }

    /// The buyer most likely to speak to a topic given their roles.
    fn pick_buyer(
        &self,
        roles: &[revpulse_graph::model::BuyingRole],
        rng: &mut ChaCha8Rng,
    ) -> usize {
        for role in roles {
            if chance(rng, 0.65) {
                let matching: Vec<usize> = (0..self.buyers.len())
                    .filter(|i| self.buyers[*i].role == Some(*role))
                    .collect();
                if !matching.is_empty() {
                    return matching[rng.random_range(0..matching.len())];
                }
            }
        }
        rng.random_range(0..self.buyers.len())
    }

    fn segment(&mut self, topic: Topic, g: &TopicGrammar, rng: &mut ChaCha8Rng) -> Vec<Planned> {
        // Objections are raised by the buyer; other subjects are sometimes opened by the other side.
        let lead = if g.mood == Mood::Friction || chance(rng, 0.8) {
            g.lead
        } else {
            other(g.lead)
        };
        let who = self.pick_buyer(g.roles, rng);
        self.focus = who;
        let mut out = vec![self.topic_turn(topic, g, lead, who, rng)];
        out.push(self.topic_turn(topic, g, other(lead), who, rng));
        if chance(rng, 0.3) {
            out.push(self.more_turn(topic, g, lead, who, rng));
        } else if chance(rng, 0.25) {
            let template = if self.brief.sentiment < -0.3 {
                pick(rng, vocab::BACKCHANNEL_SCEPTICAL, "okay.")
            } else {
                pick(rng, vocab::BACKCHANNEL, "okay.")
            };
            out.push(self.neutral(Speaker::Buyer, who, template, rng));
        }
        if self.buyers.len() > 1 && chance(rng, 0.25) {
            let mut colleague = rng.random_range(0..self.buyers.len() - 1);
            if colleague >= who {
                colleague += 1;
            }
            out.push(self.topic_turn(topic, g, Speaker::Buyer, colleague, rng));
            if chance(rng, 0.5) {
                self.focus = colleague;
                out.push(self.more_turn(topic, g, Speaker::Seller, colleague, rng));
            }
        }
        if let Some(last) = out.last_mut() {
            last.gap_after = rng.random_range(60..=360);
        }
        out
    }

    fn opening(&mut self, rng: &mut ChaCha8Rng) -> Vec<Planned> {
        let mut out = vec![self.neutral(
            Speaker::Seller,
            0,
            pick(rng, vocab::SMALL_TALK_SELLER, "hi all."),
            rng,
        )];
        let first = rng.random_range(0..self.buyers.len());
        out.push(self.neutral(
            Speaker::Buyer,
            first,
            pick(rng, vocab::SMALL_TALK_BUYER, "hi."),
            rng,
        ));
        if self.buyers.len() > 1 && chance(rng, 0.65) {
            out.push(self.neutral(
                Speaker::Seller,
                0,
                pick(rng, conversation::INTRO_ASK, "intros?"),
                rng,
            ));
            let champion = self
                .buyers
                .iter()
                .find(|b| b.role == Some(revpulse_graph::model::BuyingRole::Champion))
                .map_or(first_name(self.buyers[first].name), |b| first_name(b.name));
            for who in 0..self.buyers.len() {
                let me = self.buyers[who];
                let mut slots = IntroSlots {
                    voice: Voice::new(
                        &self.facts,
                        Speaker::Buyer,
                        first_name(self.brief.seller.name),
                    ),
                    me: &me,
                    champion,
                };
                let mut pool: Vec<&str> = conversation::INTRO_SELF.to_vec();
                if first_name(me.name) == champion {
                    pool.pop();
                }
                let text = render(pick(rng, &pool, "I'm {name}."), &mut slots, rng);
                out.push(Planned {
                    side: Speaker::Buyer,
                    who,
                    text,
                    labels: Vec::new(),
                    gap_after: 0,
                    transition: false,
                });
            }
        }
        out.push(self.neutral(
            Speaker::Seller,
            0,
            pick(rng, conversation::agenda(self.brief.stage), "agenda."),
            rng,
        ));
        if chance(rng, 0.6) {
            let who = rng.random_range(0..self.buyers.len());
            out.push(self.neutral(
                Speaker::Buyer,
                who,
                pick(rng, conversation::AGENDA_REPLY, "sounds good."),
                rng,
            ));
        }
        out
    }

    /// An index into a pool of `len` neutral beats not yet used on this call, if any is left.
    fn fresh(&mut self, demo: bool, len: usize, rng: &mut ChaCha8Rng) -> usize {
        let unused: Vec<usize> = (0..len)
            .filter(|i| !self.used.contains(&(demo, *i)))
            .collect();
        let i = if unused.is_empty() {
            rng.random_range(0..len.max(1))
        } else {
            unused[rng.random_range(0..unused.len())]
        };
        self.used.push((demo, i));
        i
    }

    /// A neutral discovery question and its answer, or a demo beat (narration, a buyer
    /// question, the seller's answer to that question).
    fn neutral_pair(&mut self, demo: bool, rng: &mut ChaCha8Rng) -> Vec<Planned> {
        let who = rng.random_range(0..self.buyers.len());
        self.focus = who;
        if demo {
            let narration = pick(rng, conversation::DEMO_SELLER, "here's the view.");
            let i = self.fresh(true, conversation::DEMO_BUYER.len(), rng);
            let mut out = vec![
                self.neutral(Speaker::Seller, who, narration, rng),
                self.neutral(Speaker::Buyer, who, conversation::DEMO_BUYER[i], rng),
            ];
            if let Some(answer) = conversation::DEMO_ANSWER.get(i) {
                out.push(self.neutral(Speaker::Seller, who, answer, rng));
            }
            if let Some(last) = out.last_mut() {
                last.gap_after = rng.random_range(60..=420);
            }
            out
        } else {
            let i = self.fresh(false, conversation::DISCOVERY_ASK.len(), rng);
            let answer = conversation::DISCOVERY_ANSWER
                .get(i)
                .copied()
                .unwrap_or("it varies.");
            let mut out = vec![
                self.neutral(Speaker::Seller, who, conversation::DISCOVERY_ASK[i], rng),
                self.neutral(Speaker::Buyer, who, answer, rng),
            ];
            if let Some(last) = out.last_mut() {
                last.gap_after = rng.random_range(20..=150);
            }
            out
        }
    }

    /// Removes same-speaker runs: a seller transition followed by another seller turn becomes
    /// one turn; any other run gets a short acknowledgement from the other side in between.
    fn smooth(&self, plan: Vec<Planned>, rng: &mut ChaCha8Rng) -> Vec<Planned> {
        let mut out: Vec<Planned> = Vec::with_capacity(plan.len() + 4);
        for mut p in plan {
            let same = out.last().is_some_and(|prev| {
                prev.side == p.side && (p.side == Speaker::Seller || prev.who == p.who)
            });
            if same {
                if let Some(prev) = out.pop_if(|prev| prev.transition && prev.labels.is_empty()) {
                    p.text = format!("{} {}", prev.text, p.text);
                } else {
                    let who = p.who;
                    let side = other(p.side);
                    let pool = if side == Speaker::Buyer && self.brief.sentiment < -0.3 {
                        vocab::BACKCHANNEL_SCEPTICAL
                    } else {
                        vocab::BACKCHANNEL
                    };
                    out.push(self.neutral(side, who, pick(rng, pool, "okay."), rng));
                }
            }
            out.push(p);
        }
        out
    }

    fn injection(&self, rng: &mut ChaCha8Rng) -> Vec<Planned> {
        let side = if chance(rng, 0.75) {
            Speaker::Buyer
        } else {
            Speaker::Seller
        };
        let who = rng.random_range(0..self.buyers.len());
        let text = injection::spoken(rng);
        let mut out = vec![Planned {
            side,
            who,
            text,
            labels: vec![(Topic::PromptInjection, None)],
            gap_after: 0,
            transition: false,
        }];
        out.push(self.neutral(
            other(side),
            who,
            pick(rng, injection::REACTIONS, "moving on."),
            rng,
        ));
        out
    }

    fn closing(&mut self, next_steps: Option<&TopicGrammar>, rng: &mut ChaCha8Rng) -> Vec<Planned> {
        let mut out = Vec::new();
        if next_steps.is_none() || chance(rng, 0.5) {
            out.push(self.neutral(
                Speaker::Seller,
                self.focus,
                pick(rng, vocab::RECAP, "let me recap."),
                rng,
            ));
        }
        if let Some(g) = next_steps {
            out.extend(self.segment(Topic::NextSteps, g, rng));
        }
        if next_steps.is_none() || chance(rng, 0.5) {
            let who = rng.random_range(0..self.buyers.len());
            self.focus = who;
            out.push(self.neutral(
                Speaker::Buyer,
                who,
                pick(rng, vocab::RECAP_REPLY, "that's it."),
                rng,
            ));
        }
        out.push(self.neutral(
            Speaker::Seller,
            self.focus,
            pick(rng, vocab::GOODBYES, "thanks, bye."),
            rng,
        ));
        if chance(rng, 0.5) {
            let who = rng.random_range(0..self.buyers.len());
            out.push(self.neutral(Speaker::Buyer, who, pick(rng, BUYER_BYES, "bye."), rng));
        }
        out
    }
}

/// A buyer's last word.
const BUYER_BYES: &[&str] = &[
    "[thanks|thank you], [bye|take care]!",
    "[cheers|thanks|thanks again], {you}, [bye|talk soon|speak soon|have a good one].",
    "[bye|bye now], [everyone|all]!",
];

/// The title of the call.
fn subject(brief: &CallBrief<'_>, rng: &mut ChaCha8Rng) -> String {
    let kind = pick(rng, conversation::call_kind(brief.stage), "Call");
    match rng.random_range(0..4) {
        0 => format!("{} <> {}: {kind}", brief.account_name, brief.product_line),
        1 => format!("{kind} — {}", brief.account_name),
        2 => format!(
            "{} | {} {}",
            brief.account_name,
            brief.product,
            kind.to_lowercase()
        ),
        _ => format!("{}: {kind} ({})", brief.account_name, brief.product_line),
    }
}

/// The requested topics in speaking order: deduplicated, shuffled, next steps last, prompt
/// injection removed (it is planted from the `injection` flag alone).
pub(crate) fn speaking_order(topics: &[Topic], rng: &mut ChaCha8Rng) -> (Vec<Topic>, bool) {
    let mut order: Vec<Topic> = Vec::new();
    for t in topics {
        if *t != Topic::PromptInjection && *t != Topic::NextSteps && !order.contains(t) {
            order.push(*t);
        }
    }
    order.shuffle(rng);
    (order, topics.contains(&Topic::NextSteps))
}

/// Generates a call transcript for the brief.
pub(crate) fn generate(brief: &CallBrief<'_>, rng: &mut ChaCha8Rng) -> GeneratedCall {
    let facts = Facts::new(
        Basis {
            medium: Medium::Call,
            account: brief.account_name,
            industry: brief.industry,
            line: brief.product_line,
            product: brief.product,
            amount: brief.amount,
            close_date: brief.close_date,
            today: Some(brief.at.date_naive()),
            competitor: brief.competitor,
        },
        rng,
    );
    let buyers = if brief.buyers.is_empty() {
        vec![NOBODY]
    } else {
        brief.buyers.to_vec()
    };
    let mut call = Call {
        brief,
        facts,
        buyers,
        focus: 0,
        used: Vec::new(),
        said: Vec::new(),
    };
    let subject = subject(brief, rng);

    let mut plan = call.opening(rng);
    let body_start = plan.len();
    let (order, next_steps) = speaking_order(brief.topics, rng);
    let neutral_pairs = match brief.stage {
        revpulse_graph::model::Stage::Prospecting | revpulse_graph::model::Stage::Qualification => {
            rng.random_range(1..=2)
        }
        revpulse_graph::model::Stage::Discovery => rng.random_range(1..=3),
        revpulse_graph::model::Stage::Proposal => rng.random_range(0..=1),
        _ => usize::from(chance(rng, 0.3)),
    };
    let demo_stage = matches!(
        brief.stage,
        revpulse_graph::model::Stage::Discovery | revpulse_graph::model::Stage::Proposal
    );
    for _ in 0..neutral_pairs {
        let demo = demo_stage && chance(rng, 0.6);
        plan.extend(call.neutral_pair(demo, rng));
    }

    let mut segments: Vec<Vec<Planned>> = Vec::new();
    for topic in &order {
        let Some(g) = phrases::grammar(*topic) else {
            continue;
        };
        let mut seg = Vec::new();
        if !segments.is_empty() && chance(rng, 0.4) {
            let mut transition = call.neutral(
                Speaker::Seller,
                call.focus,
                pick(rng, vocab::TRANSITIONS, "okay."),
                rng,
            );
            transition.transition = true;
            seg.push(transition);
        }
        seg.extend(call.segment(*topic, g, rng));
        segments.push(seg);
    }
    if brief.injection {
        let at = rng.random_range(0..=segments.len());
        segments.insert(at, call.injection(rng));
    }
    for seg in segments {
        plan.extend(seg);
    }
    let closing = call.closing(
        if next_steps {
            phrases::grammar(Topic::NextSteps)
        } else {
            None
        },
        rng,
    );
    plan.extend(closing);
    let mut plan = call.smooth(plan, rng);
    let mut padding = 0;
    while plan.len() < 12 && padding < 10 {
        let demo = demo_stage && chance(rng, 0.5);
        let pair = call.neutral_pair(demo, rng);
        let at = body_start.min(plan.len());
        plan.splice(at..at, pair);
        plan = call.smooth(plan, rng);
        padding += 1;
    }
    finish(brief, &call.buyers, subject, plan, rng)
}

/// Times the turns and turns labels into indexes.
fn finish(
    brief: &CallBrief<'_>,
    buyers: &[Participant<'_>],
    subject: String,
    plan: Vec<Planned>,
    rng: &mut ChaCha8Rng,
) -> GeneratedCall {
    let seller_rate = rng.random_range(2.3..3.0);
    let buyer_rates: Vec<f64> = buyers.iter().map(|_| rng.random_range(2.0..2.8)).collect();
    let mut clock: i64 = rng.random_range(2..=35);
    let mut turns = Vec::with_capacity(plan.len());
    let mut labels = Vec::new();
    for (index, p) in plan.into_iter().enumerate() {
        let (person_id, rate) = match p.side {
            Speaker::Seller => (brief.seller.id, seller_rate),
            Speaker::Buyer => (buyers[p.who].id, buyer_rates[p.who]),
        };
        let words = p.text.split_whitespace().count() as f64;
        let speaking = (words / rate).ceil() as i64 + 1;
        turns.push(TranscriptTurn {
            speaker: p.side,
            person_id: person_id.to_string(),
            offset_seconds: clock,
            text: p.text,
        });
        clock += speaking + rng.random_range(1..=6) + p.gap_after;
        for (topic, competitor) in p.labels {
            labels.push(PassageLabel {
                index,
                topic,
                competitor,
            });
        }
    }
    let duration_minutes = ((clock + rng.random_range(5..=90)) + 59) / 60;
    GeneratedCall {
        subject,
        turns,
        labels,
        duration_minutes,
    }
}
