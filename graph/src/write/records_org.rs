//! Graph statements for the organisation and catalogue: regions, teams, users, product
//! lines, products and competitors.

use neo4rs::BoltMap;

use super::GraphRecord;
use super::row::RowBuilder;
use crate::model::{Competitor, Product, ProductLine, Region, Team, User};

impl GraphRecord for Region {
    const KIND: &'static str = "Region";
    const CYPHER: &'static str = "UNWIND $rows AS r
        MERGE (n:Region {id: r.id}) SET n.name = r.name";
    fn to_row(&self) -> BoltMap {
        RowBuilder::new()
            .with("id", self.id.as_str())
            .with("name", self.name.as_str())
            .build()
    }
}

impl GraphRecord for Team {
    const KIND: &'static str = "Team";
    const CYPHER: &'static str = "UNWIND $rows AS r
        MERGE (t:Team {id: r.id})
        SET t.name = r.name, t.region_id = r.region_id, t.manager_id = r.manager_id
        WITH t, r
        CALL { WITH t MATCH (t)-[old:IN_REGION]->() DELETE old }
        CALL { WITH t MATCH (t)<-[old:MANAGES]-() DELETE old }
        MERGE (g:Region {id: r.region_id})
        CREATE (t)-[:IN_REGION]->(g)
        MERGE (m:User {id: r.manager_id})
        CREATE (m)-[:MANAGES]->(t)";
    fn to_row(&self) -> BoltMap {
        RowBuilder::new()
            .with("id", self.id.as_str())
            .with("name", self.name.as_str())
            .with("region_id", self.region_id.as_str())
            .with("manager_id", self.manager_id.as_str())
            .build()
    }
}

impl GraphRecord for User {
    const KIND: &'static str = "User";
    const CYPHER: &'static str = "UNWIND $rows AS r
        MERGE (u:User {id: r.id})
        SET u.name = r.name, u.email = r.email, u.role = r.role, u.region_id = r.region_id,
            u.team_id = r.team_id, u.manager_id = r.manager_id,
            u.quarterly_quota = r.quarterly_quota, u.start_date = r.start_date
        WITH u, r
        CALL { WITH u MATCH (u)-[old:MEMBER_OF|IN_REGION|REPORTS_TO]->() DELETE old }
        FOREACH (tid IN CASE WHEN r.team_id IS NULL THEN [] ELSE [r.team_id] END |
            MERGE (t:Team {id: tid}) CREATE (u)-[:MEMBER_OF]->(t))
        FOREACH (rid IN CASE WHEN r.region_id IS NULL THEN [] ELSE [r.region_id] END |
            MERGE (g:Region {id: rid}) CREATE (u)-[:IN_REGION]->(g))
        FOREACH (mid IN CASE WHEN r.manager_id IS NULL THEN [] ELSE [r.manager_id] END |
            MERGE (m:User {id: mid}) CREATE (u)-[:REPORTS_TO]->(m))";
    fn to_row(&self) -> BoltMap {
        RowBuilder::new()
            .with("id", self.id.as_str())
            .with("name", self.name.as_str())
            .with("email", self.email.as_str())
            .with("role", self.role.as_str())
            .with_opt("region_id", self.region_id.as_deref())
            .with_opt("team_id", self.team_id.as_deref())
            .with_opt("manager_id", self.manager_id.as_deref())
            .with("quarterly_quota", self.quarterly_quota)
            .with("start_date", self.start_date)
            .build()
    }
}

impl GraphRecord for ProductLine {
    const KIND: &'static str = "ProductLine";
    const CYPHER: &'static str = "UNWIND $rows AS r
        MERGE (n:ProductLine {id: r.id}) SET n.name = r.name";
    fn to_row(&self) -> BoltMap {
        RowBuilder::new()
            .with("id", self.id.as_str())
            .with("name", self.name.as_str())
            .build()
    }
}

impl GraphRecord for Product {
    const KIND: &'static str = "Product";
    const CYPHER: &'static str = "UNWIND $rows AS r
        MERGE (p:Product {id: r.id})
        SET p.name = r.name, p.product_line_id = r.product_line_id,
            p.annual_list_price_per_seat = r.annual_list_price_per_seat
        WITH p, r
        CALL { WITH p MATCH (p)-[old:IN_PRODUCT_LINE]->() DELETE old }
        MERGE (pl:ProductLine {id: r.product_line_id})
        CREATE (p)-[:IN_PRODUCT_LINE]->(pl)";
    fn to_row(&self) -> BoltMap {
        RowBuilder::new()
            .with("id", self.id.as_str())
            .with("name", self.name.as_str())
            .with("product_line_id", self.product_line_id.as_str())
            .with(
                "annual_list_price_per_seat",
                self.annual_list_price_per_seat,
            )
            .build()
    }
}

impl GraphRecord for Competitor {
    const KIND: &'static str = "Competitor";
    const CYPHER: &'static str = "UNWIND $rows AS r
        MERGE (c:Competitor {name: r.name})
        SET c.aliases = r.aliases, c.positioning = r.positioning";
    fn to_row(&self) -> BoltMap {
        RowBuilder::new()
            .with("name", self.name.as_str())
            .with_strings("aliases", &self.aliases)
            .with("positioning", self.positioning.as_str())
            .build()
    }
}
