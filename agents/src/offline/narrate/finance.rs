//! Narratives for forecast and deal questions: the quarter's forecast and range, why it is
//! below target, the riskiest deals, one deal's probability and next actions, forecast
//! accuracy, and a deal's story.

use revpulse_tools::forecast::{
    at_risk_deals::AtRiskDealsOutput, deal_detail::DealDetailOutput, deal_risk::DealRiskOutput,
    forecast_accuracy::ForecastAccuracyOutput, forecast_period::ForecastOutput,
    next_best_actions::NextBestActionsOutput,
};

use super::Narrative;
use super::format::spoken as label;
use super::format::{count, deal, join_and, money, percent, variant};
use super::sections::{bar_chart, table};

/// "What is our forecast for this quarter?"
pub fn forecast(out: &ForecastOutput) -> Narrative {
    let mut text = format!(
        "For {} to {}, closed won is {} with commit at {} and best case at {}; the model \
         expects {} more from {}. The simulated range runs from {} (P10) to {} (P90), centred \
         on {}, with {} confidence ({:.2}).",
        out.period.from,
        out.period.to,
        money(out.closed_won),
        money(out.commit),
        money(out.best_case),
        money(out.model_expected),
        count(
            i64::try_from(out.open_deals).unwrap_or(0),
            "open deal",
            "open deals"
        ),
        money(out.p10),
        money(out.p90),
        money(out.p50),
        label(&out.confidence.label),
        out.confidence.score
    );
    text.push(' ');
    text.push_str(&gap_sentence(out));
    let rows = vec![
        vec!["Quota".into(), money(out.quota)],
        vec!["Closed won".into(), money(out.closed_won)],
        vec!["Commit".into(), money(out.commit)],
        vec!["Best case".into(), money(out.best_case)],
        vec!["Pipeline".into(), money(out.pipeline)],
        vec!["Model expected".into(), money(out.model_expected)],
        vec!["P10".into(), money(out.p10)],
        vec!["P50".into(), money(out.p50)],
        vec!["P90".into(), money(out.p90)],
        vec!["Gap to quota".into(), money(out.gap_to_quota)],
    ];
    Narrative {
        text,
        sections: vec![
            table("Forecast", &["Measure", "Amount"], rows),
            driver_table(out),
        ],
        follow_ups: vec![
            "Why is the forecast below target?".into(),
            "Which deals are at risk this quarter?".into(),
        ],
    }
}

/// The drivers' expected shortfalls: "Its expected shortfall is $X." for one deal, "Their
/// expected shortfalls are $X and $Y respectively." for several.
fn shortfall_sentence(shortfalls: &[String]) -> String {
    match shortfalls {
        [] => String::new(),
        [one] => format!(" Its expected shortfall is {one}."),
        many => format!(
            " Their expected shortfalls are {} respectively.",
            join_and(many)
        ),
    }
}

/// "Why is the forecast below target?"
pub fn forecast_gap(out: &ForecastOutput) -> Narrative {
    let mut text = gap_sentence(out);
    let drivers: Vec<String> = out
        .drivers
        .iter()
        .take(3)
        .map(|d| {
            format!(
                "{} ({}, {} win probability) due to {} [[{}]]",
                deal(&d.deal_id, &d.name),
                money(d.amount),
                percent(d.win_probability),
                d.driver,
                d.deal_id
            )
        })
        .collect();
    if let Some(first) = drivers.first() {
        let rest = &drivers[1..];
        text.push_str(&format!(" Highest risk is {first}."));
        if !rest.is_empty() {
            text.push_str(&format!(" Next come {}.", join_and(rest)));
        }
        let shortfall: Vec<String> = out
            .drivers
            .iter()
            .take(3)
            .map(|d| money(d.expected_shortfall))
            .collect();
        text.push_str(&shortfall_sentence(&shortfall));
    }
    Narrative {
        text,
        sections: vec![driver_table(out)],
        follow_ups: out
            .drivers
            .first()
            .map(|d| {
                vec![format!(
                    "What are the next best actions for deal #{}?",
                    number(&d.deal_id)
                )]
            })
            .unwrap_or_default(),
    }
}

fn gap_sentence(out: &ForecastOutput) -> String {
    match out.gap_rate {
        Some(rate) if out.gap_to_quota > 0 => {
            let phrasing = [
                "Forecast is trending {rate} below target",
                "The forecast sits {rate} short of quota",
            ][variant(out.gap_to_quota, 2)];
            format!(
                "{}: closed won of {} plus {} model-expected leaves a gap of {} to the {} quota.",
                phrasing.replace("{rate}", &percent(rate)),
                money(out.closed_won),
                money(out.model_expected),
                money(out.gap_to_quota),
                money(out.quota)
            )
        }
        Some(_) => format!(
            "Forecast is on track: closed won of {} plus {} model-expected covers the {} quota.",
            money(out.closed_won),
            money(out.model_expected),
            money(out.quota)
        ),
        None => "No quota is set for this scope and period, so there is no gap to measure.".into(),
    }
}

fn driver_table(out: &ForecastOutput) -> crate::Section {
    let rows = out
        .drivers
        .iter()
        .map(|d| {
            vec![
                deal(&d.deal_id, &d.name),
                d.owner.clone(),
                money(d.amount),
                percent(d.win_probability),
                money(d.expected_shortfall),
                d.driver.clone(),
            ]
        })
        .collect();
    table(
        "Deals behind the gap",
        &[
            "Deal",
            "Owner",
            "Amount",
            "Win probability",
            "Expected shortfall",
            "Driver",
        ],
        rows,
    )
}

fn number(id: &str) -> &str {
    id.strip_prefix("OPP-").unwrap_or(id)
}

/// "Which deals are at risk this quarter?"
pub fn at_risk(out: &AtRiskDealsOutput) -> Narrative {
    if out.deals.is_empty() {
        return Narrative {
            text: "No open deal closing in this period is in your view.".into(),
            ..Narrative::default()
        };
    }
    let top: Vec<String> = out
        .deals
        .iter()
        .take(3)
        .map(|d| {
            let why = d
                .drivers
                .first()
                .map_or(String::new(), |w| format!(" — {w}"));
            format!(
                "{} ({} at {} win probability, {} exposed){why} [[{}]]",
                deal(&d.deal_id, &d.name),
                money(d.amount),
                percent(d.win_probability),
                money(d.exposure),
                d.deal_id
            )
        })
        .collect();
    let text = format!(
        "{} {} at risk across {} closing {} to {}. The largest exposures: {}.",
        money(out.total_exposure),
        ["is", "of expected value is"][variant(out.total_exposure, 2)],
        count(
            i64::try_from(out.open_deals).unwrap_or(0),
            "open deal",
            "open deals"
        ),
        out.period.from,
        out.period.to,
        join_and(&top)
    );
    let rows = out
        .deals
        .iter()
        .map(|d| {
            vec![
                deal(&d.deal_id, &d.name),
                d.owner.clone(),
                money(d.amount),
                d.stage.clone(),
                d.close_date.to_string(),
                percent(d.win_probability),
                money(d.exposure),
                d.drivers.join("; "),
            ]
        })
        .collect();
    Narrative {
        text,
        sections: vec![
            table(
                "Deals at risk",
                &[
                    "Deal",
                    "Owner",
                    "Amount",
                    "Stage",
                    "Close",
                    "Win probability",
                    "Exposure",
                    "Drivers",
                ],
                rows,
            ),
            bar_chart(
                "Exposure by deal",
                out.deals
                    .iter()
                    .map(|d| (d.name.clone(), d.exposure as f64)),
            ),
        ],
        follow_ups: out
            .deals
            .first()
            .map(|d| {
                vec![format!(
                    "What are the next best actions for deal #{}?",
                    number(&d.deal_id)
                )]
            })
            .unwrap_or_default(),
    }
}

/// "Why is deal X forecasted as high/low probability?"
pub fn deal_probability(out: &DealRiskOutput) -> Narrative {
    let level = if out.win_probability >= 0.5 {
        "high"
    } else {
        "low"
    };
    let mut text = format!(
        "{} has a {} win probability ({}), with {} confidence [[{}]].",
        deal(&out.deal_id, &out.name),
        percent(out.win_probability),
        level,
        label(&out.confidence.label),
        out.deal_id
    );
    let up: Vec<String> = out
        .drivers_up
        .iter()
        .take(3)
        .map(|s| format!("{} ({})", s.signal, s.value_text))
        .collect();
    let down: Vec<String> = out
        .drivers_down
        .iter()
        .take(3)
        .map(|s| format!("{} ({})", s.signal, s.value_text))
        .collect();
    if !up.is_empty() {
        text.push_str(&format!(" Pushing it up: {}.", join_and(&up)));
    }
    if !down.is_empty() {
        text.push_str(&format!(" Pulling it down: {}.", join_and(&down)));
    }
    if let Some(flag) = out.risk_flags.first() {
        text.push_str(&format!(
            " Risk rule {} fires: {}.",
            flag.rule_id, flag.reason
        ));
    }
    let similar: Vec<String> = out
        .similar_deals
        .iter()
        .take(3)
        .map(|s| {
            format!(
                "{} ({}) [[{}]]",
                deal(&s.deal_id, &s.name),
                label(&s.outcome),
                s.deal_id
            )
        })
        .collect();
    if !similar.is_empty() {
        text.push_str(&format!(
            " The most similar past deals: {}.",
            join_and(&similar)
        ));
    }
    let rows = out
        .drivers_up
        .iter()
        .chain(&out.drivers_down)
        .map(|s| {
            vec![
                s.signal.clone(),
                s.value_text.clone(),
                format!("{:+.3}", s.effect),
            ]
        })
        .collect();
    Narrative {
        text,
        sections: vec![table(
            "Signals",
            &["Signal", "Value", "Effect on probability"],
            rows,
        )],
        follow_ups: vec![format!(
            "What are the next best actions for deal #{}?",
            number(&out.deal_id)
        )],
    }
}

/// "What are the next best actions for deal X?"
pub fn next_best_actions(out: &NextBestActionsOutput) -> Narrative {
    if out.actions.is_empty() {
        return Narrative {
            text: format!(
                "{} shows no risk driver that calls for an action; its win probability is {} [[{}]].",
                deal(&out.deal_id, &out.name),
                percent(out.win_probability),
                out.deal_id
            ),
            ..Narrative::default()
        };
    }
    let mut text = format!(
        "For {} (win probability {}) [[{}]], in order:",
        deal(&out.deal_id, &out.name),
        percent(out.win_probability),
        out.deal_id
    );
    for a in &out.actions {
        text.push_str(&format!("\n- {}", a.action));
    }
    Narrative {
        text,
        sections: Vec::new(),
        follow_ups: vec![format!(
            "Draft a follow-up email with an exec tone for deal #{}",
            number(&out.deal_id)
        )],
    }
}

/// "How accurate were our forecasts last quarter?"
pub fn forecast_accuracy(out: &ForecastAccuracyOutput) -> Narrative {
    let mut text = format!(
        "From {} to {} we actually closed {}.",
        out.period.from,
        out.period.to,
        money(out.actual)
    );
    if let Some(first) = out.weeks.first() {
        text.push_str(&format!(
            " At the start the commit forecast was {} and the model expected {}.",
            money(first.commit_forecast),
            money(first.model_expected)
        ));
    }
    match (out.commit_mape, out.model_mape) {
        (Some(c), Some(m)) => text.push_str(&format!(
            " Across the weeks, the commit call was off by {} on average and the model by {}.",
            percent(c),
            percent(m)
        )),
        (Some(c), None) => text.push_str(&format!(
            " The commit call was off by {} on average.",
            percent(c)
        )),
        _ => {}
    }
    if let Some(s) = out.sources.first() {
        text.push_str(&format!(" [[{}]]", s.id()));
    }
    let rows = out
        .weeks
        .iter()
        .map(|w| {
            vec![
                w.week.to_string(),
                w.week_start.to_string(),
                money(w.commit_forecast),
                money(w.model_expected),
                money(w.actual_to_date),
                w.commit_error_rate
                    .map(percent)
                    .unwrap_or_else(|| "—".into()),
                w.model_error_rate
                    .map(percent)
                    .unwrap_or_else(|| "—".into()),
            ]
        })
        .collect();
    Narrative {
        text,
        sections: vec![table(
            "Forecast by week vs actual",
            &[
                "Week",
                "Starting",
                "Commit",
                "Model",
                "Won to date",
                "Commit error",
                "Model error",
            ],
            rows,
        )],
        follow_ups: vec!["What is our forecast for this quarter?".into()],
    }
}

/// "Tell me about deal X."
pub fn deal_detail(out: &DealDetailOutput) -> Narrative {
    let d = &out.deal;
    let mut text = format!(
        "{} is a {} {} deal for {} owned by {}, in {} with a close date of {} and forecast \
         category {} [[{}]].",
        deal(&d.id, &d.name),
        money(d.amount),
        d.deal_type.replace('_', " "),
        d.account_name,
        d.owner_name,
        d.stage.replace('_', " "),
        d.close_date,
        d.forecast_category.replace('_', " "),
        d.id
    );
    if let Some(c) = &d.primary_competitor {
        text.push_str(&format!(" {c} is competing."));
    }
    text.push_str(&format!(
        " It has {} on the buying committee and {} in its recent history.",
        count(
            i64::try_from(out.buying_committee.len()).unwrap_or(0),
            "contact",
            "contacts"
        ),
        count(
            i64::try_from(out.history.len()).unwrap_or(0),
            "change",
            "changes"
        )
    ));
    let rows = out
        .recent_activities
        .iter()
        .map(|a| {
            vec![
                a.at.format("%Y-%m-%d").to_string(),
                a.kind.clone(),
                a.subject.clone(),
            ]
        })
        .collect();
    Narrative {
        text,
        sections: vec![table("Recent activity", &["Date", "Kind", "Subject"], rows)],
        follow_ups: vec![
            format!("Why is deal #{} forecasted as it is?", number(&d.id)),
            format!(
                "What are the next best actions for deal #{}?",
                number(&d.id)
            ),
        ],
    }
}

#[cfg(test)]
mod shortfall_tests {
    use super::shortfall_sentence;

    #[test]
    fn one_driver_reads_in_the_singular() {
        assert_eq!(
            shortfall_sentence(&["$2,946".into()]),
            " Its expected shortfall is $2,946."
        );
        assert_eq!(
            shortfall_sentence(&["$5K".into(), "$3K".into()]),
            " Their expected shortfalls are $5K and $3K respectively."
        );
        assert_eq!(shortfall_sentence(&[]), "");
    }
}
