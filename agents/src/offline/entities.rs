//! Slot filling against the caller's own records: deal numbers, account, rep, campaign and
//! competitor names (fuzzy), regions, periods and counts. Only what the caller can see is
//! matched, so a name outside the scope is indistinguishable from an unknown one — except
//! regions, whose names are public, which is how a region-level question outside the scope is
//! recognised and refused.

use chrono::NaiveDate;
use revpulse_graph::model::CompanyDataset;

use super::names::{contains_words, find_words, name_words, words};
use super::periods::resolve_period;
use super::slots::{Entity, PeriodSlot, Slots};

/// What slot filling found.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    /// Slots filled from visible records.
    Resolved(Box<Slots>),
    /// The question names a region outside the caller's scope.
    RegionOutOfScope {
        /// The region's name.
        region: String,
        /// The region's id.
        id: String,
    },
    /// The question names a deal number the caller cannot see (or that does not exist).
    DealNotVisible {
        /// The deal as written.
        written: String,
    },
}

/// Fills the slots of `question` from `company` (already scoped) on `today`;
/// `sees_region` says whether a region id is inside the caller's scope.
pub fn resolve(
    question: &str,
    company: &CompanyDataset,
    today: NaiveDate,
    sees_region: impl Fn(&str) -> bool,
) -> Resolution {
    let q = words(question);
    let mut slots = Slots::default();
    if let Some(written) = deal_number(&q) {
        let id = format!("OPP-{written}");
        match company.opportunities.iter().find(|o| o.id == id) {
            Some(o) => {
                slots.deal = Some(entity(&o.id, &o.name));
                slots.account = company
                    .accounts
                    .iter()
                    .find(|a| a.id == o.account_id)
                    .map(|a| entity(&a.id, &a.name));
            }
            None => {
                return Resolution::DealNotVisible {
                    written: format!("deal #{written}"),
                };
            }
        }
    }
    // Every region named is checked: "compare EMEA with North America" is refused when
    // either is outside the scope, whichever comes first.
    let regions = find_regions(&q, company);
    if let Some(hidden) = regions.iter().find(|r| !sees_region(&r.id)) {
        return Resolution::RegionOutOfScope {
            region: hidden.name.clone(),
            id: hidden.id.clone(),
        };
    }
    slots.region = regions.into_iter().next();
    if slots.account.is_none() {
        slots.account = longest_match(&q, company.accounts.iter().map(|a| (&a.id, &a.name)));
    }
    slots.rep = longest_match(&q, company.users.iter().map(|u| (&u.id, &u.name)))
        .or_else(|| last_name_match(&q, company));
    slots.campaign = longest_match(&q, company.campaigns.iter().map(|c| (&c.id, &c.name)));
    slots.competitor = company
        .competitors
        .iter()
        .find(|c| {
            std::iter::once(&c.name)
                .chain(&c.aliases)
                .any(|n| contains_words(&q, &name_words(n)))
        })
        .map(|c| entity(&c.name, &c.name));
    // A campaign called "Q1 2026 Board Reporting" names no period.
    let period_text = match &slots.campaign {
        Some(c) => replace_name(question, &c.name, "the campaign"),
        None => question.to_owned(),
    };
    if let Some(p) = resolve_period(&period_text, today) {
        slots.period = Some(PeriodSlot {
            from: p.range.from,
            to: p.range.to,
        });
        slots.period_label = Some(p.label);
    }
    slots.count = count(&q);
    slots.group_by = grouping(&q);
    Resolution::Resolved(Box::new(slots))
}

fn entity(id: &str, name: &str) -> Entity {
    Entity {
        id: id.to_owned(),
        name: name.to_owned(),
    }
}

/// "OPP-1045", "#1045", "deal 1045", "opportunity 1045".
fn deal_number(q: &[String]) -> Option<String> {
    for (k, w) in q.iter().enumerate() {
        if let Some(n) = w.strip_prefix("opp-").or_else(|| w.strip_prefix('#'))
            && is_number(n)
        {
            return Some(n.to_owned());
        }
        let previous = k.checked_sub(1).and_then(|p| q.get(p)).map(String::as_str);
        if matches!(previous, Some("deal" | "opportunity" | "opp")) && is_number(w) && w.len() >= 3
        {
            return Some(w.clone());
        }
    }
    None
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
}

/// The regions `q` names, in the order it names them.
fn find_regions(q: &[String], company: &CompanyDataset) -> Vec<Entity> {
    let mut found: Vec<(usize, Entity)> = company
        .regions
        .iter()
        .filter_map(|r| {
            let at = [
                find_words(q, &words(&r.id)),
                find_words(q, &name_words(&r.name)),
            ]
            .into_iter()
            .flatten()
            .min()?;
            Some((at, entity(&r.id, &r.name)))
        })
        .collect();
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, e)| e).collect()
}

fn longest_match<'a>(
    q: &[String],
    candidates: impl Iterator<Item = (&'a String, &'a String)>,
) -> Option<Entity> {
    candidates
        .filter(|(id, name)| contains_words(q, &words(id)) || contains_words(q, &name_words(name)))
        .max_by_key(|(id, name)| (name.len(), std::cmp::Reverse(id.as_str())))
        .map(|(id, name)| entity(id, name))
}

/// A rep named by last name only, when exactly one visible user has it.
fn last_name_match(q: &[String], company: &CompanyDataset) -> Option<Entity> {
    let mut found = company.users.iter().filter(|u| {
        name_words(&u.name)
            .last()
            .is_some_and(|last| last.len() >= 4 && q.contains(last))
    });
    let first = found.next()?;
    found
        .next()
        .is_none()
        .then(|| entity(&first.id, &first.name))
}

/// "last 5 calls", "top 3".
fn count(q: &[String]) -> Option<usize> {
    q.windows(2).find_map(|w| {
        matches!(w[0].as_str(), "last" | "top" | "first" | "latest")
            .then(|| w[1].parse::<usize>().ok())
            .flatten()
            .filter(|n| (1..=100).contains(n))
    })
}

fn grouping(q: &[String]) -> Option<String> {
    q.windows(2).find_map(|w| {
        (w[0] == "by")
            .then(|| match w[1].as_str() {
                "region" | "regions" => Some("region"),
                "industry" | "industries" => Some("industry"),
                "stage" | "stages" => Some("stage"),
                "team" | "teams" => Some("team"),
                "rep" | "reps" | "owner" | "owners" => Some("owner"),
                "product" => Some("product_line"),
                _ => None,
            })?
            .map(str::to_owned)
    })
}

/// What the router should read for `question` given its `resolution`.
pub fn routing_text_for(question: &str, resolution: &Resolution) -> String {
    match resolution {
        Resolution::Resolved(slots) => routing_text(question, slots),
        Resolution::RegionOutOfScope { region, id } => replace_name(
            &replace_name(question, region, "the region"),
            id,
            "the region",
        ),
        Resolution::DealNotVisible { .. } => question.to_owned(),
    }
}

/// The question with the names it mentions replaced by what they are ("the account"), so the
/// intent router compares the shape of the question, not the words of a company's name.
pub fn routing_text(question: &str, slots: &super::slots::Slots) -> String {
    let mut text = question.to_owned();
    let named = [
        (&slots.account, "the account"),
        (&slots.rep, "the rep"),
        (&slots.campaign, "the campaign"),
        (&slots.competitor, "the competitor"),
        (&slots.deal, "the deal"),
        (&slots.region, "the region"),
    ];
    for (entity, generic) in named {
        if let Some(e) = entity {
            text = replace_name(&text, &e.name, generic);
            text = replace_name(&text, &e.id, generic);
        }
    }
    text
}

/// `text` with `name` (any case; without a company suffix too) replaced by `generic`.
fn replace_name(text: &str, name: &str, generic: &str) -> String {
    let lower = text.to_lowercase();
    let full = name.to_lowercase();
    let short = name_words(name).join(" ");
    for candidate in [full, short] {
        if candidate.len() >= 3
            && let Some(at) = lower.find(&candidate)
            && lower.len() == text.len()
        {
            return format!("{}{generic}{}", &text[..at], &text[at + candidate.len()..]);
        }
    }
    text.to_owned()
}

/// "How am I pacing against my quota?": a question in the first person about a rep's numbers
/// is about the person asking, when they are a rep and no other rep is named.
pub fn speaker_as_rep(
    question: &str,
    slots: &mut Slots,
    company: &CompanyDataset,
    principal: &str,
) {
    if slots.rep.is_some() {
        return;
    }
    let q = words(question);
    let first_person = q
        .iter()
        .any(|w| matches!(w.as_str(), "i" | "my" | "me" | "i'm"));
    if !first_person {
        return;
    }
    // Only a rep's "my" means their own book; a leader's "my pipeline" is the whole scope.
    if let Some(me) = company
        .users
        .iter()
        .find(|u| u.id == principal && u.role == revpulse_graph::model::UserRole::Rep)
    {
        slots.rep = Some(entity(&me.id, &me.name));
    }
}
