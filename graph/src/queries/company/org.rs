//! The organisation and catalogue: regions, teams, product lines, products and competitors
//! (always all of them) and users (those granted by id or by home region).

use super::Visible;
use crate::GraphClient;
use crate::error::GraphError;
use crate::model::{Competitor, Product, ProductLine, Region, Team, User};

const REGIONS: &str = "MATCH (n:Region) WHERE n.name IS NOT NULL
    RETURN collect(n {.id, .name}) AS records";

const TEAMS: &str = "MATCH (t:Team) WHERE t.name IS NOT NULL
    RETURN collect(t {.id, .name, .region_id, .manager_id}) AS records";

const USERS: &str = "MATCH (u:User)
    WHERE u.email IS NOT NULL AND ($everything OR u.id IN $owners OR u.region_id IN $regions)
    RETURN collect(u {.id, .name, .email, .role, .region_id, .team_id, .manager_id,
                      .quarterly_quota, .start_date}) AS records";

const PRODUCT_LINES: &str = "MATCH (n:ProductLine) WHERE n.name IS NOT NULL
    RETURN collect(n {.id, .name}) AS records";

const PRODUCTS: &str = "MATCH (p:Product) WHERE p.name IS NOT NULL
    RETURN collect(p {.id, .name, .product_line_id, .annual_list_price_per_seat}) AS records";

const COMPETITORS: &str = "MATCH (c:Competitor) WHERE c.positioning IS NOT NULL
    RETURN collect(c {.name, .aliases, .positioning}) AS records";

/// The organisation and catalogue records of a read.
pub(super) struct OrgRecords {
    pub(super) regions: Vec<Region>,
    pub(super) teams: Vec<Team>,
    pub(super) users: Vec<User>,
    pub(super) product_lines: Vec<ProductLine>,
    pub(super) products: Vec<Product>,
    pub(super) competitors: Vec<Competitor>,
}

impl GraphClient {
    /// Reads the organisation and catalogue within `visible`, each kind sorted by id (competitors
    /// by name).
    pub(super) async fn read_org(&self, visible: &Visible) -> Result<OrgRecords, GraphError> {
        let mut regions: Vec<Region> = self
            .read_records("read_company_regions", REGIONS, visible)
            .await?;
        regions.sort_by(|a, b| a.id.cmp(&b.id));
        let mut teams: Vec<Team> = self
            .read_records("read_company_teams", TEAMS, visible)
            .await?;
        teams.sort_by(|a, b| a.id.cmp(&b.id));
        let mut users: Vec<User> = self
            .read_records("read_company_users", USERS, visible)
            .await?;
        users.sort_by(|a, b| a.id.cmp(&b.id));
        let mut product_lines: Vec<ProductLine> = self
            .read_records("read_company_product_lines", PRODUCT_LINES, visible)
            .await?;
        product_lines.sort_by(|a, b| a.id.cmp(&b.id));
        let mut products: Vec<Product> = self
            .read_records("read_company_products", PRODUCTS, visible)
            .await?;
        products.sort_by(|a, b| a.id.cmp(&b.id));
        let mut competitors: Vec<Competitor> = self
            .read_records("read_company_competitors", COMPETITORS, visible)
            .await?;
        competitors.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(OrgRecords {
            regions,
            teams,
            users,
            product_lines,
            products,
            competitors,
        })
    }
}
