//! Graph statements for deals: opportunities, buying roles, and the stage / amount /
//! close-date / forecast-category history that makes "as of" questions answerable.

use neo4rs::{BoltMap, BoltType};

use super::GraphRecord;
use super::row::RowBuilder;
use crate::model::{
    AmountChange, CloseDateChange, ForecastCategoryChange, Opportunity, OpportunityContact,
    StageChange,
};

impl GraphRecord for Opportunity {
    const KIND: &'static str = "Opportunity";
    const CYPHER: &'static str = "UNWIND $rows AS r
        MERGE (o:Opportunity {id: r.id})
        SET o.name = r.name, o.account_id = r.account_id, o.owner_id = r.owner_id,
            o.product_line_id = r.product_line_id, o.product_id = r.product_id,
            o.created_on = r.created_on, o.amount = r.amount, o.stage = r.stage,
            o.close_date = r.close_date, o.forecast_category = r.forecast_category,
            o.probability = r.probability, o.deal_type = r.deal_type, o.lead_id = r.lead_id,
            o.primary_competitor = r.primary_competitor, o.loss_reason = r.loss_reason
        WITH o, r
        CALL { WITH o MATCH (o)<-[old:HAS_OPPORTUNITY|OWNS]-() DELETE old }
        CALL { WITH o MATCH (o)-[old:IN_PRODUCT_LINE|FOR_PRODUCT|COMPETES_WITH]->() DELETE old }
        MERGE (a:Account {id: r.account_id})
        CREATE (a)-[:HAS_OPPORTUNITY]->(o)
        MERGE (u:User {id: r.owner_id})
        CREATE (u)-[:OWNS]->(o)
        MERGE (pl:ProductLine {id: r.product_line_id})
        CREATE (o)-[:IN_PRODUCT_LINE]->(pl)
        MERGE (p:Product {id: r.product_id})
        CREATE (o)-[:FOR_PRODUCT]->(p)
        FOREACH (name IN CASE WHEN r.primary_competitor IS NULL THEN [] ELSE [r.primary_competitor] END |
            MERGE (c:Competitor {name: name}) CREATE (o)-[:COMPETES_WITH]->(c))";
    fn to_row(&self) -> BoltMap {
        RowBuilder::new()
            .with("id", self.id.as_str())
            .with("name", self.name.as_str())
            .with("account_id", self.account_id.as_str())
            .with("owner_id", self.owner_id.as_str())
            .with("product_line_id", self.product_line_id.as_str())
            .with("product_id", self.product_id.as_str())
            .with("created_on", self.created_on)
            .with("amount", self.amount)
            .with("stage", self.stage.as_str())
            .with("close_date", self.close_date)
            .with("forecast_category", self.forecast_category.as_str())
            .with("probability", i64::from(self.probability))
            .with("deal_type", self.deal_type.as_str())
            .with_opt("lead_id", self.lead_id.as_deref())
            .with_opt("primary_competitor", self.primary_competitor.as_deref())
            .with_opt("loss_reason", self.loss_reason.as_deref())
            .build()
    }
}

impl GraphRecord for OpportunityContact {
    const KIND: &'static str = "OpportunityContact";
    const CYPHER: &'static str = "UNWIND $rows AS r
        MERGE (c:Contact {id: r.contact_id})
        MERGE (o:Opportunity {id: r.opportunity_id})
        MERGE (c)-[:ROLE_ON {role: r.role}]->(o)";
    fn to_row(&self) -> BoltMap {
        RowBuilder::new()
            .with("opportunity_id", self.opportunity_id.as_str())
            .with("contact_id", self.contact_id.as_str())
            .with("role", self.role.as_str())
            .build()
    }
}

/// Implements [`GraphRecord`] for one history kind: a node per change, linked from its deal.
macro_rules! history_record {
    ($ty:ty, $label:literal, $rel:literal, $from:literal, $to:literal, $from_value:expr, $to_value:expr) => {
        impl GraphRecord for $ty {
            const KIND: &'static str = $label;
            const CYPHER: &'static str = concat!(
                "UNWIND $rows AS r MERGE (h:",
                $label,
                " {id: r.id}) ",
                "SET h.opportunity_id = r.opportunity_id, h.seq = r.seq, h.at = r.at, ",
                "h.",
                $from,
                " = r.",
                $from,
                ", h.",
                $to,
                " = r.",
                $to,
                " ",
                "MERGE (o:Opportunity {id: r.opportunity_id}) MERGE (o)-[:",
                $rel,
                "]->(h)"
            );
            fn to_row(&self) -> BoltMap {
                let from_value: fn(&Self) -> BoltType = $from_value;
                let to_value: fn(&Self) -> BoltType = $to_value;
                RowBuilder::new()
                    .with("id", self.id())
                    .with("opportunity_id", self.opportunity_id.as_str())
                    .with("seq", i64::from(self.seq))
                    .with("at", self.at)
                    .with($from, from_value(self))
                    .with($to, to_value(self))
                    .build()
            }
        }
    };
}

history_record!(
    StageChange,
    "StageChange",
    "HAD_STAGE",
    "from_stage",
    "to_stage",
    |c| c.from.map(|s| s.as_str()).into(),
    |c| c.to.as_str().into()
);
history_record!(
    AmountChange,
    "AmountChange",
    "HAD_AMOUNT",
    "from_amount",
    "to_amount",
    |c| c.from.into(),
    |c| c.to.into()
);
history_record!(
    CloseDateChange,
    "CloseDateChange",
    "HAD_CLOSE_DATE",
    "from_date",
    "to_date",
    |c| c.from.into(),
    |c| c.to.into()
);
history_record!(
    ForecastCategoryChange,
    "ForecastCategoryChange",
    "HAD_FORECAST_CATEGORY",
    "from_category",
    "to_category",
    |c| c.from.map(|f| f.as_str()).into(),
    |c| c.to.as_str().into()
);
