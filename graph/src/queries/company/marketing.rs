//! Marketing: campaigns (global ones and those of a granted region), the leads of visible
//! accounts and the touches on those leads.

use super::Visible;
use crate::GraphClient;
use crate::error::GraphError;
use crate::model::{Campaign, Lead, Touch};

const CAMPAIGNS: &str = "MATCH (c:Campaign)
    WHERE c.name IS NOT NULL
      AND ($everything OR c.region_id IS NULL OR c.region_id IN $regions)
    RETURN collect(c {.id, .name, .channel, .content, .cost, .start_date, .end_date,
                      .region_id}) AS records";

const LEADS: &str = "MATCH (l:Lead)
    WHERE l.status IS NOT NULL AND ($everything OR l.account_id IN $accounts)
    RETURN collect(l {.id, .contact_id, .account_id, .created_at, .mql_at, .sql_at, .status,
                      .converted_opportunity_id}) AS records";

/// A touch is visible when its lead is: a lead record of a visible account.
const TOUCHES: &str = "MATCH (t:Touch)
    WHERE t.at IS NOT NULL
      AND ($everything OR EXISTS {
            MATCH (l:Lead {id: t.lead_id})
            WHERE l.status IS NOT NULL AND l.account_id IN $accounts })
    RETURN collect(t {.id, .campaign_id, .lead_id, .at}) AS records";

/// The marketing records of a read.
pub(super) struct MarketingRecords {
    pub(super) campaigns: Vec<Campaign>,
    pub(super) leads: Vec<Lead>,
    pub(super) touches: Vec<Touch>,
}

impl GraphClient {
    /// Reads the campaigns, leads and touches within `visible`, each kind sorted by id.
    pub(super) async fn read_marketing(
        &self,
        visible: &Visible,
    ) -> Result<MarketingRecords, GraphError> {
        let mut campaigns: Vec<Campaign> = self
            .read_records("read_company_campaigns", CAMPAIGNS, visible)
            .await?;
        campaigns.sort_by(|a, b| a.id.cmp(&b.id));
        let mut leads: Vec<Lead> = self
            .read_records("read_company_leads", LEADS, visible)
            .await?;
        leads.sort_by(|a, b| a.id.cmp(&b.id));
        let mut touches: Vec<Touch> = self
            .read_records("read_company_touches", TOUCHES, visible)
            .await?;
        touches.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(MarketingRecords {
            campaigns,
            leads,
            touches,
        })
    }
}
