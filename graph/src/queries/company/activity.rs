//! Selling activity: activities (about a visible deal, or — when about no deal — a visible
//! account) and the transcripts of visible calls, without their turns.

use super::Visible;
use crate::GraphClient;
use crate::error::GraphError;
use crate::model::{Activity, Transcript};

/// Whether activity `x` is visible: by its deal when it has one, else by its account.
macro_rules! activity_visible {
    () => {
        "x.kind IS NOT NULL AND ($everything OR CASE WHEN x.opportunity_id IS NULL
            THEN x.account_id IN $accounts ELSE x.opportunity_id IN $deals END)"
    };
}

const ACTIVITIES: &str = concat!(
    "MATCH (x:Activity) WHERE ",
    activity_visible!(),
    "
    RETURN collect(x {.id, .kind, .at, .account_id, .opportunity_id, .user_id, .contact_ids,
                      .subject, .body, .competitors_mentioned, .duration_minutes}) AS records"
);

/// A transcript is visible when the call it records is. The graph keeps only the number of
/// turns (the words live in the search index), so transcripts come back without turns.
const TRANSCRIPTS: &str = concat!(
    "MATCH (t:Transcript)
    WHERE t.activity_id IS NOT NULL
      AND ($everything OR EXISTS { MATCH (x:Activity {id: t.activity_id}) WHERE ",
    activity_visible!(),
    " })
    RETURN collect(t {.id, .activity_id, turns: []}) AS records"
);

/// The activity records of a read.
pub(super) struct ActivityRecords {
    pub(super) activities: Vec<Activity>,
    pub(super) transcripts: Vec<Transcript>,
}

impl GraphClient {
    /// Reads the activities and transcripts within `visible`, each kind sorted by id.
    pub(super) async fn read_activities(
        &self,
        visible: &Visible,
    ) -> Result<ActivityRecords, GraphError> {
        let mut activities: Vec<Activity> = self
            .read_records("read_company_activities", ACTIVITIES, visible)
            .await?;
        activities.sort_by(|a, b| a.id.cmp(&b.id));
        let mut transcripts: Vec<Transcript> = self
            .read_records("read_company_transcripts", TRANSCRIPTS, visible)
            .await?;
        transcripts.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(ActivityRecords {
            activities,
            transcripts,
        })
    }
}
