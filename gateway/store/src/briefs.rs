//! Generated executive briefs (daily and weekly), kept as the markdown that was sent and the
//! structured JSON it was rendered from.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use sqlx::types::Json;

use crate::backend::dispatch;
use crate::ids::BriefId;
use crate::stamp::{Stamp, now};
use crate::users::non_empty;
use crate::{AppStore, StoreError};

/// How often a brief is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BriefKind {
    /// Every morning.
    Daily,
    /// Once a week.
    Weekly,
}

impl BriefKind {
    /// The stored name: `daily` or `weekly`.
    pub fn as_str(self) -> &'static str {
        match self {
            BriefKind::Daily => "daily",
            BriefKind::Weekly => "weekly",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        match text {
            "daily" => Some(BriefKind::Daily),
            "weekly" => Some(BriefKind::Weekly),
            _ => None,
        }
    }
}

/// A brief to save.
#[derive(Debug, Clone, PartialEq)]
pub struct NewBrief {
    /// Daily or weekly.
    pub kind: BriefKind,
    /// The day it covers (for a weekly brief, the week's first day).
    pub for_date: NaiveDate,
    /// Who it was made for (their scope shaped it).
    pub principal: String,
    /// The rendered text.
    pub markdown: String,
    /// The structured content it was rendered from.
    pub json: Value,
}

/// A saved brief.
#[derive(Debug, Clone, PartialEq)]
pub struct Brief {
    /// Its id.
    pub id: BriefId,
    /// Daily or weekly.
    pub kind: BriefKind,
    /// The day it covers.
    pub for_date: NaiveDate,
    /// Who it was made for.
    pub principal: String,
    /// The rendered text.
    pub markdown: String,
    /// The structured content.
    pub json: Value,
    /// When it was saved.
    pub created_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct BriefRow {
    id: BriefId,
    kind: String,
    for_date: NaiveDate,
    principal: String,
    markdown: String,
    json: Json<Value>,
    created_at: DateTime<Utc>,
}

const INSERT_BRIEF: &str = "\
    INSERT INTO briefs (kind, for_date, principal, markdown, json, created_at) \
    VALUES ($1, $2, $3, $4, $5, $6) \
    RETURNING id, kind, for_date, principal, markdown, json, created_at";
const SELECT_BRIEF: &str = "\
    SELECT id, kind, for_date, principal, markdown, json, created_at FROM briefs WHERE id = $1";
const SELECT_LATEST: &str = "\
    SELECT id, kind, for_date, principal, markdown, json, created_at FROM briefs \
    WHERE kind = $1 AND principal = $2 ORDER BY for_date DESC, id DESC LIMIT 1";
const SELECT_RECENT_OF: &str = "\
    SELECT id, kind, for_date, principal, markdown, json, created_at FROM briefs \
    WHERE principal = $1 ORDER BY id DESC LIMIT $2";
const SELECT_RECENT: &str = "\
    SELECT id, kind, for_date, principal, markdown, json, created_at FROM briefs \
    ORDER BY id DESC LIMIT $1";

impl AppStore {
    /// Saves a brief.
    pub async fn save_brief(&self, brief: NewBrief) -> Result<Brief, StoreError> {
        non_empty("brief principal", &brief.principal)?;
        let row = dispatch!(&self.pools, db => sqlx::query_as::<_, BriefRow>(INSERT_BRIEF)
            .bind(brief.kind.as_str())
            .bind(brief.for_date)
            .bind(&brief.principal)
            .bind(&brief.markdown)
            .bind(Json(&brief.json))
            .bind(Stamp(now()))
            .fetch_one(db.pool())
            .await)
        .map_err(self.failed("saving a brief"))?;
        self.brief_from(row)
    }

    /// The brief with this id.
    pub async fn brief(&self, id: BriefId) -> Result<Brief, StoreError> {
        let row = dispatch!(&self.pools, db => sqlx::query_as::<_, BriefRow>(SELECT_BRIEF)
            .bind(id)
            .fetch_optional(db.pool())
            .await)
        .map_err(self.failed("reading a brief"))?
        .ok_or_else(|| StoreError::NotFound {
            kind: "brief",
            id: id.to_string(),
        })?;
        self.brief_from(row)
    }

    /// The principal's brief of this kind for the latest date (the last saved, if several).
    pub async fn latest_brief(
        &self,
        kind: BriefKind,
        principal: &str,
    ) -> Result<Option<Brief>, StoreError> {
        let row = dispatch!(&self.pools, db => sqlx::query_as::<_, BriefRow>(SELECT_LATEST)
            .bind(kind.as_str())
            .bind(principal)
            .fetch_optional(db.pool())
            .await)
        .map_err(self.failed("reading the latest brief"))?;
        row.map(|row| self.brief_from(row)).transpose()
    }

    /// The `limit` most recently saved briefs, newest first.
    pub async fn briefs(&self, limit: u32) -> Result<Vec<Brief>, StoreError> {
        let rows = dispatch!(&self.pools, db => sqlx::query_as::<_, BriefRow>(SELECT_RECENT)
            .bind(i64::from(limit))
            .fetch_all(db.pool())
            .await)
        .map_err(self.failed("listing briefs"))?;
        rows.into_iter().map(|row| self.brief_from(row)).collect()
    }

    /// The `limit` most recently saved briefs of `principal`, newest first.
    pub async fn briefs_of(&self, principal: &str, limit: u32) -> Result<Vec<Brief>, StoreError> {
        let rows = dispatch!(&self.pools, db => sqlx::query_as::<_, BriefRow>(SELECT_RECENT_OF)
            .bind(principal)
            .bind(i64::from(limit))
            .fetch_all(db.pool())
            .await)
        .map_err(self.failed("listing a principal's briefs"))?;
        rows.into_iter().map(|row| self.brief_from(row)).collect()
    }

    fn brief_from(&self, row: BriefRow) -> Result<Brief, StoreError> {
        let kind = BriefKind::parse(&row.kind).ok_or_else(|| {
            self.corrupt(
                format!("brief {}", row.id),
                format_args!("kind `{}`", row.kind),
            )
        })?;
        Ok(Brief {
            id: row.id,
            kind,
            for_date: row.for_date,
            principal: row.principal,
            markdown: row.markdown,
            json: row.json.0,
            created_at: row.created_at,
        })
    }
}
