//! The misspelling rule of competitor-name matching: a written word is a light misspelling
//! of a name word when the name word has at least [`MIN_FUZZY_LEN`] characters, both start
//! with the same letter, and they are exactly one edit apart in the optimal-string-alignment
//! distance (one insertion, deletion, substitution, or swap of two neighbouring letters).
//!
//! Human typos rarely hit the first letter, and short names are too close to ordinary words
//! for one edit to be safe, hence the two guards.

/// Name words at least this long (in characters) tolerate one edit.
pub const MIN_FUZZY_LEN: usize = 6;

/// Whether `written` is a misspelling of the name word `expected` that the rules accept: the
/// name word is long enough, the first letter agrees, and the optimal-string-alignment
/// distance is exactly one.
pub fn one_edit_apart(expected: &str, written: &str) -> bool {
    if expected.is_ascii() && written.is_ascii() {
        return accepted_edit(expected.as_bytes(), written.as_bytes());
    }
    let e: Vec<char> = expected.chars().collect();
    let w: Vec<char> = written.chars().collect();
    accepted_edit(&e, &w)
}

fn accepted_edit<T: PartialEq>(e: &[T], w: &[T]) -> bool {
    if e.len() < MIN_FUZZY_LEN || e.len().abs_diff(w.len()) > 1 || e.first() != w.first() {
        return false;
    }
    osa_distance_is_one(e, w)
}

/// Optimal-string-alignment distance exactly 1, without building the full table: after the
/// common prefix, one substitution, one swap of neighbours, or one insertion or deletion must
/// make the rests equal.
fn osa_distance_is_one<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    match (a.len(), b.len()) {
        (0, 0) => false,
        (x, y) if x == y => {
            a[1..] == b[1..] || (x >= 2 && a[0] == b[1] && a[1] == b[0] && a[2..] == b[2..])
        }
        (x, y) if x == y + 1 => a[1..] == *b,
        (x, y) if x + 1 == y => *a == b[1..],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Full optimal-string-alignment distance by dynamic programming, as an independent check.
    fn osa(a: &[char], b: &[char]) -> usize {
        let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut best = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        d[a.len()][b.len()]
    }

    proptest! {
        #[test]
        fn the_fast_check_agrees_with_the_full_distance(e in "[abc]{4,9}", w in "[abc]{3,10}") {
            let (ec, wc): (Vec<char>, Vec<char>) = (e.chars().collect(), w.chars().collect());
            let expected = ec.len() >= MIN_FUZZY_LEN && ec.first() == wc.first() && osa(&ec, &wc) == 1;
            prop_assert_eq!(one_edit_apart(&e, &w), expected);
        }
    }

    #[test]
    fn osa_distance_cases() {
        assert!(one_edit_apart("vantora", "vanotra"));
        assert!(one_edit_apart("vantora", "vantor"));
        assert!(one_edit_apart("vantora", "vantoras"));
        assert!(!one_edit_apart("vantora", "vantora"));
        assert!(!one_edit_apart("vantora", "avntora"));
        assert!(!one_edit_apart("vantora", "vnatoar"));
        assert!(!one_edit_apart("corv", "corb"));
    }
}
