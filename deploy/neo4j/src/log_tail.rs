//! Reads the last lines of a log file, so startup errors can show what the
//! JVM and Neo4j said without making the caller go looking for files.

use std::path::Path;

/// Longest tail kept per file, in bytes, before cutting to whole lines.
const MAX_TAIL_BYTES: usize = 16 * 1024;

/// The last `lines` lines of `path`, headed by its name; a note if unreadable.
pub(crate) fn tail(path: &Path, lines: usize) -> String {
    let text = match std::fs::read(path) {
        Ok(bytes) => {
            let start = bytes.len().saturating_sub(MAX_TAIL_BYTES);
            String::from_utf8_lossy(&bytes[start..]).into_owned()
        }
        Err(error) => return format!("--- {} (unreadable: {error})", path.display()),
    };
    let all: Vec<&str> = text.lines().collect();
    let kept = &all[all.len().saturating_sub(lines)..];
    let mut out = format!("--- last {} lines of {}", kept.len(), path.display());
    for line in kept {
        out.push('\n');
        out.push_str(line);
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests: a panic is the failure report.
mod tests {
    use super::*;

    #[test]
    fn keeps_the_last_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.log");
        std::fs::write(&path, "a\nb\nc\n").unwrap();
        let got = tail(&path, 2);
        assert!(got.ends_with("\nb\nc"), "{got}");
        assert!(tail(&dir.path().join("missing"), 2).contains("unreadable"));
    }
}
