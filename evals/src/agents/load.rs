//! Reading suite files: strict JSON (unknown fields rejected) and checks across cases — unique
//! ids, known placeholders and intents, consistent refusal expectations — each error naming the
//! file and the case.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::error::EvalError;
use super::placeholders::placeholders_in;
use super::suite::{Case, Expansion, OutcomeKind, Suite};

/// Loads every suite in `paths`: a folder contributes its `*.json` files (in name order), a
/// file itself.
pub fn load_suites<P: AsRef<Path>>(paths: &[P]) -> Result<Vec<Suite>, EvalError> {
    let mut files = Vec::new();
    for path in paths {
        let path = path.as_ref();
        if path.is_dir() {
            let found = suite_files(path)?;
            if found.is_empty() {
                return Err(EvalError::NoSuites(path.to_path_buf()));
            }
            files.extend(found);
        } else {
            files.push(path.to_path_buf());
        }
    }
    let intents = known_intents();
    let mut ids = BTreeSet::new();
    let mut suites = Vec::new();
    for file in files {
        let suite = parse_suite(&file)?;
        for case in &suite.cases {
            let fail = |reason: String| EvalError::Suite {
                path: file.clone(),
                location: format!("case `{}`", case.id),
                reason,
            };
            if !ids.insert(case.id.clone()) {
                return Err(fail("the id is used twice".into()));
            }
            check_case(case, &intents).map_err(fail)?;
        }
        suites.push(suite);
    }
    Ok(suites)
}

fn suite_files(dir: &Path) -> Result<Vec<PathBuf>, EvalError> {
    let read = |source| EvalError::Read {
        path: dir.to_path_buf(),
        source,
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(read)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(read)?
        .into_iter()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    Ok(files)
}

/// Parses one file, naming the case (by id when it has one) a field error is in.
pub fn parse_suite(path: &Path) -> Result<Suite, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    parse_suite_text(&text).map_err(|(location, reason)| EvalError::Suite {
        path: path.to_path_buf(),
        location,
        reason,
    })
}

/// Parses suite JSON; errors are (location, reason).
pub fn parse_suite_text(text: &str) -> Result<Suite, (String, String)> {
    let mut de = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        (locate(text, &path), e.inner().to_string())
    })
}

/// `cases[12].as` → ``case `sales.rep.3` (cases[12].as)`` when the case has an id.
fn locate(text: &str, path: &str) -> String {
    let index = path
        .strip_prefix("cases[")
        .and_then(|rest| rest.split(']').next())
        .and_then(|n| n.parse::<usize>().ok());
    let id = index.and_then(|i| {
        let v: Value = serde_json::from_str(text).ok()?;
        v.get("cases")?
            .get(i)?
            .get("id")?
            .as_str()
            .map(str::to_owned)
    });
    match id {
        Some(id) => format!("case `{id}` ({path})"),
        None => path.to_owned(),
    }
}

fn known_intents() -> Option<BTreeSet<String>> {
    revpulse_agents::offline::intent_catalogue()
        .ok()
        .map(|intents| intents.into_iter().map(|i| i.name).collect())
}

/// The checks a single case must pass beyond its types.
pub fn check_case(case: &Case, intents: &Option<BTreeSet<String>>) -> Result<(), String> {
    if case.id.trim().is_empty() || case.question.trim().is_empty() {
        return Err("the id and the question must not be empty".into());
    }
    for text in case.texts() {
        placeholders_in(text)?;
    }
    let e = &case.expect;
    if let (Some(intent), Some(known)) = (&e.intent, intents)
        && !known.contains(intent)
    {
        return Err(format!("unknown intent `{intent}`"));
    }
    if let Some(outcome) = &e.outcome
        && e.must_refuse != outcome.accepts(OutcomeKind::Refused)
        && matches!(outcome, super::suite::OutcomeSet::One(_))
    {
        return Err("must_refuse and outcome disagree".into());
    }
    if case.each == Some(Expansion::InjectedAccount) && !case.question.contains("{injected_account")
    {
        return Err("`each: injected_account` needs {injected_account} in the question".into());
    }
    if e.tools.iter().any(|t| t.name.trim().is_empty()) {
        return Err("a tool expectation has no name".into());
    }
    Ok(())
}
