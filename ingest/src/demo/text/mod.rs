//! Text grammars of the demo company: call transcripts, sales emails and support tickets,
//! generated deterministically from a deal's facts, each passage carrying its exact labels.
//!
//! The search and eval stacks are scored against these labels, so they are ground truth by
//! construction: a passage (transcript turn, email, ticket comment) gets a [`PassageLabel`] for
//! each topic it was generated to talk about, and its `competitor` is set exactly when the
//! passage names the competitor (canonical name or alias; a later mention in the same passage
//! may be lightly misspelled, the first never is). Neutral framing — small talk, agenda,
//! discovery questions, demo narration, recaps — carries no label and no topic content.
//!
//! Text comes from phrase books written in a small template language (`grammar`): every
//! topic has a dozen or so core lines and follow-ups per side, each with several alternation
//! points, so 500 calls contain about 0.68 distinct sentences per sentence (0.77 for sentences
//! of six words or more; see `tests::sentences_vary_across_many_calls`). Numbers are derived
//! once per artefact (`facts`): the seat count is a pure function of the amount, discounts and
//! the competitor's quote are percentages of it, and dates are the close date, dates relative
//! to the call's start, or a go-live after the close. Only the passed RNG is used.
//!
//! Layout: `call`, `email` and `ticket` assemble artefacts; `phrases/` holds the phrase books;
//! `vocabulary` the shared glue; `facts`, `numbers` and `competitor` fill slots; `injection`
//! plants prompt-injection passages.

mod call;
mod competitor;
mod email;
mod facts;
mod grammar;
mod injection;
mod numbers;
mod phrases;
mod ticket;
mod vocabulary;

#[cfg(test)]
mod tests;

use rand_chacha::ChaCha8Rng;

pub use revpulse_graph::model::{BuyingRole, Speaker, Stage, TranscriptTurn};

/// A person on a call or email.
#[derive(Debug, Clone, Copy)]
pub struct Participant<'a> {
    /// User id (seller) or contact id (buyer).
    pub id: &'a str,
    /// Full name.
    pub name: &'a str,
    /// Job title.
    pub title: &'a str,
    /// Buying role on the deal (buyers only).
    pub role: Option<BuyingRole>,
}

/// What a passage talks about; also the ground-truth label of a passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    /// "Too expensive", budget, discount asks, per-seat vs platform, multi-year.
    PricingObjection,
    /// Price compared against the named competitor's quote.
    PricingComparison,
    /// A concrete missing capability.
    FeatureGap,
    /// The competitor is named as being in the evaluation.
    CompetitorMention,
    /// Moving off the competitor (calls, emails) or threatening to move to it (tickets).
    Displacement,
    /// Security questionnaire, pen test, SOC 2 review.
    SecurityReview,
    /// Purchasing process slowing the deal.
    ProcurementDelay,
    /// Spending frozen.
    BudgetFreeze,
    /// Contract redlines, DPA, MSA.
    LegalReview,
    /// Executive sponsorship and sign-off.
    ExecAlignment,
    /// Connecting to other systems.
    Integration,
    /// Rollout and onboarding.
    Implementation,
    /// Dates and deadlines for the decision.
    Timeline,
    /// Agreed next steps with dates.
    NextSteps,
    /// The buyer confirms the value.
    ValueConfirmation,
    /// Fewer people using the product.
    UsageDecline,
    /// Unhappy with support.
    SupportFrustration,
    /// The renewal is at risk.
    RenewalRisk,
    /// Interest in more seats or products.
    ExpansionInterest,
    /// Planted prompt-injection text.
    PromptInjection,
}

impl Topic {
    /// Every topic, in declaration order.
    pub const ALL: [Topic; 20] = [
        Self::PricingObjection,
        Self::PricingComparison,
        Self::FeatureGap,
        Self::CompetitorMention,
        Self::Displacement,
        Self::SecurityReview,
        Self::ProcurementDelay,
        Self::BudgetFreeze,
        Self::LegalReview,
        Self::ExecAlignment,
        Self::Integration,
        Self::Implementation,
        Self::Timeline,
        Self::NextSteps,
        Self::ValueConfirmation,
        Self::UsageDecline,
        Self::SupportFrustration,
        Self::RenewalRisk,
        Self::ExpansionInterest,
        Self::PromptInjection,
    ];
}

/// Exact label of a generated passage: turn index (transcripts), message index (emails: 0) or
/// comment index (tickets).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PassageLabel {
    /// Turn, message or comment index.
    pub index: usize,
    /// What the passage talks about.
    pub topic: Topic,
    /// Canonical competitor name when the passage names a competitor.
    pub competitor: Option<String>,
}

/// The facts a call transcript is generated from.
#[derive(Debug, Clone)]
pub struct CallBrief<'a> {
    /// Buying account's name.
    pub account_name: &'a str,
    /// Account's industry.
    pub industry: &'a str,
    /// Product line being sold.
    pub product_line: &'a str,
    /// Main product being sold.
    pub product: &'a str,
    /// Deal stage at the time of the call.
    pub stage: Stage,
    /// Deal amount in dollars.
    pub amount: i64,
    /// Expected close date.
    pub close_date: chrono::NaiveDate,
    /// When the call started.
    pub at: chrono::DateTime<chrono::Utc>,
    /// The rep.
    pub seller: Participant<'a>,
    /// Buyer-side participants (at least one).
    pub buyers: &'a [Participant<'a>],
    /// Competitor in play (canonical name) and the aliases it may be called by in speech (use
    /// aliases, possessives, lowercase, an occasional light misspelling sometimes; the label
    /// always carries the canonical name).
    pub competitor: Option<(&'a str, &'a [String])>,
    /// The topics this call must contain (each at least once, labelled); the grammar may add
    /// neutral small talk / agenda / recap turns with no label.
    pub topics: &'a [Topic],
    /// Tone target in [-1, 1]: negative = frustrated, sceptical buyer; positive = warm, engaged.
    pub sentiment: f64,
    /// Plant a prompt-injection passage, labelled [`Topic::PromptInjection`].
    pub injection: bool,
}

/// A generated call.
#[derive(Debug, Clone)]
pub struct GeneratedCall {
    /// Meeting title.
    pub subject: String,
    /// Speaker turns in order.
    pub turns: Vec<TranscriptTurn>,
    /// Labels; `index` is a turn index.
    pub labels: Vec<PassageLabel>,
    /// Call length in minutes.
    pub duration_minutes: i64,
}

/// Generates a call transcript for the brief: 12–40 turns (typically), offsets increasing at
/// realistic speaking rates, `person_id`s taken from the participants, every requested topic
/// labelled on at least one turn (`Topic::PromptInjection` in `topics` is ignored — planting is
/// controlled by `injection` alone), and a prompt-injection turn only when `injection` is set.
/// An empty `buyers` slice is tolerated (buyer turns then carry an empty `person_id`).
pub fn call_transcript(brief: &CallBrief<'_>, rng: &mut ChaCha8Rng) -> GeneratedCall {
    call::generate(brief, rng)
}

/// Who writes an email.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailDirection {
    /// The rep writes to the buyer.
    SellerToBuyer,
    /// The buyer writes to the rep.
    BuyerToSeller,
}

/// The facts an email is generated from.
#[derive(Debug, Clone)]
pub struct EmailBrief<'a> {
    /// Who writes.
    pub direction: EmailDirection,
    /// Buying account's name.
    pub account_name: &'a str,
    /// Product line being sold.
    pub product_line: &'a str,
    /// Deal stage.
    pub stage: Stage,
    /// Deal amount in dollars.
    pub amount: i64,
    /// Expected close date.
    pub close_date: chrono::NaiveDate,
    /// The rep.
    pub seller: Participant<'a>,
    /// The buyer.
    pub buyer: Participant<'a>,
    /// Competitor in play (canonical name, aliases).
    pub competitor: Option<(&'a str, &'a [String])>,
    /// Topics the email must contain.
    pub topics: &'a [Topic],
    /// Tone target in [-1, 1].
    pub sentiment: f64,
    /// Plant a prompt-injection passage.
    pub injection: bool,
}

/// A generated email.
#[derive(Debug, Clone)]
pub struct GeneratedEmail {
    /// Subject line.
    pub subject: String,
    /// Body text.
    pub body: String,
    /// Labels; `index` is always 0 (the one message).
    pub labels: Vec<PassageLabel>,
}

/// Generates an email for the brief: one paragraph per requested topic in the writer's voice,
/// all labels at index 0, a planted injection paragraph only when `injection` is set.
pub fn email(brief: &EmailBrief<'_>, rng: &mut ChaCha8Rng) -> GeneratedEmail {
    email::generate(brief, rng)
}

/// The facts a support ticket is generated from.
#[derive(Debug, Clone)]
pub struct TicketBrief<'a> {
    /// Customer account's name.
    pub account_name: &'a str,
    /// Product line the ticket is about.
    pub product_line: &'a str,
    /// The contact who raised it.
    pub customer: Participant<'a>,
    /// The support agent's name.
    pub agent_name: &'a str,
    /// Topics the ticket must contain.
    pub topics: &'a [Topic],
    /// Customer sentiment in [-1, 1].
    pub sentiment: f64,
    /// Ticket priority.
    pub priority: revpulse_graph::model::TicketPriority,
    /// Competitor hinted at (canonical name, aliases).
    pub competitor: Option<(&'a str, &'a [String])>,
    /// How many comments to write.
    pub comment_count: usize,
}

/// A generated ticket.
#[derive(Debug, Clone)]
pub struct GeneratedTicket {
    /// Subject line.
    pub subject: String,
    /// (written_by_customer, body) in order.
    pub comments: Vec<(bool, String)>,
    /// Labels; `index` is a comment index.
    pub labels: Vec<PassageLabel>,
}

/// Generates a support ticket for the brief: exactly `max(comment_count, 1)` comments
/// alternating customer/agent (the customer opens it), about one product problem (sync, SSO,
/// dashboards, export, billing, API limits, permissions — nudged by the topics), with each
/// requested topic carried by a labelled sentence in a customer comment. Tickets never contain
/// injections.
pub fn ticket(brief: &TicketBrief<'_>, rng: &mut ChaCha8Rng) -> GeneratedTicket {
    ticket::generate(brief, rng)
}
