//! How timestamps are written: one fixed, sortable text form on SQLite, native `TIMESTAMPTZ`
//! on PostgreSQL, always at microsecond precision.
//!
//! sqlx writes a SQLite `DateTime` with as many fraction digits as it needs, so text order
//! stops being time order (`…:00Z` sorts after `…:00.5Z`). Binding through [`Stamp`] keeps every
//! stored timestamp at exactly six fraction digits, which makes `since` / `until` / `expires_at`
//! comparisons in SQL correct on both backends. Reading back needs no wrapper.

use chrono::{DateTime, SubsecRound, Utc};
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::postgres::{PgArgumentBuffer, PgTypeInfo};
use sqlx::sqlite::{SqliteArgumentsBuffer, SqliteTypeInfo};
use sqlx::{Encode, Postgres, Sqlite, Type};

/// A timestamp as bound into SQL.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Stamp(pub(crate) DateTime<Utc>);

/// The current time at the precision both backends store (microseconds), so a value read back
/// equals the value written, and an audit entry's hash can be recomputed from its row.
pub(crate) fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

impl From<DateTime<Utc>> for Stamp {
    fn from(at: DateTime<Utc>) -> Self {
        Stamp(at.trunc_subsecs(6))
    }
}

impl Type<Sqlite> for Stamp {
    fn type_info() -> SqliteTypeInfo {
        <String as Type<Sqlite>>::type_info()
    }
}

impl Encode<'_, Sqlite> for Stamp {
    fn encode_by_ref(&self, buf: &mut SqliteArgumentsBuffer) -> Result<IsNull, BoxDynError> {
        let text = self.0.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string();
        Encode::<Sqlite>::encode(text, buf)
    }
}

impl Type<Postgres> for Stamp {
    fn type_info() -> PgTypeInfo {
        <DateTime<Utc> as Type<Postgres>>::type_info()
    }
}

impl Encode<'_, Postgres> for Stamp {
    fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
        Encode::<Postgres>::encode_by_ref(&self.0, buf)
    }
}

/// Binds an optional timestamp.
pub(crate) fn stamp(at: Option<DateTime<Utc>>) -> Option<Stamp> {
    at.map(Stamp::from)
}
