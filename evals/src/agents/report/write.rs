//! Writing the report: `report.json` (everything) and `report.md` (for people) in one folder.

use std::path::Path;

use super::EvalReport;
use crate::agents::error::EvalError;

/// Writes `report.json` and `report.md` into `dir` (created when missing).
pub fn write_report(report: &EvalReport, dir: &Path) -> Result<(), EvalError> {
    let failed = |path: &Path| {
        let path = path.to_path_buf();
        move |source| EvalError::Write { path, source }
    };
    std::fs::create_dir_all(dir).map_err(failed(dir))?;
    let json_path = dir.join("report.json");
    let json = serde_json::to_string_pretty(report).map_err(|e| EvalError::Write {
        path: json_path.clone(),
        source: std::io::Error::other(e),
    })?;
    std::fs::write(&json_path, json).map_err(failed(&json_path))?;
    let md_path = dir.join("report.md");
    std::fs::write(&md_path, report.to_markdown()).map_err(failed(&md_path))?;
    Ok(())
}
