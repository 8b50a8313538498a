//! The Meilisearch filter translation agrees with the reference semantics: for random
//! metadata, filters and scopes, evaluating the generated filter string on the generated
//! document JSON the way Meilisearch does (values compared after trimming and lowercasing)
//! gives exactly `SearchFilter::matches && RetrievalScope::admits`.
//!
//! The evaluator below parses the subset of Meilisearch's filter syntax the backend emits:
//! `AND`, `OR`, parentheses, `field IN ["..", ..]` and `field <op> number`.

use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use revpulse_search::meili::documents::document_json;
use revpulse_search::meili::{MATCH_NOTHING, meili_filter};
use revpulse_search::{
    DocumentMetadata, FieldCondition, FilterField, RetrievalScope, SearchDocument, SearchFilter,
};
use serde_json::Value;

// ---------------------------------------------------------------------------------------
// A tiny Meilisearch filter evaluator

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    Str(String),
    Num(i64),
    Op(&'static str),
    Open,
    Close,
    OpenList,
    CloseList,
    Comma,
}

fn tokenize(input: &str) -> Vec<Token> {
    let chars: Vec<char> = input.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' => i += 1,
            '(' => (tokens.push(Token::Open), i += 1).1,
            ')' => (tokens.push(Token::Close), i += 1).1,
            '[' => (tokens.push(Token::OpenList), i += 1).1,
            ']' => (tokens.push(Token::CloseList), i += 1).1,
            ',' => (tokens.push(Token::Comma), i += 1).1,
            '"' => {
                // Meilisearch: `\"` is a quote, then `\\` is a backslash.
                let mut value = String::new();
                i += 1;
                loop {
                    match chars[i] {
                        '"' => break,
                        '\\' => {
                            value.push(chars[i + 1]);
                            i += 2;
                        }
                        other => {
                            value.push(other);
                            i += 1;
                        }
                    }
                }
                i += 1;
                tokens.push(Token::Str(value));
            }
            '>' | '<' | '=' => {
                let op = match (c, chars.get(i + 1)) {
                    ('>', Some('=')) => ">=",
                    ('<', Some('=')) => "<=",
                    ('>', _) => ">",
                    ('<', _) => "<",
                    _ => "=",
                };
                i += op.len();
                tokens.push(Token::Op(op));
            }
            '-' | '0'..='9' => {
                let start = i;
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                let text: String = chars[start..i].iter().collect();
                tokens.push(Token::Num(text.parse().unwrap()));
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                tokens.push(Token::Ident(chars[start..i].iter().collect()));
            }
            other => panic!("unexpected character {other:?} in {input}"),
        }
    }
    tokens
}

struct Eval<'a> {
    tokens: Vec<Token>,
    at: usize,
    doc: &'a Value,
}

/// How Meilisearch compares filter strings to stored facet strings.
fn normalize(s: &str) -> String {
    s.trim().to_lowercase()
}

impl Eval<'_> {
    fn next(&mut self) -> Token {
        self.at += 1;
        self.tokens[self.at - 1].clone()
    }

    fn peek_keyword(&self, word: &str) -> bool {
        matches!(self.tokens.get(self.at), Some(Token::Ident(w)) if w == word)
    }

    fn or(&mut self) -> bool {
        let mut value = self.and();
        while self.peek_keyword("OR") {
            self.at += 1;
            value |= self.and();
        }
        value
    }

    fn and(&mut self) -> bool {
        let mut value = self.primary();
        while self.peek_keyword("AND") {
            self.at += 1;
            value &= self.primary();
        }
        value
    }

    fn primary(&mut self) -> bool {
        match self.next() {
            Token::Open => {
                let value = self.or();
                assert_eq!(self.next(), Token::Close);
                value
            }
            Token::Ident(field) => match self.next() {
                Token::Ident(keyword) if keyword == "IN" => {
                    assert_eq!(self.next(), Token::OpenList);
                    let mut wanted = Vec::new();
                    loop {
                        match self.next() {
                            Token::Str(s) => wanted.push(normalize(&s)),
                            Token::Comma => {}
                            Token::CloseList => break,
                            other => panic!("unexpected {other:?} in a list"),
                        }
                    }
                    let stored: Vec<String> = match &self.doc[&field] {
                        Value::String(s) => vec![normalize(s)],
                        Value::Array(items) => items
                            .iter()
                            .map(|v| normalize(v.as_str().unwrap()))
                            .collect(),
                        Value::Null => Vec::new(),
                        other => panic!("`{field}` holds {other}"),
                    };
                    stored.iter().any(|s| wanted.contains(s))
                }
                Token::Op(op) => {
                    let Token::Num(n) = self.next() else {
                        panic!("number expected")
                    };
                    let stored = self.doc[&field].as_i64().unwrap();
                    match op {
                        ">=" => stored >= n,
                        "<=" => stored <= n,
                        ">" => stored > n,
                        "<" => stored < n,
                        _ => stored == n,
                    }
                }
                other => panic!("unexpected {other:?} after `{field}`"),
            },
            other => panic!("unexpected {other:?}"),
        }
    }
}

fn evaluate(filter: &str, doc: &Value) -> bool {
    let mut eval = Eval {
        tokens: tokenize(filter),
        at: 0,
        doc,
    };
    let value = eval.or();
    assert_eq!(eval.at, eval.tokens.len(), "trailing tokens in {filter}");
    value
}

// ---------------------------------------------------------------------------------------
// Generators: few distinct values (so they collide), some differing only by case, spaces
// or quoting, to catch a translation that leans on Meilisearch's normalisation.

const VALUES: [&str; 10] = [
    "emea", "EMEA", " emea", "amer", "a\"b", "a\\b", "é", "É", "", "x] OR y",
];

fn value() -> impl Strategy<Value = String> {
    prop::sample::select(VALUES.to_vec()).prop_map(str::to_string)
}

fn time() -> impl Strategy<Value = DateTime<Utc>> {
    (
        -2i64..3,
        prop::sample::select(vec![0u32, 1, 500, 999_999_999]),
    )
        .prop_map(|(s, n)| Utc.timestamp_opt(1_700_000_000 + s, n).unwrap())
}

fn metadata() -> impl Strategy<Value = DocumentMetadata> {
    (
        (
            prop::option::of(value()),
            value(),
            prop::option::of(value()),
            value(),
        ),
        (
            prop::option::of(value()),
            value(),
            prop::collection::vec(value(), 0..3),
            value(),
        ),
        time(),
    )
        .prop_map(
            |(
                (deal_id, account_id, stage, region),
                (product_line, sales_rep, competitor_mentioned, source_type),
                timestamp,
            )| DocumentMetadata {
                deal_id,
                account_id,
                stage,
                region,
                product_line,
                sales_rep,
                competitor_mentioned,
                source_type,
                timestamp,
            },
        )
}

fn filter() -> impl Strategy<Value = SearchFilter> {
    let condition = (
        prop::sample::select(FilterField::ALL.to_vec()),
        prop::collection::vec(value(), 0..4),
    )
        .prop_map(|(field, any_of)| FieldCondition { field, any_of });
    (
        prop::collection::vec(condition, 0..3),
        prop::option::of(time()),
        prop::option::of(time()),
    )
        .prop_map(|(conditions, from, to)| SearchFilter {
            conditions,
            from,
            to,
        })
}

fn scope() -> impl Strategy<Value = RetrievalScope> {
    let list = || prop::collection::vec(value(), 0..3);
    prop_oneof![
        Just(RetrievalScope::Unrestricted),
        (list(), list(), list()).prop_map(|(regions, sales_reps, accounts)| {
            RetrievalScope::Restricted {
                regions,
                sales_reps,
                accounts,
            }
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_meilisearch_filter_agrees_with_the_reference(
        metadata in metadata(),
        filter in filter(),
        scope in scope(),
    ) {
        let document = SearchDocument { id: "c#1".into(), text: "t".into(), metadata };
        let json = document_json(&document, "minilm", &[0.0]).unwrap();
        let expected = filter.matches(&document.metadata) && scope.admits(&document.metadata);
        let actual = match meili_filter(&filter, &scope) {
            None => true,
            Some(expr) => {
                if expr == MATCH_NOTHING {
                    prop_assert!(!expected, "MATCH_NOTHING for an admitted document");
                }
                evaluate(&expr, &json)
            }
        };
        prop_assert_eq!(actual, expected, "filter {:?}", meili_filter(&filter, &scope));
    }
}

#[test]
fn the_evaluator_follows_meilisearch_normalisation() {
    let doc =
        serde_json::json!({"region": "EMEA", "timestamp": 5, "competitor_mentioned": ["a", "B"]});
    assert!(
        evaluate(r#"region IN ["emea"]"#, &doc),
        "case-insensitive, as Meilisearch is"
    );
    assert!(evaluate(
        r#"competitor_mentioned IN ["b"] AND timestamp >= 5"#,
        &doc
    ));
    assert!(!evaluate(
        r#"(region IN ["x"] OR timestamp < 5) AND timestamp = 5"#,
        &doc
    ));
    assert!(evaluate(r#"region IN ["x\"y", "emea"]"#, &doc));
}
