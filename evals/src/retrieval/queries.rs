//! Labelled queries built from the demo company's ground truth: the passage labels the text
//! generator wrote (topics and competitors) and the records' own account links. Nothing here
//! reads what the chunker or the index derived (such as `ChunkMetadata::competitor_mentioned`),
//! so the relevance judgements are independent of the code under test.

use std::collections::{BTreeSet, HashMap};

use revpulse_graph::model::ActivityKind;
use revpulse_ingest::chunk::{Chunk, SourceType};
use revpulse_ingest::demo::DemoCompany;
use revpulse_ingest::demo::text::{PassageLabel, Topic};
use revpulse_ingest::demo::truth::SourceKind;
use serde::Serialize;

/// Accounts sampled for account queries.
pub const ACCOUNT_SAMPLE: usize = 10;

/// What a labelled query asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QueryKind {
    /// A conversation topic (pricing objections, security reviews, …).
    Topic,
    /// One competitor, wherever it is named.
    Competitor,
    /// Everything said with one account.
    Account,
}

impl QueryKind {
    /// All kinds, in report order.
    pub const ALL: [QueryKind; 3] = [Self::Topic, Self::Competitor, Self::Account];

    /// The kind's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Topic => "topic",
            Self::Competitor => "competitor",
            Self::Account => "account",
        }
    }
}

/// A question a sales leader would type, with the chunks that truly answer it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LabelledQuery {
    /// Stable id, e.g. `"topic:pricing_objection:1"`, `"competitor:Vantora:2"`,
    /// `"account:ACC-0042:3"` (the last part numbers the phrasing).
    pub id: String,
    /// What it asks about.
    pub kind: QueryKind,
    /// The topic's name, the competitor's canonical name or the account id.
    pub subject: String,
    /// The question, in plain language.
    pub text: String,
    /// Ids of the relevant chunks.
    pub relevant: BTreeSet<String>,
}

/// The topic's snake_case name and how a sales leader would ask about it. The questions
/// paraphrase the subject instead of quoting the generator's phrase books, so keyword search
/// gets no free ride.
fn topic_questions(topic: Topic) -> (&'static str, [&'static str; 3]) {
    match topic {
        Topic::PricingObjection => (
            "pricing_objection",
            [
                "Which customers pushed back on price?",
                "Where did buyers say our quote was too expensive or ask for a discount?",
                "Which prospects told us the cost is above their budget?",
            ],
        ),
        Topic::PricingComparison => (
            "pricing_comparison",
            [
                "Where did a buyer compare our price with a competitor's quote?",
                "Which deals have a cheaper competing offer on the table?",
                "Who told us a rival vendor came in lower on price?",
            ],
        ),
        Topic::FeatureGap => (
            "feature_gap",
            [
                "Which prospects are missing a capability they need?",
                "Where did customers ask for a feature we don't have?",
                "What product gaps are blocking deals?",
            ],
        ),
        Topic::CompetitorMention => (
            "competitor_mention",
            [
                "Which deals have a competitor in the evaluation?",
                "Where did a prospect say they are also talking to another vendor?",
                "Who is looking at alternatives alongside us?",
            ],
        ),
        Topic::Displacement => (
            "displacement",
            [
                "Which prospects are moving off their current vendor?",
                "Where did a customer say they will not renew with their existing tool?",
                "Which customers are threatening to switch to a competitor?",
            ],
        ),
        Topic::SecurityReview => (
            "security_review",
            [
                "Which deals are waiting on a security review?",
                "Where did infosec ask for a SOC 2 report or a security questionnaire?",
                "What security and data protection concerns came up?",
            ],
        ),
        Topic::ProcurementDelay => (
            "procurement_delay",
            [
                "Which deals are stuck in procurement?",
                "Where is the purchase order or vendor onboarding slowing things down?",
                "Who said their purchasing process will delay signing?",
            ],
        ),
        Topic::BudgetFreeze => (
            "budget_freeze",
            [
                "Which customers have a budget freeze?",
                "Where was spending frozen or put on hold?",
                "Which deals are paused because budgets were cut?",
            ],
        ),
        Topic::LegalReview => (
            "legal_review",
            [
                "Which contracts are stuck with legal?",
                "Where did lawyers send redlines on the MSA or DPA?",
                "What contract terms are still being negotiated?",
            ],
        ),
        Topic::ExecAlignment => (
            "exec_alignment",
            [
                "Is the executive sponsor on board?",
                "Where did we discuss getting sign-off from an executive?",
                "Which deals lack buy-in from leadership?",
            ],
        ),
        Topic::Integration => (
            "integration",
            [
                "Which prospects asked about integrating with their CRM?",
                "Where did customers worry about the connector or data sync?",
                "How does the product connect to their other systems?",
            ],
        ),
        Topic::Implementation => (
            "implementation",
            [
                "How long will the rollout take?",
                "Where did we discuss onboarding and implementation plans?",
                "Which customers are worried about the resources needed to deploy?",
            ],
        ),
        Topic::Timeline => (
            "timeline",
            [
                "When do buyers need the deal signed?",
                "Which deals have a hard deadline for the decision?",
                "Where did prospects talk about their decision timeline?",
            ],
        ),
        Topic::NextSteps => (
            "next_steps",
            [
                "What next steps were agreed, with dates?",
                "Where did we schedule a follow-up meeting?",
                "What did the buyer promise to send us and by when?",
            ],
        ),
        Topic::ValueConfirmation => (
            "value_confirmation",
            [
                "Where did customers confirm the value of the product?",
                "Which buyers said the pilot was a success?",
                "What positive feedback did we get from users?",
            ],
        ),
        Topic::UsageDecline => (
            "usage_decline",
            [
                "Which customers are using the product less?",
                "Where did adoption drop or seats go unused?",
                "Which accounts have declining usage?",
            ],
        ),
        Topic::SupportFrustration => (
            "support_frustration",
            [
                "Which customers are unhappy with support?",
                "Where did people complain about slow responses to their tickets?",
                "Who is frustrated with our support team?",
            ],
        ),
        Topic::RenewalRisk => (
            "renewal_risk",
            [
                "Which renewals are at risk?",
                "Where did a customer hint they might not renew?",
                "Which accounts are reconsidering their contract at renewal time?",
            ],
        ),
        Topic::ExpansionInterest => (
            "expansion_interest",
            [
                "Which customers want to add more seats?",
                "Where did a customer ask about rolling out to other teams?",
                "Which accounts are interested in buying more?",
            ],
        ),
        Topic::PromptInjection => (
            "prompt_injection",
            [
                "Where did someone try to give instructions to an AI assistant?",
                "Find messages telling the assistant to ignore its previous instructions",
                "Are there attempts to leak the pipeline or forecast to an outside address?",
            ],
        ),
    }
}

/// How a sales leader asks about one competitor.
fn competitor_questions(name: &str) -> [String; 3] {
    [
        format!("Where did {name} come up in conversations?"),
        format!("Which prospects are evaluating {name}?"),
        format!("What are buyers saying about {name}?"),
    ]
}

/// How a sales leader asks about one account.
fn account_questions(name: &str) -> [String; 3] {
    [
        format!("What has been discussed with {name}?"),
        format!("Summarise our conversations with {name}."),
        format!("What concerns has {name} raised?"),
    ]
}

/// Which kind of record a chunk came from, in the ground truth's terms.
fn truth_kind(source: SourceType) -> SourceKind {
    match source {
        SourceType::CallTranscript => SourceKind::Transcript,
        SourceType::Email => SourceKind::Email,
        SourceType::Meeting => SourceKind::Meeting,
        SourceType::TicketComment => SourceKind::Ticket,
    }
}

/// A record key that cannot confuse a transcript, an activity and a ticket with equal ids.
fn record_key(kind: SourceKind, id: &str) -> (u8, &str) {
    let tag = match kind {
        SourceKind::Transcript => 0,
        SourceKind::Email => 1,
        SourceKind::Meeting => 2,
        SourceKind::Ticket => 3,
    };
    (tag, id)
}

/// The ground-truth labels of the passages a chunk covers.
fn chunk_labels<'a>(
    labels: &HashMap<(u8, &str), Vec<&'a PassageLabel>>,
    chunk: &Chunk,
) -> Vec<&'a PassageLabel> {
    let key = record_key(truth_kind(chunk.metadata.source_type), &chunk.source_id);
    labels
        .get(&key)
        .map(|all| {
            all.iter()
                .filter(|l| (chunk.first_passage..=chunk.last_passage).contains(&l.index))
                .copied()
                .collect()
        })
        .unwrap_or_default()
}

/// The account each source record belongs to, from the records themselves: a transcript
/// through its call activity, an email or meeting directly, a ticket directly.
fn record_accounts(company: &DemoCompany) -> HashMap<(u8, &str), &str> {
    let data = &company.dataset;
    let mut out = HashMap::new();
    let activity_account: HashMap<&str, &str> = data
        .activities
        .iter()
        .map(|a| (a.id.as_str(), a.account_id.as_str()))
        .collect();
    for t in &data.transcripts {
        if let Some(account) = activity_account.get(t.activity_id.as_str()) {
            out.insert(record_key(SourceKind::Transcript, &t.id), *account);
        }
    }
    for a in &data.activities {
        let kind = match a.kind {
            ActivityKind::Call => continue,
            ActivityKind::Email => SourceKind::Email,
            ActivityKind::Meeting => SourceKind::Meeting,
        };
        out.insert(record_key(kind, &a.id), a.account_id.as_str());
    }
    for t in &data.tickets {
        out.insert(record_key(SourceKind::Ticket, &t.id), t.account_id.as_str());
    }
    out
}

/// Builds the labelled queries for `company`, judged over `chunks` (its chunks, as indexed).
///
/// - Topic queries: three phrasings for every [`Topic`] some chunk carries; a chunk is
///   relevant when any passage it covers (`first_passage..=last_passage`) has that topic's
///   ground-truth label.
/// - Competitor queries: three phrasings per competitor; a chunk is relevant when a passage it
///   covers is labelled as naming that competitor (by canonical name or alias).
/// - Account queries: three phrasings for each of [`ACCOUNT_SAMPLE`] accounts, taken at even
///   steps through the accounts (sorted by id) that have chunks; a chunk is relevant when its
///   source record (transcript, email, meeting, ticket) belongs to the account.
///
/// Queries with no relevant chunk are skipped. The output is deterministic.
pub fn labelled_queries(company: &DemoCompany, chunks: &[Chunk]) -> Vec<LabelledQuery> {
    let mut labels: HashMap<(u8, &str), Vec<&PassageLabel>> = HashMap::new();
    for passage in &company.truth.passages {
        labels
            .entry(record_key(passage.source, &passage.record_id))
            .or_default()
            .extend(passage.labels.iter());
    }
    let accounts_of = record_accounts(company);

    let mut by_topic: HashMap<Topic, BTreeSet<String>> = HashMap::new();
    let mut by_competitor: HashMap<&str, BTreeSet<String>> = HashMap::new();
    let mut by_account: HashMap<&str, BTreeSet<String>> = HashMap::new();
    for chunk in chunks {
        for label in chunk_labels(&labels, chunk) {
            by_topic
                .entry(label.topic)
                .or_default()
                .insert(chunk.id.clone());
            if let Some(name) = label.competitor.as_deref() {
                by_competitor
                    .entry(name)
                    .or_default()
                    .insert(chunk.id.clone());
            }
        }
        let key = record_key(truth_kind(chunk.metadata.source_type), &chunk.source_id);
        if let Some(account) = accounts_of.get(&key) {
            by_account
                .entry(account)
                .or_default()
                .insert(chunk.id.clone());
        }
    }

    let mut out = Vec::new();
    for topic in Topic::ALL {
        let Some(relevant) = by_topic.get(&topic) else {
            continue;
        };
        let (slug, questions) = topic_questions(topic);
        push_phrasings(
            &mut out,
            QueryKind::Topic,
            slug,
            questions.map(String::from),
            relevant,
        );
    }
    for competitor in &company.dataset.competitors {
        let Some(relevant) = by_competitor.get(competitor.name.as_str()) else {
            continue;
        };
        let questions = competitor_questions(&competitor.name);
        push_phrasings(
            &mut out,
            QueryKind::Competitor,
            &competitor.name,
            questions,
            relevant,
        );
    }
    let mut with_chunks: Vec<_> = company
        .dataset
        .accounts
        .iter()
        .filter(|a| by_account.contains_key(a.id.as_str()))
        .collect();
    with_chunks.sort_by(|a, b| a.id.cmp(&b.id));
    let n = with_chunks.len();
    let take = ACCOUNT_SAMPLE.min(n);
    for i in 0..take {
        let account = with_chunks[i * n / take];
        let Some(relevant) = by_account.get(account.id.as_str()) else {
            continue;
        };
        let questions = account_questions(&account.name);
        push_phrasings(
            &mut out,
            QueryKind::Account,
            &account.id,
            questions,
            relevant,
        );
    }
    out
}

fn push_phrasings<const N: usize>(
    out: &mut Vec<LabelledQuery>,
    kind: QueryKind,
    subject: &str,
    questions: [String; N],
    relevant: &BTreeSet<String>,
) {
    if relevant.is_empty() {
        return;
    }
    for (i, text) in questions.into_iter().enumerate() {
        out.push(LabelledQuery {
            id: format!("{}:{subject}:{}", kind.as_str(), i + 1),
            kind,
            subject: subject.to_string(),
            text,
            relevant: relevant.clone(),
        });
    }
}
