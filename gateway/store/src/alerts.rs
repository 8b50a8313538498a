//! Alert acknowledgements: a principal saying "seen" to an alert (a slipping deal, an anomaly),
//! once per alert and principal.

use chrono::{DateTime, Utc};

use crate::backend::dispatch;
use crate::stamp::{Stamp, now};
use crate::users::non_empty;
use crate::{AppStore, StoreError};

/// A principal's acknowledgement of an alert.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AlertAcknowledgement {
    /// The alert's id.
    pub alert_id: String,
    /// Who acknowledged it.
    pub principal: String,
    /// What they noted, if anything.
    pub note: Option<String>,
    /// When they first acknowledged it.
    pub acknowledged_at: DateTime<Utc>,
}

/// Inserts, or on a repeat returns the existing row untouched (the no-op update makes
/// `RETURNING` yield the stored row on both backends).
const ACKNOWLEDGE: &str = "\
    INSERT INTO alert_acknowledgements (alert_id, principal, note, acknowledged_at) \
    VALUES ($1, $2, $3, $4) \
    ON CONFLICT (alert_id, principal) DO UPDATE SET alert_id = alert_acknowledgements.alert_id \
    RETURNING alert_id, principal, note, acknowledged_at";
const SELECT_OF_PRINCIPAL: &str = "\
    SELECT alert_id, principal, note, acknowledged_at FROM alert_acknowledgements \
    WHERE principal = $1 ORDER BY acknowledged_at, alert_id";

impl AppStore {
    /// Acknowledges `alert_id` for `principal`. Idempotent: acknowledging again returns the
    /// first acknowledgement (its time and note) unchanged.
    pub async fn acknowledge_alert(
        &self,
        alert_id: &str,
        principal: &str,
        note: Option<&str>,
    ) -> Result<AlertAcknowledgement, StoreError> {
        non_empty("alert id", alert_id)?;
        non_empty("alert acknowledgement principal", principal)?;
        dispatch!(&self.pools, db => sqlx::query_as::<_, AlertAcknowledgement>(ACKNOWLEDGE)
            .bind(alert_id)
            .bind(principal)
            .bind(note)
            .bind(Stamp(now()))
            .fetch_one(db.pool())
            .await)
        .map_err(self.failed("acknowledging an alert"))
    }

    /// Everything `principal` has acknowledged, oldest first.
    pub async fn alert_acknowledgements(
        &self,
        principal: &str,
    ) -> Result<Vec<AlertAcknowledgement>, StoreError> {
        dispatch!(&self.pools, db => sqlx::query_as::<_, AlertAcknowledgement>(SELECT_OF_PRINCIPAL)
            .bind(principal)
            .fetch_all(db.pool())
            .await)
        .map_err(self.failed("listing alert acknowledgements"))
    }
}
