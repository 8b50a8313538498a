//! Customer-success activity with existing customers, outside any deal: quarterly business
//! reviews (with executives only when the term's latent exec engagement is on), check-in
//! emails and health-check calls whose topics follow the term's health.

use chrono::Duration;
use rand::Rng;
use revpulse_graph::model::{ActivityKind, Segment, Stage};

use super::account_plan::AccountPlan;
use super::accounts::AccountProfile;
use super::activities::{ActivityPlan, competitor_topic};
use super::calendar::{Calendar, add_days, at_minute, days_between, work_minute};
use super::rng::{Stream, chance, key, poisson, stream};
use super::text::EmailDirection;
use super::topics::{TopicContext, conversation_topics, email_topics, sentiment};
use super::win_model::DealDrivers;
use revpulse_graph::model::Contact;

/// Per term year: (check-in emails, health-check calls, business reviews).
fn rates(segment: Segment) -> (f64, f64, f64) {
    match segment {
        Segment::Smb => (1.5, 0.3, 0.4),
        Segment::MidMarket => (2.5, 0.6, 1.8),
        Segment::Enterprise => (3.5, 1.0, 3.5),
    }
}

fn persona_contacts(
    contacts: &[Contact],
    range: std::ops::Range<usize>,
    personas: &[&str],
) -> Vec<usize> {
    range
        .filter(|c| personas.contains(&contacts[*c].persona.as_str()))
        .collect()
}

/// Plans the customer-success activities of one account up to today.
pub(crate) fn plan_customer_activities(
    seed: u64,
    calendar: &Calendar,
    account: &AccountProfile,
    plan: &AccountPlan,
    contacts: &[Contact],
    out: &mut Vec<ActivityPlan>,
) {
    let mut rng = stream(seed, Stream::Customer, account.index as u64);
    let execs = persona_contacts(contacts, account.contacts.clone(), &["executive"]);
    let users = persona_contacts(
        contacts,
        account.contacts.clone(),
        &["sales", "operations", "data", "it", "marketing"],
    );
    let fallback: Vec<usize> = account.contacts.clone().collect();
    let users = if users.is_empty() { fallback } else { users };
    let mut n = 0u64;
    for (t, term) in plan.terms.iter().enumerate() {
        let from = term.start.max(calendar.start);
        let to = term.end.min(calendar.today);
        if to <= from {
            continue;
        }
        let years = days_between(from, to) as f64 / 365.0;
        let (e, c, m) = rates(account.segment);
        let h = &term.health;
        let arr: i64 = term.contracts.iter().map(|k| plan.contracts[*k].arr).sum();
        let main = term.contracts.first().map(|k| &plan.contracts[*k]);
        let (line, product) = main.map_or((0, 0), |k| (k.line, k.product));
        let drivers = DealDrivers {
            exec_engaged: h.exec_engaged,
            engaged_contacts: 2,
            champion_strength: if h.churns { 0.35 } else { 0.65 },
            competitor: h.competitor,
            pricing_pressure: false,
            procurement_delay: false,
            campaigns: Vec::new(),
            campaign_weight: 0.0,
            content: Vec::new(),
            cycle_multiplier: 1.0,
            rep_skill: 0.0,
        };
        let mut kinds = Vec::new();
        kinds.extend(std::iter::repeat_n(
            ActivityKind::Email,
            poisson(&mut rng, e * years) as usize,
        ));
        kinds.extend(std::iter::repeat_n(
            ActivityKind::Call,
            poisson(&mut rng, c * years) as usize,
        ));
        kinds.extend(std::iter::repeat_n(
            ActivityKind::Meeting,
            poisson(&mut rng, m * years) as usize,
        ));
        for kind in kinds {
            let day =
                super::calendar::next_workday(Calendar::date_between(&mut rng, from, to)).min(to);
            let at = at_minute(day, work_minute(&mut rng));
            let exec_present =
                kind == ActivityKind::Meeting && h.exec_engaged && chance(&mut rng, 0.85);
            let mut people = Vec::new();
            if let Some(x) = super::rng::pick(&mut rng, &users) {
                people.push(*x);
            }
            if exec_present
                && let Some(x) = super::rng::pick(&mut rng, &execs)
                && !people.contains(x)
            {
                people.push(*x);
            }
            if people.is_empty() {
                continue;
            }
            let days_to_renewal = days_between(day, term.end);
            let ctx = TopicContext {
                stage: Stage::ClosedWon,
                segment: account.segment,
                drivers: &drivers,
                competitor_active: false,
                exec_present,
                expansion: false,
                health: Some(h),
                days_to_renewal: Some(days_to_renewal),
                heading_to_loss: false,
            };
            let topics = if kind == ActivityKind::Email {
                email_topics(&mut rng, &ctx)
            } else {
                conversation_topics(&mut rng, &ctx)
            };
            let at = at + Duration::minutes(rng.random_range(0..30));
            n += 1;
            out.push(ActivityPlan {
                kind,
                at,
                account: account.index,
                deal: None,
                user: account.csm,
                contacts: people,
                sentiment: sentiment(&mut rng, &ctx),
                competitor: if topics.iter().any(|x| competitor_topic(*x)) {
                    h.competitor
                } else {
                    None
                },
                topics,
                stage: Stage::ClosedWon,
                amount: arr,
                close_date: add_days(term.end, 0),
                line,
                product,
                direction: if chance(&mut rng, 0.6) {
                    EmailDirection::SellerToBuyer
                } else {
                    EmailDirection::BuyerToSeller
                },
                injection: false,
                text_key: key(&[account.index as u64, 2, t as u64, n]),
            });
        }
    }
}
