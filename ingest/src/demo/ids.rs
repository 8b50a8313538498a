//! Natural keys of the demo records: a prefix and a number padded so that lexical order equals
//! numeric order (and deal numbers stay human-friendly, e.g. `OPP-1042`).

/// Number of decimal digits of `n` (at least 1).
fn digits(n: usize) -> usize {
    let mut d = 1;
    let mut rest = n / 10;
    while rest > 0 {
        d += 1;
        rest /= 10;
    }
    d
}

/// Numbering of one kind of record: `PREFIX-000123`, width fixed by the total count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct IdScheme {
    prefix: &'static str,
    width: usize,
    first: usize,
}

impl IdScheme {
    /// Ids `1..=count`, zero-padded to at least `min_width` digits.
    pub fn padded(prefix: &'static str, count: usize, min_width: usize) -> Self {
        Self {
            prefix,
            width: digits(count).max(min_width),
            first: 1,
        }
    }

    /// Deal numbers: `count` numbers starting just above a power of ten (1001, 10001, …) so
    /// they all have the same number of digits without leading zeros.
    pub fn deal_numbers(prefix: &'static str, count: usize) -> Self {
        let mut base = 1000usize;
        while base + count >= base * 10 {
            base *= 10;
        }
        Self {
            prefix,
            width: digits(base),
            first: base + 1,
        }
    }

    /// The id of the `index`-th record (0-based).
    pub fn id(&self, index: usize) -> String {
        format!(
            "{}-{:0width$}",
            self.prefix,
            self.first + index,
            width = self.width
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_ids_sort_numerically() {
        let scheme = IdScheme::padded("ACC", 12_000, 4);
        assert_eq!(scheme.id(0), "ACC-00001");
        assert!(scheme.id(8) < scheme.id(9));
        assert!(scheme.id(9) < scheme.id(10_000));
    }

    #[test]
    fn deal_numbers_keep_their_width() {
        let small = IdScheme::deal_numbers("OPP", 3000);
        assert_eq!(small.id(0), "OPP-1001");
        assert_eq!(small.id(2999), "OPP-4000");
        let big = IdScheme::deal_numbers("OPP", 250_000);
        assert_eq!(big.id(0), "OPP-100001");
        assert_eq!(big.id(249_999).len(), big.id(0).len());
    }
}
