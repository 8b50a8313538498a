//! The facts one generated call, email or ticket is written from, fixed once per artefact so
//! every number and name it mentions (seats, discounts, the competitor's quote, dates, the
//! missing feature) agrees across all its passages; and [`Voice`], which fills template slots
//! from them for one speaker.

use chrono::{Datelike, Duration, Months, NaiveDate};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use revpulse_graph::model::Speaker;

use super::competitor;
use super::grammar::{Fill, Slots, chance, choose, expand, pick};
use super::numbers::{self, less_pct};
use super::vocabulary::{
    ACKS_SPOKEN, ACKS_WRITTEN, CONNECTIVES, EXECS, FEATURES, FILLERS, Feature, HEDGES, LEGAL_ITEMS,
    SECURITY_ITEMS, SYSTEMS, TAGS,
};

/// Where the text will appear; spoken text gets fillers, written text does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Medium {
    /// A call transcript.
    Call,
    /// An email.
    Email,
    /// A support ticket.
    Ticket,
}

/// The brief's own facts, common to calls, emails and tickets.
pub(crate) struct Basis<'a> {
    pub medium: Medium,
    pub account: &'a str,
    pub industry: &'a str,
    pub line: &'a str,
    pub product: &'a str,
    pub amount: i64,
    pub close_date: NaiveDate,
    /// The day the text is written, when known (calls).
    pub today: Option<NaiveDate>,
    pub competitor: Option<(&'a str, &'a [String])>,
}

/// Follow-up deliverables a seller promises (templates of slots only, so they stay identical).
const FOLLOWUP_ITEMS: &[&str] = &[
    "the revised proposal",
    "the security package",
    "a draft order form",
    "the ROI model",
    "two {industry} references",
    "the implementation plan",
    "the redlined MSA",
    "the three-year TCO comparison",
    "the mutual action plan",
];

/// Tasks the buyer takes away (templates of slots only).
const BUYER_TASKS: &[&str] = &[
    "get {security} over to infosec",
    "confirm the final seat count with finance",
    "set up time with {exec}",
    "send over our legal redlines",
    "get procurement started on vendor onboarding",
    "share the {system} field list with your SE",
    "pull together the success criteria for the pilot",
    "brief {exec} on the proposal",
];

/// Who else the buyer will bring in (templates of slots only).
const NEXT_OWNERS: &[&str] = &[
    "{exec}",
    "our IT lead",
    "someone from procurement",
    "our RevOps manager",
    "our legal counsel",
    "the {system} admin",
];

/// Kinds of follow-up meeting.
const MEETING_KINDS: &[&str] = &[
    "technical deep dive",
    "pricing review",
    "security call",
    "exec briefing",
    "demo for the wider team",
    "proposal walkthrough",
    "working session",
];

/// Spoken stand-ins for a weekday when the writing date is unknown (emails).
const VAGUE_SOON: &[&str] = &[
    "early next week",
    "end of this week",
    "Thursday",
    "Friday",
    "Monday",
    "midweek",
];

/// The artefact's facts, fixed once so repeated mentions agree.
pub(crate) struct Facts<'a> {
    pub basis: Basis<'a>,
    pub seats: i64,
    pub per_seat: i64,
    pub discount_ask: i64,
    pub offer: i64,
    pub multi_offer: i64,
    pub comp_gap: i64,
    pub years: i64,
    pub feature: &'static Feature,
    pub feature2: &'static Feature,
    pub system: &'static str,
    pub system2: &'static str,
    pub security: &'static str,
    pub exec: &'static str,
    pub legal: &'static str,
    pub usage_drop: i64,
    pub since: NaiveDate,
    pub proc_weeks: i64,
    pub weeks_left: Option<i64>,
    pub next_date: NaiveDate,
    pub meeting_date: NaiveDate,
    pub golive: NaiveDate,
    pub vague_next: &'static str,
    pub vague_meeting: &'static str,
    pub followup_item: &'static str,
    pub buyer_task: &'static str,
    pub next_owner: &'static str,
    pub meeting_kind: &'static str,
    pub pilot: i64,
}

/// Seat count and per-seat price implied by the amount; a pure function of the amount so every
/// artefact about the same deal quotes the same seat count.
pub(crate) fn seats_for(amount: i64) -> (i64, i64) {
    const LIST: [i64; 5] = [480, 600, 720, 900, 1_200];
    let base = LIST[((amount / 1_000).rem_euclid(5)) as usize];
    let mut seats = ((amount + base / 2) / base).max(5);
    if seats > 50 {
        seats = (seats + 2) / 5 * 5;
    }
    let per_seat = (amount + seats / 2) / seats.max(1);
    (seats, per_seat.max(1))
}

impl<'a> Facts<'a> {
    /// Draws the artefact's facts.
    pub fn new(basis: Basis<'a>, rng: &mut ChaCha8Rng) -> Self {
        let (seats, per_seat) = seats_for(basis.amount.max(1));
        let discount_ask = *choose(rng, &[10, 12, 15, 18, 20, 25, 30]).unwrap_or(&15);
        let offers: Vec<i64> = [5, 7, 8, 10, 12]
            .into_iter()
            .filter(|o| *o < discount_ask)
            .collect();
        let offer = *choose(rng, &offers).unwrap_or(&5);
        let multi_offer = offer + *choose(rng, &[3, 4, 5]).unwrap_or(&3);
        let comp_gap = *choose(rng, &[15, 18, 20, 22, 25, 30, 35, 40]).unwrap_or(&20);
        let years = *choose(rng, &[2, 3, 3]).unwrap_or(&3);
        let fi = rng.random_range(0..FEATURES.len());
        let mut fj = rng.random_range(0..FEATURES.len());
        if fj == fi {
            fj = (fi + 1) % FEATURES.len();
        }
        let si = rng.random_range(0..SYSTEMS.len());
        let mut sj = rng.random_range(0..SYSTEMS.len());
        if sj == si {
            sj = (si + 1) % SYSTEMS.len();
        }
        let anchor = basis.today.unwrap_or(basis.close_date - Duration::days(30));
        let days_left = (basis.close_date - anchor).num_days();
        let weeks_left = basis.today.map(|_| days_left / 7);
        let proc_weeks = match weeks_left {
            Some(w) => w.max(1) + rng.random_range(2..=5),
            None => rng.random_range(6..=10),
        };
        let since = anchor
            .checked_sub_months(Months::new(rng.random_range(2..=4)))
            .unwrap_or(anchor);
        let next_date = numbers::business_day_after(anchor, rng.random_range(2..=6));
        let meeting_date = numbers::business_day_after(anchor, rng.random_range(6..=13));
        let golive = basis.close_date + Duration::days(rng.random_range(30..=75));
        let pilot = seats.min(*choose(rng, &[10, 12, 15, 20, 25]).unwrap_or(&10));
        Self {
            seats,
            per_seat,
            discount_ask,
            offer,
            multi_offer,
            comp_gap,
            years,
            feature: &FEATURES[fi],
            feature2: &FEATURES[fj],
            system: SYSTEMS[si],
            system2: SYSTEMS[sj],
            security: pick(rng, SECURITY_ITEMS, "the security questionnaire"),
            exec: pick(rng, EXECS, "our CFO"),
            legal: pick(rng, LEGAL_ITEMS, "the MSA redlines"),
            usage_drop: *choose(rng, &[18, 22, 25, 30, 35, 40, 45]).unwrap_or(&30),
            since,
            proc_weeks,
            weeks_left,
            next_date,
            meeting_date,
            golive,
            vague_next: pick(rng, VAGUE_SOON, "early next week"),
            vague_meeting: pick(
                rng,
                &[
                    "next week",
                    "early next week",
                    "next Tuesday",
                    "next Thursday",
                ],
                "next week",
            ),
            followup_item: pick(rng, FOLLOWUP_ITEMS, "the revised proposal"),
            buyer_task: pick(rng, BUYER_TASKS, "set up time with {exec}"),
            next_owner: pick(rng, NEXT_OWNERS, "{exec}"),
            meeting_kind: pick(rng, MEETING_KINDS, "working session"),
            pilot,
            basis,
        }
    }

    fn say_soon(&self, d: NaiveDate, vague: &'static str, rng: &mut ChaCha8Rng) -> String {
        match self.basis.today {
            Some(today) => numbers::soon(d, today, rng),
            None => vague.to_string(),
        }
    }
}

/// Spells small counts as words half the time.
fn count(n: i64, rng: &mut ChaCha8Rng) -> String {
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    match usize::try_from(n) {
        Ok(i) if i < WORDS.len() && chance(rng, 0.5) => WORDS[i].to_string(),
        _ => n.to_string(),
    }
}

/// Fills slots for one passage spoken or written by one side.
pub(crate) struct Voice<'f, 'a> {
    facts: &'f Facts<'a>,
    /// Who speaks; buyer-perspective phrases ("our CFO") flip to "your CFO" for the seller.
    side: Speaker,
    /// First name of the person addressed.
    pub you: &'f str,
    /// Whether the competitor has been named (findably) in this passage.
    pub named: bool,
}

impl<'f, 'a> Voice<'f, 'a> {
    /// A fresh passage spoken by `side`, addressing `you`.
    pub fn new(facts: &'f Facts<'a>, side: Speaker, you: &'f str) -> Self {
        Self {
            facts,
            side,
            you,
            named: false,
        }
    }

    /// Expands a buyer-perspective phrase, flipping "our"/"your" when the seller says it.
    fn buyer_phrase(&mut self, template: &str, rng: &mut ChaCha8Rng) -> Option<Fill> {
        let raw = expand(template, self, rng);
        Some(Fill::Text(if self.side == Speaker::Seller {
            swap_person(&raw)
        } else {
            raw
        }))
    }
}

impl Slots for Voice<'_, '_> {
    fn fill(&mut self, name: &str, rng: &mut ChaCha8Rng) -> Option<Fill> {
        let f = self.facts;
        let b = &f.basis;
        let text = |s: String| Some(Fill::Text(s));
        match name {
            "account" => text(b.account.to_string()),
            "industry" => text(b.industry.to_string()),
            "line" => text(b.line.to_string()),
            "product" => text(b.product.to_string()),
            "you" => text(self.you.to_string()),
            "you_tail" => text(if !self.you.is_empty() && chance(rng, 0.4) {
                format!(", {}", self.you)
            } else {
                String::new()
            }),
            "amount" => text(numbers::money(b.amount, rng)),
            "amount_exact" => text(format!("${}", numbers::thousands(b.amount))),
            "amount_round" => text(threshold_below(b.amount)),
            "seats" => text(f.seats.to_string()),
            "per_seat" => text(format!("${}", numbers::thousands(f.per_seat))),
            "pilot" => text(f.pilot.to_string()),
            "discount" => text(numbers::percent(f.discount_ask, rng)),
            "discounted" => text(numbers::money(less_pct(b.amount, f.discount_ask), rng)),
            "offer" => text(numbers::percent(f.offer, rng)),
            "offered" => text(numbers::money(less_pct(b.amount, f.offer), rng)),
            "multi_offer" => text(numbers::percent(f.multi_offer, rng)),
            "multi_offered" => text(numbers::money(less_pct(b.amount, f.multi_offer), rng)),
            "years_n" => text(count(f.years, rng)),
            "comp" | "comps" | "inc" | "incs" => {
                let possessive = name.ends_with('s');
                let incumbent = name.starts_with("inc");
                let said =
                    competitor::mention(b.competitor, possessive, incumbent, &mut self.named, rng);
                text(said)
            }
            "comp_gap" => text(numbers::percent(f.comp_gap, rng)),
            "comp_price" => text(numbers::money(less_pct(b.amount, f.comp_gap), rng)),
            "close" | "renewal" => text(numbers::date(b.close_date, rng)),
            "close_month" => text(numbers::month_name(b.close_date.month()).to_string()),
            "quarter" => text(numbers::quarter(b.close_date)),
            "weeks_left" => text(match f.weeks_left {
                Some(w) if w >= 2 => count(w, rng),
                Some(_) => "a couple of".to_string(),
                None => "a few".to_string(),
            }),
            "proc_weeks" => text(count(f.proc_weeks, rng)),
            "since_month" => text(numbers::month_name(f.since.month()).to_string()),
            "active_users" => text(less_pct(f.seats, f.usage_drop).to_string()),
            "usage_drop" => text(numbers::percent(f.usage_drop, rng)),
            "next_date" => text(f.say_soon(f.next_date, f.vague_next, rng)),
            "meeting_date" => text(f.say_soon(f.meeting_date, f.vague_meeting, rng)),
            "clock" => text(numbers::clock(rng).to_string()),
            "golive" => text(numbers::date(f.golive, rng)),
            "golive_month" => text(numbers::month_name(f.golive.month()).to_string()),
            "feature" => text(f.feature.name.to_string()),
            "feature_why" => Some(Fill::Template(f.feature.why)),
            "feature2" => text(f.feature2.name.to_string()),
            "system" => text(f.system.to_string()),
            "system2" => text(f.system2.to_string()),
            "security" => text(f.security.to_string()),
            "exec" => self.buyer_phrase(f.exec, rng),
            "legal" => text(f.legal.to_string()),
            "followup_item" => Some(Fill::Template(f.followup_item)),
            "buyer_task" => self.buyer_phrase(f.buyer_task, rng),
            "next_owner" => self.buyer_phrase(f.next_owner, rng),
            "next_meeting_kind" => text(f.meeting_kind.to_string()),
            "after_call" => Some(Fill::Template(if b.medium == Medium::Call {
                "[after the call|right after this|today|this afternoon]"
            } else {
                "[today|this afternoon|by end of day|shortly]"
            })),
            "filler" => Some(Fill::Template(if b.medium == Medium::Call {
                pick(rng, FILLERS, "")
            } else {
                ""
            })),
            "hedge" => Some(Fill::Template(pick(rng, HEDGES, "I think"))),
            "conn" => Some(Fill::Template(pick(rng, CONNECTIVES, "and"))),
            "tag" => Some(Fill::Template(if b.medium == Medium::Call {
                pick(rng, TAGS, "")
            } else {
                ""
            })),
            "ack" => Some(Fill::Template(if b.medium == Medium::Call {
                pick(rng, ACKS_SPOKEN, "got it.")
            } else {
                pick(rng, ACKS_WRITTEN, "understood.")
            })),
            _ => None,
        }
    }
}

/// Swaps "our" and "your" (the buyer's "our CFO" is the seller's "your CFO").
fn swap_person(text: &str) -> String {
    text.split(' ')
        .map(|w| match w {
            "our" => "your",
            "Our" => "Your",
            "your" => "our",
            "Your" => "Our",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The approval threshold just below the amount, e.g. `"$50k"` for a $72,000 deal.
fn threshold_below(amount: i64) -> String {
    const STEPS: [i64; 7] = [10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000];
    let step = STEPS
        .iter()
        .rev()
        .find(|s| **s < amount)
        .copied()
        .unwrap_or(5_000);
    if step >= 1_000_000 {
        format!("${}M", step / 1_000_000)
    } else {
        format!("${}k", step / 1_000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seats_are_consistent_with_amount() {
        for amount in [8_000, 48_000, 120_000, 184_350, 1_250_000] {
            let (seats, per_seat) = seats_for(amount);
            assert!(seats >= 5);
            let implied = seats * per_seat;
            assert!(
                (implied - amount).abs() <= seats,
                "{amount}: {seats} x {per_seat}"
            );
        }
        assert_eq!(threshold_below(72_000), "$50k");
        assert_eq!(threshold_below(2_000_000), "$1M");
        assert_eq!(
            swap_person("share our list with your SE"),
            "share your list with our SE"
        );
    }
}
