//! The slots of a question: which deal, account, rep, region, campaign, competitor and period
//! it is about, and how many items it wants.

use serde::{Deserialize, Serialize};

/// A resolved entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Natural key.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// A resolved period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodSlot {
    /// First day.
    pub from: chrono::NaiveDate,
    /// Last day.
    pub to: chrono::NaiveDate,
}

/// Everything the question said (or a follow-up inherited).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Slots {
    /// A deal.
    pub deal: Option<Entity>,
    /// An account.
    pub account: Option<Entity>,
    /// A rep (user).
    pub rep: Option<Entity>,
    /// A region.
    pub region: Option<Entity>,
    /// A campaign.
    pub campaign: Option<Entity>,
    /// A competitor (id = canonical name).
    pub competitor: Option<Entity>,
    /// A period.
    pub period: Option<PeriodSlot>,
    /// How the period was said.
    pub period_label: Option<String>,
    /// "last 5 calls", "top 3 deals".
    pub count: Option<usize>,
    /// Grouping asked for ("by region", "by industry", "by product line").
    pub group_by: Option<String>,
}

impl Slots {
    /// `self`, with every slot it lacks taken from `earlier` (follow-ups).
    pub fn inherit(mut self, earlier: &Slots) -> Self {
        fn fill<T: Clone>(slot: &mut Option<T>, from: &Option<T>) {
            if slot.is_none() {
                slot.clone_from(from);
            }
        }
        fill(&mut self.deal, &earlier.deal);
        fill(&mut self.account, &earlier.account);
        fill(&mut self.rep, &earlier.rep);
        fill(&mut self.region, &earlier.region);
        fill(&mut self.campaign, &earlier.campaign);
        fill(&mut self.competitor, &earlier.competitor);
        if self.period.is_none() {
            self.period = earlier.period;
            self.period_label.clone_from(&earlier.period_label);
        }
        fill(&mut self.count, &earlier.count);
        fill(&mut self.group_by, &earlier.group_by);
        self
    }

    /// The filled slots as `name = value` lines, for the trace.
    pub fn describe(&self) -> Vec<String> {
        let mut out = Vec::new();
        let entities = [
            ("deal", &self.deal),
            ("account", &self.account),
            ("rep", &self.rep),
            ("region", &self.region),
            ("campaign", &self.campaign),
            ("competitor", &self.competitor),
        ];
        for (name, e) in entities {
            if let Some(e) = e {
                out.push(format!("{name} = {} ({})", e.name, e.id));
            }
        }
        if let (Some(p), Some(label)) = (&self.period, &self.period_label) {
            out.push(format!("period = {label} ({} to {})", p.from, p.to));
        }
        if let Some(n) = self.count {
            out.push(format!("count = {n}"));
        }
        if let Some(g) = &self.group_by {
            out.push(format!("group_by = {g}"));
        }
        out
    }
}
