//! Seeded, stratified splits of the training rows *by deal*: every snapshot row of one deal
//! lands on the same side, so the early-stopping and calibration splits never contain a near
//! copy of a row the trees were fitted on.

use std::collections::BTreeMap;

use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

/// Row indices grouped by deal, each group with the deal's outcome, in deal-id order.
pub(crate) fn deals_of<'a>(
    deal_ids: impl Iterator<Item = &'a str>,
    won: &[bool],
) -> Vec<(Vec<usize>, bool)> {
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (row, id) in deal_ids.enumerate() {
        groups.entry(id).or_default().push(row);
    }
    groups
        .into_values()
        .map(|rows| {
            let outcome = won[rows[0]];
            (rows, outcome)
        })
        .collect()
}

/// Splits deal groups into (kept, held out), holding out about `fraction` of the won and of
/// the lost deals; both sides come back as sorted row indices.
pub(crate) fn stratified_split(
    deals: &[(Vec<usize>, bool)],
    fraction: f64,
    rng: &mut ChaCha8Rng,
) -> (Vec<usize>, Vec<usize>) {
    let mut kept = Vec::new();
    let mut held = Vec::new();
    for outcome in [true, false] {
        let mut class: Vec<&Vec<usize>> = deals
            .iter()
            .filter(|(_, w)| *w == outcome)
            .map(|(rows, _)| rows)
            .collect();
        class.shuffle(rng);
        let take = (class.len() as f64 * fraction.clamp(0.0, 1.0)).round() as usize;
        for (i, rows) in class.into_iter().enumerate() {
            if i < take {
                held.extend_from_slice(rows);
            } else {
                kept.extend_from_slice(rows);
            }
        }
    }
    kept.sort_unstable();
    held.sort_unstable();
    (kept, held)
}

/// The deals of `rows` (sorted row indices), regrouped.
pub(crate) fn regroup(deals: &[(Vec<usize>, bool)], rows: &[usize]) -> Vec<(Vec<usize>, bool)> {
    deals
        .iter()
        .filter(|(group, _)| rows.binary_search(&group[0]).is_ok())
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn a_deal_never_straddles_the_split_and_classes_keep_their_share() {
        let ids: Vec<String> = (0..300).map(|i| format!("D{}", i / 3)).collect();
        let won: Vec<bool> = (0..300).map(|i| (i / 3) % 4 == 0).collect();
        let deals = deals_of(ids.iter().map(String::as_str), &won);
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let (kept, held) = stratified_split(&deals, 0.2, &mut rng);
        assert_eq!(kept.len() + held.len(), 300);
        for h in &held {
            assert!(!kept.iter().any(|k| ids[*k] == ids[*h]));
        }
        let held_won = held.iter().filter(|&&r| won[r]).count();
        assert_eq!(held_won, 15, "a fifth of the 25 won deals, 3 rows each");
    }
}
