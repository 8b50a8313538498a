//! Graph statements for customers: accounts, contacts, contracts, weekly usage and tickets.

use neo4rs::BoltMap;

use super::GraphRecord;
use super::row::RowBuilder;
use crate::model::{Account, Contact, Contract, Ticket, UsageSnapshot};

impl GraphRecord for Account {
    const KIND: &'static str = "Account";
    const CYPHER: &'static str = "UNWIND $rows AS r
        MERGE (a:Account {id: r.id})
        SET a.name = r.name, a.industry = r.industry, a.segment = r.segment,
            a.region_id = r.region_id, a.owner_id = r.owner_id, a.employees = r.employees,
            a.created_on = r.created_on
        WITH a, r
        CALL { WITH a MATCH (a)-[old:IN_REGION]->() DELETE old }
        CALL { WITH a MATCH (a)<-[old:OWNS_ACCOUNT]-() DELETE old }
        MERGE (g:Region {id: r.region_id})
        CREATE (a)-[:IN_REGION]->(g)
        MERGE (u:User {id: r.owner_id})
        CREATE (u)-[:OWNS_ACCOUNT]->(a)";
    fn to_row(&self) -> BoltMap {
        RowBuilder::new()
            .with("id", self.id.as_str())
            .with("name", self.name.as_str())
            .with("industry", self.industry.as_str())
            .with("segment", self.segment.as_str())
            .with("region_id", self.region_id.as_str())
            .with("owner_id", self.owner_id.as_str())
            .with("employees", self.employees)
            .with("created_on", self.created_on)
            .build()
    }
}

impl GraphRecord for Contact {
    const KIND: &'static str = "Contact";
    const CYPHER: &'static str = "UNWIND $rows AS r
        MERGE (c:Contact {id: r.id})
        SET c.account_id = r.account_id, c.name = r.name, c.title = r.title,
            c.persona = r.persona, c.email = r.email
        WITH c, r
        CALL { WITH c MATCH (c)-[old:WORKS_AT]->() DELETE old }
        MERGE (a:Account {id: r.account_id})
        CREATE (c)-[:WORKS_AT]->(a)";
    fn to_row(&self) -> BoltMap {
        RowBuilder::new()
            .with("id", self.id.as_str())
            .with("account_id", self.account_id.as_str())
            .with("name", self.name.as_str())
            .with("title", self.title.as_str())
            .with("persona", self.persona.as_str())
            .with("email", self.email.as_str())
            .build()
    }
}

impl GraphRecord for Contract {
    const KIND: &'static str = "Contract";
    const CYPHER: &'static str = "UNWIND $rows AS r
        MERGE (k:Contract {id: r.id})
        SET k.account_id = r.account_id, k.opportunity_id = r.opportunity_id,
            k.product_line_id = r.product_line_id, k.start_date = r.start_date,
            k.renewal_date = r.renewal_date, k.arr = r.arr, k.seats = r.seats,
            k.status = r.status
        WITH k, r
        CALL { WITH k MATCH (k)-[old:FROM_OPPORTUNITY|IN_PRODUCT_LINE]->() DELETE old }
        CALL { WITH k MATCH (k)<-[old:HAS_CONTRACT]-() DELETE old }
        MERGE (a:Account {id: r.account_id})
        CREATE (a)-[:HAS_CONTRACT]->(k)
        MERGE (pl:ProductLine {id: r.product_line_id})
        CREATE (k)-[:IN_PRODUCT_LINE]->(pl)
        FOREACH (oid IN CASE WHEN r.opportunity_id IS NULL THEN [] ELSE [r.opportunity_id] END |
            MERGE (o:Opportunity {id: oid}) CREATE (k)-[:FROM_OPPORTUNITY]->(o))";
    fn to_row(&self) -> BoltMap {
        RowBuilder::new()
            .with("id", self.id.as_str())
            .with("account_id", self.account_id.as_str())
            .with_opt("opportunity_id", self.opportunity_id.as_deref())
            .with("product_line_id", self.product_line_id.as_str())
            .with("start_date", self.start_date)
            .with("renewal_date", self.renewal_date)
            .with("arr", self.arr)
            .with("seats", self.seats)
            .with("status", self.status.as_str())
            .build()
    }
}

impl GraphRecord for UsageSnapshot {
    const KIND: &'static str = "UsageSnapshot";
    const CYPHER: &'static str = "UNWIND $rows AS r
        MERGE (s:UsageSnapshot {id: r.id})
        SET s.account_id = r.account_id, s.week_start = r.week_start,
            s.active_users = r.active_users, s.licensed_seats = r.licensed_seats,
            s.events = r.events
        MERGE (a:Account {id: r.account_id})
        MERGE (a)-[:HAS_USAGE]->(s)";
    fn to_row(&self) -> BoltMap {
        RowBuilder::new()
            .with("id", self.id())
            .with("account_id", self.account_id.as_str())
            .with("week_start", self.week_start)
            .with("active_users", self.active_users)
            .with("licensed_seats", self.licensed_seats)
            .with("events", self.events)
            .build()
    }
}

impl GraphRecord for Ticket {
    const KIND: &'static str = "Ticket";
    const CYPHER: &'static str = "UNWIND $rows AS r
        MERGE (t:Ticket {id: r.id})
        SET t.account_id = r.account_id, t.contact_id = r.contact_id,
            t.opened_at = r.opened_at, t.closed_at = r.closed_at, t.priority = r.priority,
            t.subject = r.subject, t.sentiment = r.sentiment,
            t.comment_count = r.comment_count
        WITH t, r
        CALL { WITH t MATCH (t)-[old:FOR|RAISED_BY]->() DELETE old }
        MERGE (a:Account {id: r.account_id})
        CREATE (t)-[:FOR]->(a)
        FOREACH (cid IN CASE WHEN r.contact_id IS NULL THEN [] ELSE [r.contact_id] END |
            MERGE (c:Contact {id: cid}) CREATE (t)-[:RAISED_BY]->(c))";
    fn to_row(&self) -> BoltMap {
        RowBuilder::new()
            .with("id", self.id.as_str())
            .with("account_id", self.account_id.as_str())
            .with_opt("contact_id", self.contact_id.as_deref())
            .with("opened_at", self.opened_at)
            .with_opt("closed_at", self.closed_at)
            .with("priority", self.priority.as_str())
            .with("subject", self.subject.as_str())
            .with("sentiment", self.sentiment)
            .with(
                "comment_count",
                i64::try_from(self.comments.len()).unwrap_or(i64::MAX),
            )
            .build()
    }
}
