//! Deals: the visible opportunities and the buying roles on them.

use super::Visible;
use crate::GraphClient;
use crate::error::GraphError;
use crate::model::{Opportunity, OpportunityContact};

const OPPORTUNITIES: &str = "MATCH (o:Opportunity)
    WHERE o.name IS NOT NULL AND ($everything OR o.id IN $deals)
    RETURN collect(o {.id, .name, .account_id, .owner_id, .product_line_id, .product_id,
                      .created_on, .amount, .stage, .close_date, .forecast_category,
                      .probability, .deal_type, .lead_id, .primary_competitor, .loss_reason})
        AS records";

/// A buying role is a relationship, so it follows its deal.
const OPPORTUNITY_CONTACTS: &str = "MATCH (c:Contact)-[r:ROLE_ON]->(o:Opportunity)
    WHERE $everything OR o.id IN $deals
    RETURN collect({opportunity_id: o.id, contact_id: c.id, role: r.role}) AS records";

/// The deal records of a read.
pub(super) struct DealRecords {
    pub(super) opportunities: Vec<Opportunity>,
    pub(super) opportunity_contacts: Vec<OpportunityContact>,
}

impl GraphClient {
    /// Reads the deals within `visible` (sorted by id) and their buying roles (sorted by deal,
    /// contact and role).
    pub(super) async fn read_deals(&self, visible: &Visible) -> Result<DealRecords, GraphError> {
        let mut opportunities: Vec<Opportunity> = self
            .read_records("read_company_opportunities", OPPORTUNITIES, visible)
            .await?;
        opportunities.sort_by(|a, b| a.id.cmp(&b.id));
        let mut opportunity_contacts: Vec<OpportunityContact> = self
            .read_records(
                "read_company_opportunity_contacts",
                OPPORTUNITY_CONTACTS,
                visible,
            )
            .await?;
        opportunity_contacts.sort_by(|a, b| {
            (&a.opportunity_id, &a.contact_id, a.role.as_str()).cmp(&(
                &b.opportunity_id,
                &b.contact_id,
                b.role.as_str(),
            ))
        });
        Ok(DealRecords {
            opportunities,
            opportunity_contacts,
        })
    }
}
