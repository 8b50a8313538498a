//! A tiny hand-made company whose every number is known, and a connected, emptied graph.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use revpulse_graph::model::*;
use revpulse_graph::{GraphClient, GraphConfig, bootstrap_schema};
use revpulse_local_neo4j::testing::{TestDatabase, exclusive_database};

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

/// An emptied graph with the schema in place, held exclusively.
pub async fn empty_graph() -> (TestDatabase, GraphClient) {
    let db = exclusive_database().await.expect("test Neo4j");
    let client = GraphClient::connect(GraphConfig::new(db.uri.clone(), "neo4j", "test"))
        .await
        .unwrap();
    client.delete_all_data().await.unwrap();
    bootstrap_schema(&client).await.unwrap();
    (db, client)
}

pub struct Tiny {
    pub regions: Vec<Region>,
    pub product_lines: Vec<ProductLine>,
    pub products: Vec<Product>,
    pub users: Vec<User>,
    pub teams: Vec<Team>,
    pub accounts: Vec<Account>,
    pub opportunities: Vec<Opportunity>,
    pub stages: Vec<StageChange>,
    pub amounts: Vec<AmountChange>,
    pub close_dates: Vec<CloseDateChange>,
}

fn user(id: &str, role: UserRole, manager: Option<&str>) -> User {
    User {
        id: id.into(),
        name: format!("Person {id}"),
        email: format!("{id}@example.test"),
        role,
        region_id: Some("EMEA".into()),
        team_id: Some("T1".into()),
        manager_id: manager.map(Into::into),
        quarterly_quota: 250_000,
        start_date: day(2024, 1, 1),
    }
}

/// One deal, OPP-1: created 5 Jan 2026 in prospecting at $10,000 closing 31 Mar; discovery on
/// 20 Jan; amount to $15,000 on 1 Feb; close date pushed to 30 Apr on 25 Mar; won 28 Apr.
pub fn tiny() -> Tiny {
    let opp = "OPP-1".to_string();
    let stage = |seq, at, from, to| StageChange {
        opportunity_id: opp.clone(),
        seq,
        at,
        from,
        to,
    };
    Tiny {
        regions: vec![Region {
            id: "EMEA".into(),
            name: "Europe".into(),
        }],
        product_lines: vec![ProductLine {
            id: "PL1".into(),
            name: "Analytics".into(),
        }],
        products: vec![Product {
            id: "P1".into(),
            name: "Analytics Pro".into(),
            product_line_id: "PL1".into(),
            annual_list_price_per_seat: 600,
        }],
        users: vec![
            user("U1", UserRole::Manager, None),
            user("U2", UserRole::Rep, Some("U1")),
        ],
        teams: vec![Team {
            id: "T1".into(),
            name: "EMEA Enterprise".into(),
            region_id: "EMEA".into(),
            manager_id: "U1".into(),
        }],
        accounts: vec![Account {
            id: "ACC-1".into(),
            name: "Northwind".into(),
            industry: "Retail".into(),
            segment: Segment::Enterprise,
            region_id: "EMEA".into(),
            owner_id: "U2".into(),
            employees: 5000,
            created_on: day(2025, 6, 1),
        }],
        opportunities: vec![Opportunity {
            id: opp.clone(),
            name: "Northwind analytics".into(),
            account_id: "ACC-1".into(),
            owner_id: "U2".into(),
            product_line_id: "PL1".into(),
            product_id: "P1".into(),
            created_on: day(2026, 1, 5),
            amount: 15_000,
            stage: Stage::ClosedWon,
            close_date: day(2026, 4, 28),
            forecast_category: ForecastCategory::Closed,
            probability: 100,
            deal_type: "new_business".into(),
            lead_id: None,
            primary_competitor: None,
            loss_reason: None,
        }],
        stages: vec![
            stage(0, at(2026, 1, 5, 9), None, Stage::Prospecting),
            stage(
                3,
                at(2026, 1, 20, 9),
                Some(Stage::Prospecting),
                Stage::Discovery,
            ),
            stage(
                6,
                at(2026, 4, 28, 9),
                Some(Stage::Discovery),
                Stage::ClosedWon,
            ),
        ],
        amounts: vec![
            AmountChange {
                opportunity_id: opp.clone(),
                seq: 1,
                at: at(2026, 1, 5, 9),
                from: None,
                to: 10_000,
            },
            AmountChange {
                opportunity_id: opp.clone(),
                seq: 4,
                at: at(2026, 2, 1, 9),
                from: Some(10_000),
                to: 15_000,
            },
        ],
        close_dates: vec![
            CloseDateChange {
                opportunity_id: opp.clone(),
                seq: 2,
                at: at(2026, 1, 5, 9),
                from: None,
                to: day(2026, 3, 31),
            },
            CloseDateChange {
                opportunity_id: opp.clone(),
                seq: 5,
                at: at(2026, 3, 25, 9),
                from: Some(day(2026, 3, 31)),
                to: day(2026, 4, 30),
            },
            CloseDateChange {
                opportunity_id: opp,
                seq: 7,
                at: at(2026, 4, 28, 9),
                from: Some(day(2026, 4, 30)),
                to: day(2026, 4, 28),
            },
        ],
    }
}

/// Writes the tiny company in reference order.
pub async fn write_tiny(client: &GraphClient, t: &Tiny) {
    client.write_records(&t.regions, None).await.unwrap();
    client.write_records(&t.product_lines, None).await.unwrap();
    client.write_records(&t.products, None).await.unwrap();
    client.write_records(&t.users, None).await.unwrap();
    client.write_records(&t.teams, None).await.unwrap();
    client.write_records(&t.accounts, None).await.unwrap();
    client.write_records(&t.opportunities, None).await.unwrap();
    client.write_records(&t.stages, None).await.unwrap();
    client.write_records(&t.amounts, None).await.unwrap();
    client.write_records(&t.close_dates, None).await.unwrap();
}
