//! Per-account signals indexed once from the records — weekly usage, tickets with the tone of
//! each customer comment, days of executive engagement, days of displacement mentions, and the
//! customer's own words — so the churn and expansion inputs can be cut as of any date.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use revpulse_analytics::competitive::churn_features::{AccountSignals, TicketSignal, UsageWeek};
use revpulse_analytics::competitive::classify::MentionKind;
use revpulse_analytics::competitive::expansion::count_expansion_interest;
use revpulse_analytics::competitive::mentions::CompetitorMention;
use revpulse_analytics::competitive::sentiment::score_passage;
use revpulse_graph::model::ActivityKind;
use revpulse_ingest::dataset::CompanyDataset;

use super::corpus::CorpusPassage;

/// Where a ticket's tone comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketTone {
    /// The support-labelled `sentiment` field.
    Labelled,
    /// The lexicon score of the customer's comments written before the as-of date.
    Lexicon,
}

/// One ticket: opening day, labelled sentiment, and per customer comment its day and the
/// scores of its opinionated sentences.
#[derive(Debug, Clone, PartialEq)]
struct TicketFacts {
    opened_on: NaiveDate,
    labelled: f64,
    comments: Vec<(NaiveDate, Vec<f64>)>,
}

/// One customer-side passage: day, opinionated sentence scores, expansion-interest sentences.
#[derive(Debug, Clone, PartialEq)]
struct VoiceFacts {
    on: NaiveDate,
    opinions: Vec<f64>,
    interest: u32,
}

/// The index.
#[derive(Debug, Clone, Default)]
pub struct AccountFacts {
    usage: HashMap<String, Vec<UsageWeek>>,
    tickets: HashMap<String, Vec<TicketFacts>>,
    exec_days: HashMap<String, Vec<NaiveDate>>,
    displacement_days: HashMap<String, Vec<NaiveDate>>,
    voice: HashMap<String, Vec<VoiceFacts>>,
}

impl AccountFacts {
    /// Indexes the records; `mentions` pairs each mention with the corpus passage it came from.
    pub fn build(
        ds: &CompanyDataset,
        corpus: &[CorpusPassage<'_>],
        mentions: &[(usize, CompetitorMention)],
    ) -> Self {
        let mut facts = Self::default();
        for u in &ds.usage {
            facts
                .usage
                .entry(u.account_id.clone())
                .or_default()
                .push(UsageWeek {
                    week_start: u.week_start,
                    active_users: u.active_users as f64,
                    licensed_seats: u.licensed_seats as f64,
                });
        }
        facts.index_tickets(ds);
        facts.index_exec_engagement(ds);
        for (p, m) in mentions {
            if m.kind == MentionKind::Displacement {
                let passage = &corpus[*p];
                facts
                    .displacement_days
                    .entry(passage.account_id.to_string())
                    .or_default()
                    .push(passage.at.date_naive());
            }
        }
        for p in corpus.iter().filter(|p| p.by_customer != Some(false)) {
            let scored = score_passage(p.passage.text);
            facts
                .voice
                .entry(p.account_id.to_string())
                .or_default()
                .push(VoiceFacts {
                    on: p.at.date_naive(),
                    opinions: scored.opinionated().map(|s| s.score).collect(),
                    interest: count_expansion_interest(p.passage.text),
                });
        }
        facts
    }

    fn index_tickets(&mut self, ds: &CompanyDataset) {
        for t in &ds.tickets {
            let comments = t
                .comments
                .iter()
                .filter(|c| t.contact_id.as_deref() == Some(c.author_id.as_str()))
                .map(|c| {
                    (
                        c.at.date_naive(),
                        score_passage(&c.body)
                            .opinionated()
                            .map(|s| s.score)
                            .collect(),
                    )
                })
                .collect();
            self.tickets
                .entry(t.account_id.clone())
                .or_default()
                .push(TicketFacts {
                    opened_on: t.opened_at.date_naive(),
                    labelled: t.sentiment,
                    comments,
                });
        }
    }

    /// Days a customer executive took part in a call or meeting after the sale: customer
    /// success activities and renewal or expansion deals (new-business calls are the sale
    /// itself, not engagement with a customer).
    fn index_exec_engagement(&mut self, ds: &CompanyDataset) {
        let execs: HashSet<&str> = ds
            .contacts
            .iter()
            .filter(|c| c.persona == "executive")
            .map(|c| c.id.as_str())
            .collect();
        let new_business: HashSet<&str> = ds
            .opportunities
            .iter()
            .filter(|o| o.deal_type == "new_business")
            .map(|o| o.id.as_str())
            .collect();
        for a in ds
            .activities
            .iter()
            .filter(|a| a.kind != ActivityKind::Email)
        {
            let sale = a
                .opportunity_id
                .as_deref()
                .is_some_and(|o| new_business.contains(o));
            if !sale && a.contact_ids.iter().any(|c| execs.contains(c.as_str())) {
                self.exec_days
                    .entry(a.account_id.clone())
                    .or_default()
                    .push(a.at.date_naive());
            }
        }
    }

    /// The churn signals of an account, holding only what happened before `as_of`.
    pub fn churn_signals(
        &self,
        account: &str,
        as_of: NaiveDate,
        tone: TicketTone,
    ) -> AccountSignals {
        let before = |days: Option<&Vec<NaiveDate>>| -> Vec<NaiveDate> {
            days.map(|d| d.iter().filter(|x| **x < as_of).copied().collect())
                .unwrap_or_default()
        };
        let tickets = self
            .tickets
            .get(account)
            .map(|ts| {
                ts.iter()
                    .filter(|t| t.opened_on < as_of)
                    .map(|t| ticket_signal(t, as_of, tone))
                    .collect()
            })
            .unwrap_or_default();
        AccountSignals {
            usage: self
                .usage
                .get(account)
                .map(|u| {
                    u.iter()
                        .filter(|w| (as_of - w.week_start).num_days() >= 7)
                        .copied()
                        .collect()
                })
                .unwrap_or_default(),
            tickets,
            exec_engagements: before(self.exec_days.get(account)),
            displacement_mentions: before(self.displacement_days.get(account)),
        }
    }

    /// Mean opinionated-sentence sentiment and expansion-interest sentences of the customer's
    /// own words in the `days` before `as_of`.
    pub fn voice(&self, account: &str, as_of: NaiveDate, days: i64) -> (Option<f64>, u32) {
        let recent: Vec<&VoiceFacts> = self
            .voice
            .get(account)
            .map(|v| {
                v.iter()
                    .filter(|f| f.on < as_of && (as_of - f.on).num_days() <= days)
                    .collect()
            })
            .unwrap_or_default();
        let opinions: Vec<f64> = recent
            .iter()
            .flat_map(|f| f.opinions.iter().copied())
            .collect();
        (
            revpulse_analytics::stats::mean(&opinions),
            recent.iter().map(|f| f.interest).sum(),
        )
    }
}

/// A ticket's signal as of a date: labelled tone, or the lexicon tone of the customer's comments
/// written before that date (neutral when none of them carries an opinion).
fn ticket_signal(t: &TicketFacts, as_of: NaiveDate, tone: TicketTone) -> TicketSignal {
    let sentiment = match tone {
        TicketTone::Labelled => t.labelled,
        TicketTone::Lexicon => {
            let scores: Vec<f64> = t
                .comments
                .iter()
                .filter(|(d, _)| *d < as_of)
                .flat_map(|(_, s)| s.iter().copied())
                .collect();
            revpulse_analytics::stats::mean(&scores).unwrap_or(0.0)
        }
    };
    TicketSignal {
        opened_on: t.opened_on,
        sentiment,
    }
}
