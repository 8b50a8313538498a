//! Translation of a [`SearchFilter`] and a [`RetrievalScope`] into one Meilisearch filter
//! expression, applied inside the query.
//!
//! Shape: one `field IN ["a", "b"]` per condition, the time window on the `timestamp`
//! (unix seconds) and `timestamp_nanos` attributes, and the scope's grants as
//! `(region IN [..] OR sales_rep IN [..] OR account_id IN [..])`, all joined by `AND`.
//! Values go through [`encode_value`], so they match exactly (no case folding) and can never
//! close their quotes; [`quote`] escapes them all the same.

use chrono::{DateTime, Utc};

use super::encode::{MAX_FILTER_VALUE_BYTES, encode_value, quote};
use crate::filter::{FilterField, SearchFilter};
use crate::scope::RetrievalScope;

/// Attribute holding the passage's time as whole unix seconds.
pub const TIMESTAMP_FIELD: &str = "timestamp";

/// Attribute holding the nanoseconds within that second.
pub const TIMESTAMP_NANOS_FIELD: &str = "timestamp_nanos";

/// A filter no stored document satisfies (nanoseconds are never negative). Returned for an
/// empty scope or a filter that accepts nothing; [`super::MeiliIndex`] then skips the query.
pub const MATCH_NOTHING: &str = "timestamp_nanos < 0";

/// The Meilisearch filter for `filter` within `scope`; `None` when neither restricts
/// anything, [`MATCH_NOTHING`] when together they admit nothing.
pub fn meili_filter(filter: &SearchFilter, scope: &RetrievalScope) -> Option<String> {
    if filter.is_empty_set() || scope.is_empty() {
        return Some(MATCH_NOTHING.into());
    }
    let mut clauses = Vec::new();
    for condition in &filter.conditions {
        match in_clause(condition.field, &condition.any_of) {
            Some(clause) => clauses.push(clause),
            None => return Some(MATCH_NOTHING.into()),
        }
    }
    if let Some(from) = filter.from {
        clauses.push(from_clause(from));
    }
    if let Some(to) = filter.to {
        clauses.push(to_clause(to));
    }
    if let Some(grants) = scope.grants() {
        let terms: Vec<String> = grants
            .iter()
            .filter_map(|(field, allowed)| in_clause(*field, allowed))
            .collect();
        if terms.is_empty() {
            return Some(MATCH_NOTHING.into());
        }
        clauses.push(format!("({})", terms.join(" OR ")));
    }
    (!clauses.is_empty()).then(|| clauses.join(" AND "))
}

/// `field IN [..]` over the encoded values, duplicates and over-long values left out;
/// `None` when no value is left (the condition admits nothing).
fn in_clause(field: FilterField, values: &[String]) -> Option<String> {
    let mut encoded: Vec<String> = Vec::with_capacity(values.len());
    for value in values {
        let value = encode_value(value);
        if value.len() <= MAX_FILTER_VALUE_BYTES && !encoded.contains(&value) {
            encoded.push(value);
        }
    }
    if encoded.is_empty() {
        return None;
    }
    let list: Vec<String> = encoded.iter().map(|v| quote(v)).collect();
    Some(format!("{} IN [{}]", field.as_str(), list.join(", ")))
}

/// The passage happened at or after `from`.
fn from_clause(from: DateTime<Utc>) -> String {
    let (secs, nanos) = split(from);
    if nanos == 0 {
        format!("{TIMESTAMP_FIELD} >= {secs}")
    } else {
        format!(
            "({TIMESTAMP_FIELD} > {secs} OR ({TIMESTAMP_FIELD} = {secs} AND {TIMESTAMP_NANOS_FIELD} >= {nanos}))"
        )
    }
}

/// The passage happened before `to`.
fn to_clause(to: DateTime<Utc>) -> String {
    let (secs, nanos) = split(to);
    if nanos == 0 {
        format!("{TIMESTAMP_FIELD} < {secs}")
    } else {
        format!(
            "({TIMESTAMP_FIELD} < {secs} OR ({TIMESTAMP_FIELD} = {secs} AND {TIMESTAMP_NANOS_FIELD} < {nanos}))"
        )
    }
}

/// A time as (whole seconds, nanoseconds within the second): ordered like the time itself.
pub(crate) fn split(time: DateTime<Utc>) -> (i64, u32) {
    (time.timestamp(), time.timestamp_subsec_nanos())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn rep_scope() -> RetrievalScope {
        RetrievalScope::Restricted {
            regions: vec!["emea".into()],
            sales_reps: vec!["u-1".into(), "u-2".into()],
            accounts: Vec::new(),
        }
    }

    #[test]
    fn nothing_to_restrict_gives_no_filter() {
        assert_eq!(
            meili_filter(&SearchFilter::any(), &RetrievalScope::Unrestricted),
            None
        );
    }

    #[test]
    fn conditions_window_and_scope_are_anded() {
        let from = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
        let to = Utc.with_ymd_and_hms(2024, 2, 1, 0, 0, 0).unwrap();
        let filter = SearchFilter::any()
            .with(FilterField::Stage, ["negotiation", "proposal"])
            .with(FilterField::CompetitorMentioned, ["globex"])
            .between(Some(from), Some(to));
        assert_eq!(
            meili_filter(&filter, &rep_scope()).unwrap(),
            r#"stage IN ["negotiation", "proposal"] AND competitor_mentioned IN ["globex"] AND timestamp >= 1704067200 AND timestamp < 1706745600 AND (region IN ["emea"] OR sales_rep IN ["u-1", "u-2"])"#
        );
    }

    #[test]
    fn a_scope_alone_is_parenthesised() {
        let scope = RetrievalScope::Restricted {
            regions: Vec::new(),
            sales_reps: Vec::new(),
            accounts: vec!["acc-9".into()],
        };
        assert_eq!(
            meili_filter(&SearchFilter::any(), &scope).unwrap(),
            r#"(account_id IN ["acc-9"])"#
        );
    }

    #[test]
    fn sub_second_bounds_compare_the_nanoseconds() {
        let from = Utc.timestamp_opt(100, 500).unwrap();
        let to = Utc.timestamp_opt(200, 7).unwrap();
        let filter = SearchFilter::any().between(Some(from), Some(to));
        assert_eq!(
            meili_filter(&filter, &RetrievalScope::Unrestricted).unwrap(),
            "(timestamp > 100 OR (timestamp = 100 AND timestamp_nanos >= 500)) AND (timestamp < 200 OR (timestamp = 200 AND timestamp_nanos < 7))"
        );
        let before_epoch = Utc.timestamp_opt(-5, 0).unwrap();
        let filter = SearchFilter::any().between(Some(before_epoch), None);
        assert_eq!(
            meili_filter(&filter, &RetrievalScope::Unrestricted).unwrap(),
            "timestamp >= -5"
        );
    }

    #[test]
    fn hostile_values_stay_inside_their_quotes() {
        let filter = SearchFilter::any().with(
            FilterField::AccountId,
            [r#"x"] OR region IN ["emea"#, r"back\slash", "MiXeD Case"],
        );
        let expr = meili_filter(&filter, &RetrievalScope::Unrestricted).unwrap();
        assert_eq!(
            expr,
            r#"account_id IN ["x~22~5d~20~4f~52~20region~20~49~4e~20~5b~22emea", "back~5cslash", "~4di~58e~44~20~43ase"]"#
        );
        assert!(!expr.contains(" OR "));
    }

    #[test]
    fn empty_sets_match_nothing() {
        let empty_condition = SearchFilter::any().with(FilterField::Region, Vec::<String>::new());
        assert_eq!(
            meili_filter(&empty_condition, &RetrievalScope::Unrestricted).as_deref(),
            Some(MATCH_NOTHING)
        );
        assert_eq!(
            meili_filter(&SearchFilter::any(), &RetrievalScope::nothing()).as_deref(),
            Some(MATCH_NOTHING)
        );
        let t = Utc.timestamp_opt(10, 0).unwrap();
        let inverted = SearchFilter::any().between(Some(t), Some(t));
        assert_eq!(
            meili_filter(&inverted, &RetrievalScope::Unrestricted).as_deref(),
            Some(MATCH_NOTHING)
        );
        let too_long = SearchFilter::any().with(FilterField::DealId, ["d".repeat(1000)]);
        assert_eq!(
            meili_filter(&too_long, &RetrievalScope::Unrestricted).as_deref(),
            Some(MATCH_NOTHING)
        );
    }

    #[test]
    fn duplicate_values_are_sent_once() {
        let filter = SearchFilter::any().with(FilterField::Region, ["emea", "emea", "amer"]);
        assert_eq!(
            meili_filter(&filter, &RetrievalScope::Unrestricted).unwrap(),
            r#"region IN ["emea", "amer"]"#
        );
    }
}
