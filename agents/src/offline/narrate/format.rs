//! How numbers read in executive prose: money in $K / $M with the precision a leader needs,
//! rates as percentages, counts with their noun. Every form stays checkable against the tool
//! output it came from (see the numeric guardrail).

/// Money: `$1.24M`, `$245K`, `$9,870`.
pub fn money(dollars: i64) -> String {
    let sign = if dollars < 0 { "-" } else { "" };
    let abs = dollars.unsigned_abs();
    if abs >= 1_000_000 {
        format!("{sign}${:.2}M", abs as f64 / 1e6)
    } else if abs >= 10_000 {
        format!("{sign}${:.0}K", abs as f64 / 1e3)
    } else {
        format!("{sign}${}", thousands(abs))
    }
}

/// A whole number with thousands separators.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A rate in [0, 1] as a percentage: one decimal below 10%, none above.
pub fn percent(rate: f64) -> String {
    let p = rate * 100.0;
    if p.abs() < 10.0 {
        format!("{p:.1}%")
    } else {
        format!("{p:.0}%")
    }
}

/// `n noun` with the plural when needed (`1 deal`, `4 deals`).
pub fn count(n: impl Into<i64>, singular: &str, plural: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// A deal as leaders say it: `Deal #1045 (Acme expansion)`.
pub fn deal(id: &str, name: &str) -> String {
    let number = id.strip_prefix("OPP-").unwrap_or(id);
    format!("Deal #{number} ({name})")
}

/// A list in prose: `a, b and c`.
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// An enum value as words: its stable snake_case name with spaces (`pulled_in` → `pulled in`).
pub fn spoken<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
        .unwrap_or_default()
}

/// A deterministic choice among phrasings, keyed by the data so the same numbers always read
/// the same and different numbers read differently.
pub fn variant(key: i64, choices: usize) -> usize {
    usize::try_from(key.unsigned_abs() % u64::try_from(choices.max(1)).unwrap_or(1)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_reads_at_executive_precision() {
        assert_eq!(money(1_237_400), "$1.24M");
        assert_eq!(money(245_300), "$245K");
        assert_eq!(money(9_870), "$9,870");
        assert_eq!(money(-52_000), "-$52K");
        assert_eq!(percent(0.0812), "8.1%");
        assert_eq!(percent(0.345), "34%");
        assert_eq!(count(1, "deal", "deals"), "1 deal");
        assert_eq!(deal("OPP-1045", "Acme"), "Deal #1045 (Acme)");
        assert_eq!(
            join_and(&["a".into(), "b".into(), "c".into()]),
            "a, b and c"
        );
    }
}
