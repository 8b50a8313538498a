//! The keyword side of the embedded index: a tantivy index holding the passage text (BM25
//! with English stemming and stop words), the filterable metadata as exact-match terms, and
//! the timestamp as a range-searchable number.

use std::ops::Bound;
use std::path::Path;

use tantivy::collector::TopDocs;
use tantivy::query::{
    AllQuery, BooleanQuery, EmptyQuery, Occur, Query, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{
    Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
    Value,
};
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer,
};
use tantivy::{DocAddress, Index, TantivyDocument, Term};

use crate::document::{DocumentMetadata, SearchDocument};
use crate::error::SearchError;
use crate::filter::{FilterField, SearchFilter};
use crate::scope::RetrievalScope;

const ANALYZER: &str = "revpulse_en";

/// Field handles of the keyword index.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TextFields {
    pub id: Field,
    pub text: Field,
    pub metadata: Field,
    pub timestamp_us: Field,
    filters: [Field; FilterField::ALL.len()],
}

impl TextFields {
    fn filter(&self, field: FilterField) -> Field {
        let i = FilterField::ALL
            .iter()
            .position(|f| *f == field)
            .unwrap_or(0);
        self.filters[i]
    }
}

fn schema() -> (Schema, TextFields) {
    let mut b = Schema::builder();
    let id = b.add_text_field("id", STRING | STORED);
    let text_options = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let text = b.add_text_field("text", text_options);
    let metadata = b.add_text_field("metadata", STORED);
    let timestamp_us = b.add_i64_field("timestamp_us", INDEXED);
    let filters = FilterField::ALL.map(|f| b.add_text_field(f.as_str(), STRING));
    (
        b.build(),
        TextFields {
            id,
            text,
            metadata,
            timestamp_us,
            filters,
        },
    )
}

fn analyzer() -> TextAnalyzer {
    let builder = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser);
    match StopWordFilter::new(Language::English) {
        Some(stop) => builder
            .filter(stop)
            .filter(Stemmer::new(Language::English))
            .build(),
        None => builder.filter(Stemmer::new(Language::English)).build(),
    }
}

pub(crate) fn tantivy_error(e: tantivy::TantivyError) -> SearchError {
    SearchError::Tantivy(e.to_string())
}

/// Creates the keyword index in an empty directory.
pub(crate) fn create(dir: &Path) -> Result<(Index, TextFields), SearchError> {
    let (schema, fields) = schema();
    let index = Index::create_in_dir(dir, schema).map_err(tantivy_error)?;
    index.tokenizers().register(ANALYZER, analyzer());
    Ok((index, fields))
}

/// Opens an existing keyword index, checking it has this version's schema.
pub(crate) fn open(dir: &Path) -> Result<(Index, TextFields), SearchError> {
    let corrupt = |reason: String| SearchError::Corrupted {
        path: dir.into(),
        reason,
    };
    let index = Index::open_in_dir(dir).map_err(|e| corrupt(format!("keyword index: {e}")))?;
    let (expected, fields) = schema();
    if index.schema() != expected {
        return Err(corrupt("keyword index has another schema version".into()));
    }
    index.tokenizers().register(ANALYZER, analyzer());
    Ok((index, fields))
}

/// The tantivy document for a passage.
pub(crate) fn to_document(
    fields: &TextFields,
    document: &SearchDocument,
) -> Result<TantivyDocument, SearchError> {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, &document.id);
    doc.add_text(fields.text, &document.text);
    let json =
        serde_json::to_string(&document.metadata).map_err(|e| SearchError::InvalidDocument {
            id: document.id.clone(),
            reason: e.to_string(),
        })?;
    doc.add_text(fields.metadata, json);
    doc.add_i64(
        fields.timestamp_us,
        document.metadata.timestamp.timestamp_micros(),
    );
    for field in FilterField::ALL {
        for value in field.values(&document.metadata) {
            doc.add_text(fields.filter(field), value);
        }
    }
    Ok(doc)
}

/// The term naming a document, for replacement and deletion.
pub(crate) fn id_term(fields: &TextFields, id: &str) -> Term {
    Term::from_field_text(fields.id, id)
}

/// The filter and scope as one tantivy query that matches exactly the admitted documents.
pub(crate) fn admission_query(
    fields: &TextFields,
    filter: &SearchFilter,
    scope: &RetrievalScope,
) -> Box<dyn Query> {
    if filter.is_empty_set() || scope.is_empty() {
        return Box::new(EmptyQuery);
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for condition in &filter.conditions {
        let field = fields.filter(condition.field);
        let terms = condition
            .any_of
            .iter()
            .map(|v| Term::from_field_text(field, v));
        clauses.push((Occur::Must, Box::new(TermSetQuery::new(terms))));
    }
    if filter.from.is_some() || filter.to.is_some() {
        let bound = |t: Option<chrono::DateTime<chrono::Utc>>, included: bool| match t {
            None => Bound::Unbounded,
            Some(t) => {
                let term = Term::from_field_i64(fields.timestamp_us, t.timestamp_micros());
                if included {
                    Bound::Included(term)
                } else {
                    Bound::Excluded(term)
                }
            }
        };
        clauses.push((
            Occur::Must,
            Box::new(RangeQuery::new(
                bound(filter.from, true),
                bound(filter.to, false),
            )),
        ));
    }
    if let Some(grants) = scope.grants() {
        let any_grant: Vec<(Occur, Box<dyn Query>)> = grants
            .into_iter()
            .map(|(field, values)| {
                let f = fields.filter(field);
                let q: Box<dyn Query> = Box::new(TermSetQuery::new(
                    values.iter().map(|v| Term::from_field_text(f, v)),
                ));
                (Occur::Should, q)
            })
            .collect();
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(any_grant))));
    }
    if clauses.is_empty() {
        Box::new(AllQuery)
    } else {
        Box::new(BooleanQuery::new(clauses))
    }
}

/// The user's words as a disjunction of analysed terms of the text field. User text never
/// reaches a query parser, so it cannot name other fields or inject syntax.
pub(crate) fn words_query(index: &Index, fields: &TextFields, query: &str) -> Box<dyn Query> {
    let mut analyzer = match index.tokenizer_for_field(fields.text) {
        Ok(a) => a,
        Err(_) => analyzer(),
    };
    let mut stream = analyzer.token_stream(query);
    let mut terms: Vec<String> = Vec::new();
    while stream.advance() {
        let t = stream.token().text.clone();
        if !terms.contains(&t) {
            terms.push(t);
        }
    }
    if terms.is_empty() {
        return Box::new(EmptyQuery);
    }
    let clauses = terms
        .into_iter()
        .map(|t| {
            let q: Box<dyn Query> = Box::new(TermQuery::new(
                Term::from_field_text(fields.text, &t),
                IndexRecordOption::WithFreqsAndPositions,
            ));
            (Occur::Should, q)
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

/// Words AND admission.
pub(crate) fn keyword_query(words: Box<dyn Query>, admission: Box<dyn Query>) -> BooleanQuery {
    BooleanQuery::new(vec![(Occur::Must, words), (Occur::Must, admission)])
}

/// Runs a scored query; returns `(address, score)` best first, ties broken by address.
pub(crate) fn top_docs(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    limit: usize,
) -> Result<Vec<(DocAddress, f32)>, SearchError> {
    let hits = searcher
        .search(query, &TopDocs::with_limit(limit).order_by_score())
        .map_err(tantivy_error)?;
    Ok(hits
        .into_iter()
        .map(|(score, address)| (address, score))
        .collect())
}

/// The stored id, text and metadata of a document.
pub(crate) fn stored(
    searcher: &tantivy::Searcher,
    fields: &TextFields,
    address: DocAddress,
) -> Result<(String, String, DocumentMetadata), SearchError> {
    let doc: TantivyDocument = searcher.doc(address).map_err(tantivy_error)?;
    let text_of = |f: Field| {
        doc.get_first(f)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let id =
        text_of(fields.id).ok_or_else(|| SearchError::Tantivy("a stored id is missing".into()))?;
    let text = text_of(fields.text).unwrap_or_default();
    let json = text_of(fields.metadata).unwrap_or_default();
    let metadata = serde_json::from_str(&json)
        .map_err(|e| SearchError::Tantivy(format!("stored metadata of `{id}`: {e}")))?;
    Ok((id, text, metadata))
}

/// The address of the document with this id, if indexed.
pub(crate) fn address_of(
    searcher: &tantivy::Searcher,
    fields: &TextFields,
    id: &str,
) -> Result<Option<DocAddress>, SearchError> {
    let q = TermQuery::new(id_term(fields, id), IndexRecordOption::Basic);
    Ok(top_docs(searcher, &q, 1)?.first().map(|(a, _)| *a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::FieldCondition;
    use chrono::{Duration, TimeZone, Utc};
    use proptest::prelude::*;
    use tantivy::collector::DocSetCollector;

    const VALUES: [&str; 3] = ["a", "b", "c"];

    fn metadata_strategy() -> impl Strategy<Value = DocumentMetadata> {
        let v = || prop::sample::select(VALUES.to_vec()).prop_map(String::from);
        (
            prop::option::of(v()),
            v(),
            prop::option::of(v()),
            v(),
            prop::option::of(v()),
            v(),
            prop::collection::vec(v(), 0..3),
            v(),
            0i64..20,
        )
            .prop_map(
                |(deal, account, stage, region, line, rep, comps, source, hours)| {
                    DocumentMetadata {
                        deal_id: deal,
                        account_id: account,
                        stage,
                        region,
                        product_line: line,
                        sales_rep: rep,
                        competitor_mentioned: comps,
                        source_type: source,
                        timestamp: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()
                            + Duration::hours(hours),
                    }
                },
            )
    }

    fn filter_strategy() -> impl Strategy<Value = SearchFilter> {
        let condition = (
            prop::sample::select(FilterField::ALL.to_vec()),
            prop::collection::vec(
                prop::sample::select(VALUES.to_vec()).prop_map(String::from),
                0..3,
            ),
        )
            .prop_map(|(field, any_of)| FieldCondition { field, any_of });
        let bound = prop::option::of(0i64..20).prop_map(|h| {
            h.map(|h| Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap() + Duration::hours(h))
        });
        (prop::collection::vec(condition, 0..3), bound.clone(), bound).prop_map(
            |(conditions, from, to)| SearchFilter {
                conditions,
                from,
                to,
            },
        )
    }

    fn scope_strategy() -> impl Strategy<Value = RetrievalScope> {
        let list = || {
            prop::collection::vec(
                prop::sample::select(VALUES.to_vec()).prop_map(String::from),
                0..2,
            )
        };
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
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// The tantivy translation of a filter and scope admits exactly what the reference
        /// semantics admit.
        #[test]
        fn the_admission_query_agrees_with_the_reference_semantics(
            metadata in prop::collection::vec(metadata_strategy(), 1..25),
            filter in filter_strategy(),
            scope in scope_strategy(),
        ) {
            let (schema, fields) = schema();
            let index = Index::create_in_ram(schema);
            index.tokenizers().register(ANALYZER, analyzer());
            let mut writer: tantivy::IndexWriter<TantivyDocument> = index.writer_with_num_threads(1, 15_000_000).unwrap();
            for (i, m) in metadata.iter().enumerate() {
                let doc = SearchDocument { id: format!("d{i}"), text: "passage".into(), metadata: m.clone() };
                writer.add_document(to_document(&fields, &doc).unwrap()).unwrap();
            }
            writer.commit().unwrap();
            let searcher = index.reader().unwrap().searcher();
            let query = admission_query(&fields, &filter, &scope);
            let mut got: Vec<String> = searcher
                .search(&*query, &DocSetCollector)
                .unwrap()
                .into_iter()
                .map(|address| stored(&searcher, &fields, address).unwrap().0)
                .collect();
            got.sort();
            let mut expected: Vec<String> = metadata
                .iter()
                .enumerate()
                .filter(|(_, m)| filter.matches(m) && scope.admits(m))
                .map(|(i, _)| format!("d{i}"))
                .collect();
            expected.sort();
            prop_assert_eq!(got, expected);
        }
    }
}
