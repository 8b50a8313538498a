//! Reading the demo company back out of the graph with `GraphClient::read_company`: an
//! unrestricted read returns exactly the loaded records (less what the graph does not keep),
//! a scoped read exactly what `RecordScope::filter` keeps in memory, bare nodes left by
//! references are not records, and reads of the default 600-account company are timed.

use std::collections::BTreeSet;
use std::time::Instant;

use revpulse_graph::GraphClient;
use revpulse_graph::model::{
    BuyingRole, CompanyDataset, OpportunityContact, RecordScope, UserRole,
};
use revpulse_ingest::bronze::SourceLines;
use revpulse_ingest::demo::{DemoConfig, generate};
use revpulse_ingest::load_dataset;

use crate::company::{empty_graph, small_company, today};

/// `company` as a read-back returns it: each kind sorted by natural key, transcripts without
/// turns, tickets without comments.
fn as_read_back(mut company: CompanyDataset) -> CompanyDataset {
    let d = &mut company;
    d.regions.sort_by(|a, b| a.id.cmp(&b.id));
    d.teams.sort_by(|a, b| a.id.cmp(&b.id));
    d.users.sort_by(|a, b| a.id.cmp(&b.id));
    d.product_lines.sort_by(|a, b| a.id.cmp(&b.id));
    d.products.sort_by(|a, b| a.id.cmp(&b.id));
    d.competitors.sort_by(|a, b| a.name.cmp(&b.name));
    d.accounts.sort_by(|a, b| a.id.cmp(&b.id));
    d.contacts.sort_by(|a, b| a.id.cmp(&b.id));
    d.opportunities.sort_by(|a, b| a.id.cmp(&b.id));
    d.opportunity_contacts.sort_by_key(|c| {
        (
            c.opportunity_id.clone(),
            c.contact_id.clone(),
            c.role.as_str(),
        )
    });
    d.stage_changes
        .sort_by_key(|c| (c.opportunity_id.clone(), c.at, c.seq));
    d.amount_changes
        .sort_by_key(|c| (c.opportunity_id.clone(), c.at, c.seq));
    d.close_date_changes
        .sort_by_key(|c| (c.opportunity_id.clone(), c.at, c.seq));
    d.forecast_category_changes
        .sort_by_key(|c| (c.opportunity_id.clone(), c.at, c.seq));
    d.campaigns.sort_by(|a, b| a.id.cmp(&b.id));
    d.leads.sort_by(|a, b| a.id.cmp(&b.id));
    d.touches.sort_by(|a, b| a.id.cmp(&b.id));
    d.activities.sort_by(|a, b| a.id.cmp(&b.id));
    d.transcripts.sort_by(|a, b| a.id.cmp(&b.id));
    d.tickets.sort_by(|a, b| a.id.cmp(&b.id));
    d.usage.sort_by_key(|u| u.id());
    d.contracts.sort_by(|a, b| a.id.cmp(&b.id));
    for t in &mut d.transcripts {
        t.turns.clear();
    }
    for t in &mut d.tickets {
        t.comments.clear();
    }
    company
}

/// Asserts two datasets are equal, naming the first kind and record that differ.
fn assert_same(read: &CompanyDataset, expected: &CompanyDataset, what: &str) {
    macro_rules! kinds {
        ($($field:ident),*) => {$(
            assert_eq!(
                read.$field.len(),
                expected.$field.len(),
                "{what}: number of {}", stringify!($field)
            );
            for (i, (r, e)) in read.$field.iter().zip(&expected.$field).enumerate() {
                assert_eq!(r, e, "{what}: {} #{i}", stringify!($field));
            }
        )*};
    }
    kinds!(
        regions,
        teams,
        users,
        product_lines,
        products,
        competitors,
        accounts,
        contacts,
        opportunities,
        opportunity_contacts,
        stage_changes,
        amount_changes,
        close_date_changes,
        forecast_category_changes,
        campaigns,
        leads,
        touches,
        activities,
        transcripts,
        tickets,
        usage,
        contracts
    );
    assert_eq!(read, expected, "{what}");
}

async fn load(client: &GraphClient, company: &CompanyDataset) {
    let dir = tempfile::tempdir().unwrap();
    load_dataset(client, company, &SourceLines::generated(dir.path()), None)
        .await
        .unwrap();
}

fn granted(regions: &[&str], owners: &[&str], accounts: &[&str]) -> RecordScope {
    let set = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
    RecordScope::Granted {
        regions: set(regions),
        owners: set(owners),
        accounts: set(accounts),
    }
}

#[tokio::test]
async fn read_company_returns_exactly_what_the_scope_admits() {
    let (_db, client) = empty_graph().await;
    let company = small_company(5).dataset;
    load(&client, &company).await;

    let everything = client.read_company(&RecordScope::Everything).await.unwrap();
    assert_same(&everything, &as_read_back(company.clone()), "everything");

    // One region, one rep from another region, and one account outside both.
    let region = company.regions[0].id.as_str();
    let rep = company
        .users
        .iter()
        .find(|u| {
            u.role == UserRole::Rep
                && u.region_id.as_deref() != Some(region)
                && company.opportunities.iter().any(|o| o.owner_id == u.id)
        })
        .expect("a rep of another region with deals");
    let extra = company
        .accounts
        .iter()
        .find(|a| a.region_id != region && a.owner_id != rep.id)
        .expect("an account outside the region and the rep's book");
    let scopes = [
        granted(&[region], &[rep.id.as_str()], &[extra.id.as_str()]),
        granted(&[region], &[], &[]),
        granted(&[], &[rep.id.as_str()], &[]),
        granted(&[], &[], &[extra.id.as_str()]),
    ];
    for scope in &scopes {
        let read = client.read_company(scope).await.unwrap();
        let expected = as_read_back(scope.filter(&company));
        assert!(
            !expected.opportunities.is_empty(),
            "{scope:?} reaches deals"
        );
        assert!(
            expected.accounts.len() < company.accounts.len(),
            "{scope:?} is a real restriction"
        );
        assert_same(&read, &expected, &format!("{scope:?}"));
    }

    let nothing = granted(&[], &[], &[]);
    let read = client.read_company(&nothing).await.unwrap();
    assert!(read.opportunities.is_empty() && read.accounts.is_empty());
    assert!(read.activities.is_empty() && read.tickets.is_empty() && read.users.is_empty());
    assert!(read.campaigns.iter().all(|c| c.region_id.is_none()));
    assert_same(
        &read,
        &as_read_back(nothing.filter(&company)),
        "nothing granted",
    );
}

#[tokio::test]
async fn bare_nodes_left_by_references_are_not_records() {
    let (_db, client) = empty_graph().await;
    let company = small_company(9).dataset;
    load(&client, &company).await;
    // A buying role naming a contact that was never written leaves a bare `Contact` node.
    let role = OpportunityContact {
        opportunity_id: company.opportunities[0].id.clone(),
        contact_id: "C-NEVER-WRITTEN".into(),
        role: BuyingRole::Champion,
    };
    client
        .write_records(std::slice::from_ref(&role), None)
        .await
        .unwrap();
    let mut expected = company.clone();
    expected.opportunity_contacts.push(role);
    let read = client.read_company(&RecordScope::Everything).await.unwrap();
    assert_same(&read, &as_read_back(expected), "with a bare contact node");
}

#[tokio::test]
async fn the_default_company_reads_back_exactly_and_is_timed() {
    let (_db, client) = empty_graph().await;
    let company = generate(&DemoConfig::new(42, today())).unwrap().dataset;
    load(&client, &company).await;

    // The first read of each shape also pays for planning its statements (and, after a load,
    // for warming the JVM); the second is what a caller sees in steady state.
    let region = granted(&[company.regions[0].id.as_str()], &[], &[]);
    let started = Instant::now();
    let first = client.read_company(&RecordScope::Everything).await.unwrap();
    let first_read = started.elapsed();
    let started = Instant::now();
    let everything = client.read_company(&RecordScope::Everything).await.unwrap();
    let unrestricted = started.elapsed();
    let started = Instant::now();
    let first_scoped = client.read_company(&region).await.unwrap();
    let first_scoped_read = started.elapsed();
    let started = Instant::now();
    let scoped = client.read_company(&region).await.unwrap();
    let one_region = started.elapsed();
    println!(
        "read_company at {} accounts ({} deals, {} activities, {} usage weeks): \
         unrestricted {unrestricted:.2?} (first {first_read:.2?}), \
         one region {one_region:.2?} (first {first_scoped_read:.2?})",
        company.accounts.len(),
        company.opportunities.len(),
        company.activities.len(),
        company.usage.len()
    );

    assert_eq!(first, everything, "two reads of the same graph agree");
    assert_eq!(
        first_scoped, scoped,
        "two scoped reads of the same graph agree"
    );
    assert_same(&everything, &as_read_back(company.clone()), "everything");
    assert_same(
        &scoped,
        &as_read_back(region.filter(&company)),
        "one region",
    );
}
