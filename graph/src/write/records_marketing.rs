//! Graph statements for marketing and selling activity: campaigns, leads, touches,
//! activities and call transcripts.

use neo4rs::BoltMap;

use super::GraphRecord;
use super::row::RowBuilder;
use crate::model::{Activity, Campaign, ChunkRef, Lead, Touch, Transcript};

impl GraphRecord for Campaign {
    const KIND: &'static str = "Campaign";
    const CYPHER: &'static str = "UNWIND $rows AS r
        MERGE (c:Campaign {id: r.id})
        SET c.name = r.name, c.channel = r.channel, c.content = r.content, c.cost = r.cost,
            c.start_date = r.start_date, c.end_date = r.end_date, c.region_id = r.region_id
        WITH c, r
        CALL { WITH c MATCH (c)-[old:TARGETS]->() DELETE old }
        FOREACH (rid IN CASE WHEN r.region_id IS NULL THEN [] ELSE [r.region_id] END |
            MERGE (g:Region {id: rid}) CREATE (c)-[:TARGETS]->(g))";
    fn to_row(&self) -> BoltMap {
        RowBuilder::new()
            .with("id", self.id.as_str())
            .with("name", self.name.as_str())
            .with("channel", self.channel.as_str())
            .with("content", self.content.as_str())
            .with("cost", self.cost)
            .with("start_date", self.start_date)
            .with("end_date", self.end_date)
            .with_opt("region_id", self.region_id.as_deref())
            .build()
    }
}

impl GraphRecord for Lead {
    const KIND: &'static str = "Lead";
    const CYPHER: &'static str = "UNWIND $rows AS r
        MERGE (l:Lead {id: r.id})
        SET l.contact_id = r.contact_id, l.account_id = r.account_id,
            l.created_at = r.created_at, l.mql_at = r.mql_at, l.sql_at = r.sql_at,
            l.status = r.status, l.converted_opportunity_id = r.converted_opportunity_id
        WITH l, r
        CALL { WITH l MATCH (l)-[old:IS_CONTACT|CONVERTED_TO]->() DELETE old }
        MERGE (c:Contact {id: r.contact_id})
        CREATE (l)-[:IS_CONTACT]->(c)
        FOREACH (oid IN CASE WHEN r.converted_opportunity_id IS NULL THEN [] ELSE [r.converted_opportunity_id] END |
            MERGE (o:Opportunity {id: oid}) CREATE (l)-[:CONVERTED_TO]->(o))";
    fn to_row(&self) -> BoltMap {
        RowBuilder::new()
            .with("id", self.id.as_str())
            .with("contact_id", self.contact_id.as_str())
            .with("account_id", self.account_id.as_str())
            .with("created_at", self.created_at)
            .with_opt("mql_at", self.mql_at)
            .with_opt("sql_at", self.sql_at)
            .with("status", self.status.as_str())
            .with_opt(
                "converted_opportunity_id",
                self.converted_opportunity_id.as_deref(),
            )
            .build()
    }
}

impl GraphRecord for Touch {
    const KIND: &'static str = "Touch";
    const CYPHER: &'static str = "UNWIND $rows AS r
        MERGE (t:Touch {id: r.id})
        SET t.campaign_id = r.campaign_id, t.lead_id = r.lead_id, t.at = r.at
        MERGE (c:Campaign {id: r.campaign_id})
        MERGE (l:Lead {id: r.lead_id})
        MERGE (t)-[:FROM_CAMPAIGN]->(c)
        MERGE (t)-[:ON_LEAD]->(l)
        MERGE (c)-[x:TOUCHED {touch_id: r.id}]->(l)
        SET x.at = r.at";
    fn to_row(&self) -> BoltMap {
        RowBuilder::new()
            .with("id", self.id.as_str())
            .with("campaign_id", self.campaign_id.as_str())
            .with("lead_id", self.lead_id.as_str())
            .with("at", self.at)
            .build()
    }
}

impl GraphRecord for Activity {
    const KIND: &'static str = "Activity";
    const CYPHER: &'static str = "UNWIND $rows AS r
        MERGE (x:Activity {id: r.id})
        SET x.kind = r.kind, x.at = r.at, x.account_id = r.account_id,
            x.opportunity_id = r.opportunity_id, x.user_id = r.user_id,
            x.contact_ids = r.contact_ids, x.subject = r.subject, x.body = r.body,
            x.competitors_mentioned = r.competitors_mentioned,
            x.duration_minutes = r.duration_minutes
        WITH x, r
        CALL { WITH x MATCH (x)-[old:ABOUT|WITH_CONTACT|MENTIONS]->() DELETE old }
        CALL { WITH x MATCH (x)<-[old:PERFORMED]-() DELETE old }
        MERGE (a:Account {id: r.account_id})
        CREATE (x)-[:ABOUT]->(a)
        MERGE (u:User {id: r.user_id})
        CREATE (u)-[:PERFORMED]->(x)
        FOREACH (oid IN CASE WHEN r.opportunity_id IS NULL THEN [] ELSE [r.opportunity_id] END |
            MERGE (o:Opportunity {id: oid}) CREATE (x)-[:ABOUT]->(o))
        FOREACH (cid IN r.contact_ids | MERGE (c:Contact {id: cid}) MERGE (x)-[:WITH_CONTACT]->(c))
        FOREACH (name IN r.competitors_mentioned |
            MERGE (k:Competitor {name: name}) MERGE (x)-[:MENTIONS]->(k))";
    fn to_row(&self) -> BoltMap {
        RowBuilder::new()
            .with("id", self.id.as_str())
            .with("kind", self.kind.as_str())
            .with("at", self.at)
            .with("account_id", self.account_id.as_str())
            .with_opt("opportunity_id", self.opportunity_id.as_deref())
            .with("user_id", self.user_id.as_str())
            .with_strings("contact_ids", &self.contact_ids)
            .with("subject", self.subject.as_str())
            .with("body", self.body.as_str())
            .with_strings("competitors_mentioned", &self.competitors_mentioned)
            .with("duration_minutes", self.duration_minutes)
            .build()
    }
}

impl GraphRecord for Transcript {
    const KIND: &'static str = "Transcript";
    const CYPHER: &'static str = "UNWIND $rows AS r
        MERGE (t:Transcript {id: r.id})
        SET t.activity_id = r.activity_id, t.turn_count = r.turn_count
        MERGE (x:Activity {id: r.activity_id})
        MERGE (t)-[:RECORDS]->(x)";
    fn to_row(&self) -> BoltMap {
        RowBuilder::new()
            .with("id", self.id.as_str())
            .with("activity_id", self.activity_id.as_str())
            .with(
                "turn_count",
                i64::try_from(self.turns.len()).unwrap_or(i64::MAX),
            )
            .build()
    }
}

impl GraphRecord for ChunkRef {
    const KIND: &'static str = "Chunk";
    const CYPHER: &'static str = "UNWIND $rows AS r
        MERGE (c:Chunk {id: r.id})
        SET c.source_type = r.source_type, c.source_id = r.source_id,
            c.first_passage = r.first_passage, c.last_passage = r.last_passage,
            c.timestamp = r.timestamp, c.account_id = r.account_id, c.deal_id = r.deal_id
        WITH c, r
        CALL { WITH c MATCH (c)-[old:PART_OF]->() DELETE old }
        OPTIONAL MATCH (t:Transcript {id: r.source_id})
        OPTIONAL MATCH (x:Activity {id: r.source_id})
        OPTIONAL MATCH (k:Ticket {id: r.source_id})
        WITH c, coalesce(t, x, k) AS source
        FOREACH (s IN CASE WHEN source IS NULL THEN [] ELSE [source] END |
            CREATE (c)-[:PART_OF]->(s))";
    fn to_row(&self) -> BoltMap {
        RowBuilder::new()
            .with("id", self.id.as_str())
            .with("source_type", self.source_type.as_str())
            .with("source_id", self.source_id.as_str())
            .with("first_passage", self.first_passage)
            .with("last_passage", self.last_passage)
            .with("timestamp", self.timestamp)
            .with("account_id", self.account_id.as_str())
            .with_opt("deal_id", self.deal_id.as_deref())
            .build()
    }
}
