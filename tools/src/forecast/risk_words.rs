//! Risk drivers in words: a closed set of driver kinds, each carrying the numbers computed from
//! the deal's records (days since the exec sponsor last took part, pushes, stage stays…), and
//! one template per kind. No text from the records is ever copied into the words except stage
//! names, dates, numbers and a competitor's canonical catalogue name.

/// Why a deal may not close, with the numbers that make it specific.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum RiskDriver {
    /// No exec sponsor (or economic buyer) in recent activities.
    NoExecutiveEngagement {
        /// Days since one last took part; `None` when never.
        days: Option<i64>,
        /// Exec sponsors and economic buyers named on the deal.
        executives_named: usize,
    },
    /// The buyer has gone quiet.
    NoRecentActivity {
        /// Days since the last call, email or meeting; `None` when there never was one.
        days: Option<i64>,
    },
    /// Too few buyer contacts engaged.
    SingleThreaded {
        /// Contacts engaged.
        contacts: usize,
        /// The look-back window in days; `None` for the whole deal.
        window_days: Option<i64>,
    },
    /// The close date kept moving out.
    ClosePushed {
        /// Pushes so far.
        pushes: usize,
    },
    /// Longer in the stage than usual.
    StalledInStage {
        /// The stage.
        stage: &'static str,
        /// Days in it.
        days: i64,
        /// The norm it is judged by: (quantile in percent, days), when known.
        norm: Option<(i64, i64)>,
    },
    /// Late stage and price never came up.
    PricingNotDiscussed {
        /// The stage.
        stage: &'static str,
    },
    /// The buyer pushed back on price.
    PricingPressure {
        /// Passages showing it.
        mentions: u32,
    },
    /// A competitor is in the deal.
    CompetitorPresent {
        /// Its catalogue name, when known.
        competitor: Option<String>,
    },
    /// The expected close date has passed.
    CloseDateOverdue {
        /// Days since it.
        days: i64,
    },
    /// The expected close date is far out.
    CloseDateFar {
        /// Days to it.
        days: i64,
    },
    /// The amount moved since creation.
    AmountChanged {
        /// Change in percent (negative: cut).
        percent: i64,
    },
    /// The amount against the segment's typical deal.
    AmountVsNorm {
        /// Amount ÷ the segment's median initial amount, in hundredths.
        hundredths: i64,
    },
    /// The stage moved backwards.
    StageRegressed {
        /// Times.
        times: u32,
    },
    /// The owner's record on closed deals.
    OwnerTrackRecord {
        /// Win rate in percent; `None` with no closed deal yet.
        win_rate_percent: Option<i64>,
    },
    /// Open a long time.
    LongCycle {
        /// Days since creation.
        days: i64,
    },
    /// Early in the funnel.
    EarlyStage {
        /// The stage.
        stage: &'static str,
    },
    /// The rep's own call.
    ForecastCall {
        /// The call.
        call: &'static str,
    },
    /// A fact about the deal that moves the model but is not a risk to act on (deal type,
    /// segment, sourcing).
    Profile {
        /// The analytics' label of the signal.
        label: &'static str,
        /// The analytics' rendering of its value.
        value: String,
    },
}

fn plural(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

impl RiskDriver {
    /// The driver in words.
    pub fn words(&self) -> String {
        match self {
            Self::NoExecutiveEngagement {
                days,
                executives_named,
            } => match (days, executives_named) {
                (Some(d), _) if *d < 7 => format!("last exec-sponsor engagement {d} days ago"),
                (Some(d), _) => format!("no exec-sponsor engagement in {d} days"),
                (None, 0) => "no exec sponsor or economic buyer on the deal".to_owned(),
                (None, _) => "exec sponsor named but never engaged".to_owned(),
            },
            Self::NoRecentActivity { days: Some(d) } => format!("no buyer activity in {d} days"),
            Self::NoRecentActivity { days: None } => "no buyer activity yet".to_owned(),
            Self::SingleThreaded {
                contacts,
                window_days,
            } => {
                let who = plural(*contacts as i64, "buyer contact", "buyer contacts");
                match window_days {
                    Some(w) => format!("single-threaded: {who} engaged in the last {w} days"),
                    None => format!("only {who} engaged so far"),
                }
            }
            Self::ClosePushed { pushes } => {
                format!(
                    "close date pushed {}",
                    plural(*pushes as i64, "time", "times")
                )
            }
            Self::StalledInStage {
                stage,
                days,
                norm: Some((q, n)),
            } => {
                format!("{days} days in {stage} (P{q} of past deals: {n} days)")
            }
            Self::StalledInStage {
                stage,
                days,
                norm: None,
            } => format!("{days} days in {stage}"),
            Self::PricingNotDiscussed { stage } => format!("pricing not yet discussed at {stage}"),
            Self::PricingPressure { mentions } => format!(
                "buyer pushed back on price {}",
                plural(i64::from(*mentions), "time", "times")
            ),
            Self::CompetitorPresent {
                competitor: Some(c),
            } => format!("competitor {c} in the deal"),
            Self::CompetitorPresent { competitor: None } => {
                "a competitor is in the deal".to_owned()
            }
            Self::CloseDateOverdue { days } => {
                format!("expected close date passed {days} days ago")
            }
            Self::CloseDateFar { days } => format!("expected close in {days} days"),
            Self::AmountChanged { percent } if *percent < 0 => {
                format!("amount cut {}% since creation", -percent)
            }
            Self::AmountChanged { percent } => format!("amount up {percent}% since creation"),
            Self::AmountVsNorm { hundredths } => format!(
                "amount {}.{:02}× the segment's typical deal",
                hundredths / 100,
                hundredths % 100
            ),
            Self::StageRegressed { times } => format!(
                "stage moved backwards {}",
                plural(i64::from(*times), "time", "times")
            ),
            Self::OwnerTrackRecord {
                win_rate_percent: Some(r),
            } => {
                format!("owner's win rate is {r}%")
            }
            Self::OwnerTrackRecord {
                win_rate_percent: None,
            } => "owner has no closed deals yet".to_owned(),
            Self::LongCycle { days } => format!("open for {days} days"),
            Self::EarlyStage { stage } => format!("still in {stage}"),
            Self::ForecastCall { call } => format!("rep's forecast call is {call}"),
            Self::Profile { label, value } => format!("{label}: {value}"),
        }
    }

    /// Whether two drivers are the same kind of risk (one reason per kind is reported).
    pub fn same_kind(&self, other: &Self) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}
