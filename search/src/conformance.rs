//! The contract every [`SearchIndex`] backend is tested against: the same suite runs on the
//! embedded index in CI and on Meilisearch when a server is configured.
//!
//! Expected results are computed from the fixture corpus with the reference semantics
//! ([`SearchFilter::matches`], [`RetrievalScope::admits`]), never written down by hand.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, TimeZone, Utc};

use crate::browse::{BrowseRequest, MAX_BROWSE_LIMIT, newest_first};
use crate::document::{DocumentMetadata, SearchDocument};
use crate::error::SearchError;
use crate::filter::{FilterField, SearchFilter};
use crate::index::SearchIndex;
use crate::request::{SearchHit, SearchMode, SearchRequest};
use crate::scope::RetrievalScope;

/// What passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConformanceReport {
    /// The backend tested.
    pub backend: String,
    /// Names of the checks that passed, in order.
    pub passed: Vec<String>,
}

const PASSAGES: [&str; 12] = [
    "Procurement says our price is too high compared with the Northwind quote they received.",
    "Their legal department needs another two weeks to review the contract terms.",
    "The champion loved the dashboard demo and wants a pilot with the finance team.",
    "Security review is blocked until we send the SOC 2 report and the pen test summary.",
    "The CFO asked for a multi-year discount before she signs the renewal.",
    "Onboarding went smoothly and usage doubled after the second training session.",
    "They are evaluating Globex as an alternative because of the cheaper per-seat pricing.",
    "The executive sponsor left the company last month and nobody owns the project now.",
    "Support tickets about slow report exports keep piling up and the admin is frustrated.",
    "Budget for next year was approved, so expansion to the European offices can start.",
    "The integration with their data warehouse failed twice during the proof of concept.",
    "We agreed on next steps: a technical deep dive on Thursday and a pricing proposal.",
];

const REGIONS: [&str; 3] = ["na", "emea", "apac"];
const REPS: [&str; 4] = ["u-001", "u-002", "u-003", "u-004"];
const SOURCES: [&str; 4] = ["call_transcript", "email", "meeting", "ticket_comment"];

fn base_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0)
        .single()
        .unwrap_or_default()
}

/// The fixture corpus: 36 passages spread over regions, sellers, accounts, deals, stages,
/// competitors, source types and ten weeks.
pub fn corpus() -> Vec<SearchDocument> {
    (0..36)
        .map(|i| {
            let text = PASSAGES[i % PASSAGES.len()];
            let competitor_mentioned = match i % PASSAGES.len() {
                0 => vec!["Northwind".to_string()],
                6 => vec!["Globex".to_string()],
                _ if i % 5 == 0 => vec!["Globex".to_string(), "Initech".to_string()],
                _ => Vec::new(),
            };
            SearchDocument {
                id: format!("conf-{:02}#{}-{}", i / 3, i % 3, i % 3),
                text: format!("{text} (note {i})"),
                metadata: DocumentMetadata {
                    deal_id: (i % 4 != 3).then(|| format!("opp-{:02}", i % 9)),
                    account_id: format!("acc-{:02}", i % 6),
                    stage: (i % 4 != 3)
                        .then(|| ["discovery", "proposal", "negotiation"][i % 3].to_string()),
                    region: REGIONS[i % 3].to_string(),
                    product_line: (i % 4 != 3).then(|| ["core", "analytics"][i % 2].to_string()),
                    sales_rep: REPS[i % 4].to_string(),
                    competitor_mentioned,
                    source_type: SOURCES[(i / 2) % 4].to_string(),
                    timestamp: base_time() + Duration::hours(47 * i as i64),
                },
            }
        })
        .collect()
}

struct Suite<'a> {
    index: &'a dyn SearchIndex,
    corpus: Vec<SearchDocument>,
    passed: Vec<String>,
}

type Check = Result<(), String>;

fn ensure(condition: bool, message: impl FnOnce() -> String) -> Check {
    if condition { Ok(()) } else { Err(message()) }
}

fn ids(hits: &[SearchHit]) -> Vec<&str> {
    hits.iter().map(|h| h.chunk_id.as_str()).collect()
}

macro_rules! step {
    ($suite:ident, $name:literal, $check:ident) => {
        $suite
            .$check()
            .await
            .map_err(|e| format!("{}: {}: {e}", $suite.index.backend(), $name))?;
        $suite.passed.push($name.to_string());
    };
}

/// Runs the whole suite on an index that may be cleared; stops at the first failure.
pub async fn run_all(index: &dyn SearchIndex) -> Result<ConformanceReport, String> {
    let mut suite = Suite {
        index,
        corpus: corpus(),
        passed: Vec::new(),
    };
    suite.setup().await?;
    step!(suite, "count after upsert", counts);
    step!(
        suite,
        "keyword ranks the exact wording first with highlights",
        keyword
    );
    step!(suite, "semantic finds a paraphrase", semantic);
    step!(
        suite,
        "hits are ordered, bounded and deterministic",
        ordering
    );
    step!(
        suite,
        "every filter field is applied inside the query",
        filters
    );
    step!(suite, "time windows are half-open", time_window);
    step!(suite, "scope admits exactly the granted passages", scope);
    step!(
        suite,
        "browse returns exactly the admitted passages, newest first",
        browse
    );
    step!(suite, "bad documents write nothing", bad_documents);
    step!(suite, "bad requests are refused", bad_requests);
    step!(suite, "upsert replaces by id", replace);
    step!(suite, "delete removes by id", delete);
    step!(suite, "clear empties the index", clear);
    Ok(ConformanceReport {
        backend: index.backend().to_string(),
        passed: suite.passed,
    })
}

impl Suite<'_> {
    async fn setup(&mut self) -> Result<(), String> {
        let err = |e: SearchError| format!("{}: setup: {e}", self.index.backend());
        self.index.clear().await.map_err(err)?;
        self.index.upsert(&self.corpus).await.map_err(err)?;
        Ok(())
    }

    async fn search(&self, request: SearchRequest) -> Result<Vec<SearchHit>, String> {
        self.index
            .search(&request)
            .await
            .map_err(|e| format!("search `{}` failed: {e}", request.query))
    }

    /// Every corpus id admitted by the filter and scope, by the reference semantics.
    fn admitted(&self, filter: &SearchFilter, scope: &RetrievalScope) -> BTreeSet<String> {
        self.corpus
            .iter()
            .filter(|d| filter.matches(&d.metadata) && scope.admits(&d.metadata))
            .map(|d| d.id.clone())
            .collect()
    }

    async fn counts(&mut self) -> Check {
        let n = self.index.count().await.map_err(|e| e.to_string())?;
        ensure(n == self.corpus.len(), || {
            format!("count {n}, expected {}", self.corpus.len())
        })
    }

    async fn keyword(&mut self) -> Check {
        let hits = self
            .search(
                SearchRequest::new("SOC 2 pen test", RetrievalScope::Unrestricted)
                    .mode(SearchMode::Keyword),
            )
            .await?;
        let first = hits.first().ok_or("no hits")?;
        ensure(
            first.metadata == self.doc(&first.chunk_id)?.metadata,
            || "hit metadata differs from the document's".into(),
        )?;
        ensure(first.snippet.text.contains("SOC"), || {
            format!("snippet `{}` lacks the term", first.snippet.text)
        })?;
        ensure(!first.snippet.highlights.is_empty(), || {
            "no highlights".into()
        })?;
        for h in &first.snippet.highlights {
            let marked = first
                .snippet
                .text
                .get(h.start..h.end)
                .ok_or("highlight outside the snippet")?;
            ensure(
                ["soc", "pen", "test", "2"]
                    .iter()
                    .any(|t| marked.to_lowercase().starts_with(t)),
                || format!("highlight `{marked}` is not a query term"),
            )?;
        }
        let expected: BTreeSet<String> = self
            .corpus
            .iter()
            .filter(|d| d.text.contains("SOC 2"))
            .map(|d| d.id.clone())
            .collect();
        let top: BTreeSet<String> = hits
            .iter()
            .take(expected.len())
            .map(|h| h.chunk_id.clone())
            .collect();
        ensure(top == expected, || {
            format!("top keyword hits {top:?}, expected {expected:?}")
        })
    }

    async fn semantic(&mut self) -> Check {
        let hits = self
            .search(
                SearchRequest::new(
                    "lawyers are still reading the agreement",
                    RetrievalScope::Unrestricted,
                )
                .mode(SearchMode::Semantic)
                .limit(3),
            )
            .await?;
        ensure(
            hits.iter().any(|h| {
                self.doc(&h.chunk_id)
                    .is_ok_and(|d| d.text.contains("legal department"))
            }),
            || format!("paraphrase not in the top 3: {:?}", ids(&hits)),
        )
    }

    async fn ordering(&mut self) -> Check {
        for mode in SearchMode::ALL {
            let request = SearchRequest::new("pricing discount", RetrievalScope::Unrestricted)
                .mode(mode)
                .limit(7);
            let first = self.search(request.clone()).await?;
            let again = self.search(request).await?;
            ensure(first.len() <= 7, || {
                format!("{} hits for limit 7", first.len())
            })?;
            ensure(!first.is_empty(), || {
                format!("{} mode found nothing", mode.as_str())
            })?;
            ensure(first.windows(2).all(|w| w[0].score >= w[1].score), || {
                "scores not descending".into()
            })?;
            ensure(ids(&first) == ids(&again), || {
                format!("{} mode is not deterministic", mode.as_str())
            })?;
            let unique: BTreeSet<&str> = ids(&first).into_iter().collect();
            ensure(unique.len() == first.len(), || {
                "a passage appears twice".into()
            })?;
        }
        Ok(())
    }

    /// Semantic search with a high limit returns every admitted passage, so its id set must
    /// equal the reference set exactly; keyword and hybrid hits must all be admitted.
    async fn exact_admission(
        &self,
        filter: SearchFilter,
        scope: RetrievalScope,
        what: &str,
    ) -> Check {
        let expected = self.admitted(&filter, &scope);
        for mode in SearchMode::ALL {
            let request = SearchRequest::new("pricing contract review", scope.clone())
                .mode(mode)
                .filter(filter.clone())
                .limit(crate::MAX_LIMIT);
            let hits = self.search(request).await?;
            for hit in &hits {
                ensure(expected.contains(&hit.chunk_id), || {
                    format!(
                        "{what}: {} mode returned {} outside the filter/scope",
                        mode.as_str(),
                        hit.chunk_id
                    )
                })?;
            }
            if mode == SearchMode::Semantic {
                let got: BTreeSet<String> = hits.iter().map(|h| h.chunk_id.clone()).collect();
                ensure(got == expected, || {
                    format!("{what}: semantic returned {got:?}, expected {expected:?}")
                })?;
            }
        }
        Ok(())
    }

    async fn filters(&mut self) -> Check {
        let sample = &self.corpus[4].metadata;
        for field in FilterField::ALL {
            let values: Vec<String> = field.values(sample).iter().map(|v| v.to_string()).collect();
            let values = if values.is_empty() {
                vec!["Globex".to_string()]
            } else {
                values
            };
            let filter = SearchFilter::any().with(field, values);
            self.exact_admission(filter, RetrievalScope::Unrestricted, field.as_str())
                .await?;
        }
        let combined = SearchFilter::any()
            .with(FilterField::Region, ["emea", "apac"])
            .with(FilterField::SourceType, ["email", "call_transcript"]);
        self.exact_admission(
            combined,
            RetrievalScope::Unrestricted,
            "region and source type",
        )
        .await?;
        let nothing = SearchFilter::any().with(FilterField::Region, Vec::<String>::new());
        self.exact_admission(nothing, RetrievalScope::Unrestricted, "empty value list")
            .await?;
        let unknown_value = SearchFilter::any().with(FilterField::AccountId, ["acc-\"; DROP"]);
        self.exact_admission(unknown_value, RetrievalScope::Unrestricted, "hostile value")
            .await
    }

    async fn time_window(&mut self) -> Check {
        let from = self.corpus[10].metadata.timestamp;
        let to = self.corpus[20].metadata.timestamp;
        let filter = SearchFilter::any().between(Some(from), Some(to));
        ensure(
            self.admitted(&filter, &RetrievalScope::Unrestricted).len() == 10,
            || "fixture window".into(),
        )?;
        self.exact_admission(filter, RetrievalScope::Unrestricted, "time window")
            .await?;
        let open_start = SearchFilter::any().between(None, Some(to));
        self.exact_admission(
            open_start,
            RetrievalScope::Unrestricted,
            "window without a start",
        )
        .await
    }

    async fn scope(&mut self) -> Check {
        let scopes = [
            (
                "a region",
                RetrievalScope::Restricted {
                    regions: vec!["emea".into()],
                    sales_reps: vec![],
                    accounts: vec![],
                },
            ),
            (
                "a seller",
                RetrievalScope::Restricted {
                    regions: vec![],
                    sales_reps: vec!["u-003".into()],
                    accounts: vec![],
                },
            ),
            (
                "a seller and their accounts",
                RetrievalScope::Restricted {
                    regions: vec![],
                    sales_reps: vec!["u-002".into()],
                    accounts: vec!["acc-01".into(), "acc-04".into()],
                },
            ),
            ("nothing", RetrievalScope::nothing()),
        ];
        for (what, scope) in scopes {
            self.exact_admission(SearchFilter::any(), scope.clone(), what)
                .await?;
            let narrowed = SearchFilter::any().with(FilterField::Region, ["na"]);
            self.exact_admission(narrowed, scope, what).await?;
        }
        Ok(())
    }

    /// The corpus documents admitted by the filter and scope, in the browse order.
    fn browsed(&self, filter: &SearchFilter, scope: &RetrievalScope) -> Vec<SearchDocument> {
        let mut expected: Vec<SearchDocument> = self
            .corpus
            .iter()
            .filter(|d| filter.matches(&d.metadata) && scope.admits(&d.metadata))
            .cloned()
            .collect();
        expected.sort_by(newest_first);
        expected
    }

    async fn browse_equals(&self, request: BrowseRequest, what: &str) -> Check {
        let got = self
            .index
            .browse(&request)
            .await
            .map_err(|e| format!("{what}: browse failed: {e}"))?;
        let mut expected = self.browsed(&request.filter, &request.scope);
        expected.truncate(request.limit);
        ensure(got == expected, || {
            let ids = |docs: &[SearchDocument]| -> Vec<String> {
                docs.iter().map(|d| d.id.clone()).collect()
            };
            format!(
                "{what}: browse returned {:?}, expected {:?}",
                ids(&got),
                ids(&expected)
            )
        })
    }

    async fn browse(&mut self) -> Check {
        let emea = RetrievalScope::Restricted {
            regions: vec!["emea".into()],
            sales_reps: vec!["u-004".into()],
            accounts: vec![],
        };
        let window = SearchFilter::any().between(
            Some(self.corpus[6].metadata.timestamp),
            Some(self.corpus[30].metadata.timestamp),
        );
        let cases = [
            (
                "everything",
                SearchFilter::any(),
                RetrievalScope::Unrestricted,
            ),
            ("a region and a seller", SearchFilter::any(), emea.clone()),
            (
                "a deal",
                SearchFilter::any().with(FilterField::DealId, ["opp-01"]),
                RetrievalScope::Unrestricted,
            ),
            (
                "an account in a window",
                window.with(FilterField::AccountId, ["acc-02", "acc-05"]),
                emea,
            ),
            (
                "a competitor",
                SearchFilter::any().with(FilterField::CompetitorMentioned, ["Globex"]),
                RetrievalScope::Unrestricted,
            ),
            ("nothing", SearchFilter::any(), RetrievalScope::nothing()),
        ];
        for (what, filter, scope) in cases {
            let request = BrowseRequest::new(scope).filter(filter);
            self.browse_equals(request.clone(), what).await?;
            self.browse_equals(request.limit(3), what).await?;
        }
        self.browse_ties().await?;
        let zero = BrowseRequest::new(RetrievalScope::Unrestricted).limit(0);
        ensure(
            matches!(
                self.index.browse(&zero).await,
                Err(SearchError::InvalidRequest(_))
            ),
            || "limit 0 accepted".into(),
        )?;
        let over = BrowseRequest::new(RetrievalScope::Unrestricted).limit(MAX_BROWSE_LIMIT + 1);
        ensure(
            matches!(
                self.index.browse(&over).await,
                Err(SearchError::InvalidRequest(_))
            ),
            || "a limit above the maximum accepted".into(),
        )
    }

    /// Passages at the same instant come in id byte order (upper case before lower case),
    /// whatever the backend's own string collation; they are removed afterwards.
    async fn browse_ties(&mut self) -> Check {
        let at = self.corpus[12].metadata.timestamp;
        let tied: Vec<SearchDocument> = ["conf-tie#b", "conf-tie#B", "conf-tie#a-1", "conf-tie_a"]
            .iter()
            .map(|id| {
                let mut d = self.corpus[12].clone();
                d.id = (*id).to_string();
                d.metadata.account_id = "acc-tie".into();
                d.metadata.timestamp = at;
                d
            })
            .collect();
        self.index.upsert(&tied).await.map_err(|e| e.to_string())?;
        self.corpus.extend(tied.iter().cloned());
        let filter = SearchFilter::any().between(Some(at), Some(at + Duration::seconds(1)));
        let outcome = self
            .browse_equals(
                BrowseRequest::new(RetrievalScope::Unrestricted).filter(filter),
                "tied instants",
            )
            .await;
        let ids: Vec<String> = tied.iter().map(|d| d.id.clone()).collect();
        self.index.delete(&ids).await.map_err(|e| e.to_string())?;
        self.corpus.retain(|d| !ids.contains(&d.id));
        outcome
    }

    async fn bad_documents(&mut self) -> Check {
        let before = self.index.count().await.map_err(|e| e.to_string())?;
        let mut good = self.corpus[0].clone();
        good.id = "conf-new#0-0".into();
        let mut empty = self.corpus[1].clone();
        empty.id = "conf-empty#0-0".into();
        empty.text = "   ".into();
        let mut huge = self.corpus[2].clone();
        huge.id = "conf-huge#0-0".into();
        huge.text = "word ".repeat(crate::MAX_TEXT_CHARS);
        for (what, bad) in [("empty text", empty), ("huge text", huge)] {
            let result = self.index.upsert(&[good.clone(), bad.clone()]).await;
            ensure(
                matches!(&result, Err(SearchError::InvalidDocument { id, .. }) if *id == bad.id),
                || {
                    format!(
                        "{what}: expected InvalidDocument naming {}, got {result:?}",
                        bad.id
                    )
                },
            )?;
        }
        let duplicate = self.index.upsert(&[good.clone(), good.clone()]).await;
        ensure(
            matches!(duplicate, Err(SearchError::InvalidDocument { .. })),
            || "duplicate ids accepted".into(),
        )?;
        let after = self.index.count().await.map_err(|e| e.to_string())?;
        ensure(before == after, || {
            format!("a rejected batch changed the count from {before} to {after}")
        })
    }

    async fn bad_requests(&mut self) -> Check {
        let empty = self
            .index
            .search(&SearchRequest::new("  ", RetrievalScope::Unrestricted))
            .await;
        ensure(matches!(empty, Err(SearchError::InvalidRequest(_))), || {
            "empty query accepted".into()
        })?;
        let zero = self
            .index
            .search(&SearchRequest::new("price", RetrievalScope::Unrestricted).limit(0))
            .await;
        ensure(matches!(zero, Err(SearchError::InvalidRequest(_))), || {
            "limit 0 accepted".into()
        })?;
        let unknown = SearchFilter::any().with_named("regoin", ["emea"]);
        ensure(
            matches!(&unknown, Err(SearchError::UnknownFilterField { field, known }) if field == "regoin" && known.contains("region")),
            || format!("unknown filter field not named: {unknown:?}"),
        )
    }

    async fn replace(&mut self) -> Check {
        let mut changed = self.corpus[3].clone();
        changed.text =
            "Quarterly zeppelin maintenance budget was moved to the next fiscal year.".into();
        changed.metadata.region = "apac".into();
        self.index
            .upsert(std::slice::from_ref(&changed))
            .await
            .map_err(|e| e.to_string())?;
        self.corpus[3] = changed.clone();
        let count = self.index.count().await.map_err(|e| e.to_string())?;
        ensure(count == self.corpus.len(), || {
            format!("count {count} after a replace")
        })?;
        let hits = self
            .search(
                SearchRequest::new("zeppelin", RetrievalScope::Unrestricted)
                    .mode(SearchMode::Keyword),
            )
            .await?;
        ensure(ids(&hits) == vec![changed.id.as_str()], || {
            format!("replaced text not found alone: {:?}", ids(&hits))
        })?;
        ensure(hits[0].metadata.region == "apac", || {
            "replaced metadata not returned".into()
        })?;
        self.exact_admission(
            SearchFilter::any().with(FilterField::Region, ["apac"]),
            RetrievalScope::Unrestricted,
            "after replace",
        )
        .await
    }

    async fn delete(&mut self) -> Check {
        let gone: Vec<String> = self.corpus.iter().take(5).map(|d| d.id.clone()).collect();
        let mut request_ids = gone.clone();
        request_ids.push("conf-never-indexed#0-0".into());
        self.index
            .delete(&request_ids)
            .await
            .map_err(|e| e.to_string())?;
        self.corpus.retain(|d| !gone.contains(&d.id));
        let count = self.index.count().await.map_err(|e| e.to_string())?;
        ensure(count == self.corpus.len(), || {
            format!("count {count} after delete, expected {}", self.corpus.len())
        })?;
        self.exact_admission(
            SearchFilter::any(),
            RetrievalScope::Unrestricted,
            "after delete",
        )
        .await
    }

    async fn clear(&mut self) -> Check {
        self.index.clear().await.map_err(|e| e.to_string())?;
        self.corpus.clear();
        let count = self.index.count().await.map_err(|e| e.to_string())?;
        ensure(count == 0, || format!("count {count} after clear"))?;
        let hits = self
            .search(SearchRequest::new("pricing", RetrievalScope::Unrestricted))
            .await?;
        ensure(hits.is_empty(), || "hits after clear".into())
    }

    fn doc(&self, id: &str) -> Result<&SearchDocument, String> {
        self.corpus
            .iter()
            .find(|d| d.id == id)
            .ok_or_else(|| format!("unknown id {id} returned"))
    }
}
