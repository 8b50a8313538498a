//! What the demo company sells (three product lines) and who it sells against (five invented
//! competitors), with the latent strength each competitor brings into a deal.

use revpulse_graph::model::{Competitor, Product, ProductLine, Segment};

/// A product line with its products: (id suffix, name, list price per seat per year).
pub(crate) struct LineSpec {
    /// Product-line id.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Products (id, name, price per seat per year), cheapest first.
    pub products: &'static [(&'static str, &'static str, i64)],
}

/// The three product lines.
pub(crate) const LINES: [LineSpec; 3] = [
    LineSpec {
        id: "PL-ANALYTICS",
        name: "Revenue Analytics",
        products: &[
            (
                "P-ANALYTICS-ESSENTIALS",
                "Revenue Analytics Essentials",
                240,
            ),
            ("P-ANALYTICS-PRO", "Revenue Analytics Pro", 480),
            (
                "P-ANALYTICS-ENTERPRISE",
                "Revenue Analytics Enterprise",
                900,
            ),
        ],
    },
    LineSpec {
        id: "PL-ENGAGE",
        name: "Engagement Hub",
        products: &[
            ("P-ENGAGE-TEAM", "Engagement Hub Team", 180),
            ("P-ENGAGE-PLUS", "Engagement Hub Plus", 360),
        ],
    },
    LineSpec {
        id: "PL-DATA",
        name: "Data Platform",
        products: &[
            ("P-DATA-CORE", "Data Platform Core", 600),
            ("P-DATA-SCALE", "Data Platform Scale", 1200),
        ],
    },
];

/// A competitor and the latent effect it has on deals it is in.
pub(crate) struct RivalSpec {
    /// Canonical name.
    pub name: &'static str,
    /// Other spellings.
    pub aliases: &'static [&'static str],
    /// What it positions on.
    pub positioning: &'static str,
    /// Penalty on the win logit when it is in the deal.
    pub win_penalty: f64,
    /// Extra chance of pricing pressure when it is in the deal.
    pub pricing_push: f64,
    /// Extra churn logit when it courts a customer.
    pub churn_pull: f64,
    /// Relative presence per segment (SMB, mid-market, enterprise).
    pub presence: [f64; 3],
    /// Relative presence per product line (analytics, engage, data).
    pub line_presence: [f64; 3],
}

/// The competitors (invented names).
pub(crate) const RIVALS: [RivalSpec; 5] = [
    RivalSpec {
        name: "Vantora",
        aliases: &["Vantora Suite", "VTR", "Vantora Cloud"],
        positioning: "incumbent",
        win_penalty: 0.95,
        pricing_push: 0.05,
        churn_pull: 0.6,
        presence: [0.5, 1.0, 2.2],
        line_presence: [1.0, 1.0, 0.8],
    },
    RivalSpec {
        name: "Brightlane",
        aliases: &["Brightlane.io", "Bright Lane", "BL"],
        positioning: "price",
        win_penalty: 0.55,
        pricing_push: 0.4,
        churn_pull: 0.9,
        presence: [1.8, 1.2, 0.5],
        line_presence: [1.0, 1.2, 0.5],
    },
    RivalSpec {
        name: "Corvalis",
        aliases: &["Corvalis Cloud", "Corv", "Corvalis AI"],
        positioning: "features",
        win_penalty: 0.8,
        pricing_push: 0.0,
        churn_pull: 0.7,
        presence: [0.6, 1.2, 1.3],
        line_presence: [1.2, 0.8, 1.0],
    },
    RivalSpec {
        name: "Kestrelio",
        aliases: &["Kestrel", "Kestrel.io", "Kestrelio HQ"],
        positioning: "ease of use",
        win_penalty: 0.45,
        pricing_push: 0.15,
        churn_pull: 0.5,
        presence: [1.6, 0.8, 0.2],
        line_presence: [0.8, 1.4, 0.3],
    },
    RivalSpec {
        name: "Orrin Data",
        aliases: &["Orrin", "OrrinDB", "Orrin Data Cloud"],
        positioning: "data platform",
        win_penalty: 0.7,
        pricing_push: 0.1,
        churn_pull: 0.6,
        presence: [0.3, 0.9, 1.2],
        line_presence: [0.3, 0.1, 2.5],
    },
];

/// Product-line records.
pub(crate) fn product_lines() -> Vec<ProductLine> {
    LINES
        .iter()
        .map(|l| ProductLine {
            id: l.id.to_string(),
            name: l.name.to_string(),
        })
        .collect()
}

/// Product records, sorted by id.
pub(crate) fn products() -> Vec<Product> {
    let mut out: Vec<Product> = LINES
        .iter()
        .flat_map(|l| {
            l.products.iter().map(|(id, name, price)| Product {
                id: id.to_string(),
                name: name.to_string(),
                product_line_id: l.id.to_string(),
                annual_list_price_per_seat: *price,
            })
        })
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// Competitor records, sorted by name.
pub(crate) fn competitors() -> Vec<Competitor> {
    let mut out: Vec<Competitor> = RIVALS
        .iter()
        .map(|r| Competitor {
            name: r.name.to_string(),
            aliases: r.aliases.iter().map(|a| a.to_string()).collect(),
            positioning: r.positioning.to_string(),
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// Aliases of each rival as owned strings (the text API borrows them as a slice).
pub(crate) fn rival_aliases() -> Vec<Vec<String>> {
    RIVALS
        .iter()
        .map(|r| r.aliases.iter().map(|a| a.to_string()).collect())
        .collect()
}

/// Weights of each rival showing up in a deal of this segment and product line.
pub(crate) fn rival_weights(segment: Segment, line: usize) -> [f64; 5] {
    let s = super::org::segment_index(segment);
    let mut w = [0.0; 5];
    for (i, r) in RIVALS.iter().enumerate() {
        w[i] = r.presence[s] * r.line_presence.get(line).copied().unwrap_or(1.0);
    }
    w
}

/// Typical seats bought per segment (median) and its log spread.
pub(crate) fn seat_norm(segment: Segment) -> (f64, f64) {
    match segment {
        Segment::Smb => (25.0, 0.5),
        Segment::MidMarket => (110.0, 0.5),
        Segment::Enterprise => (450.0, 0.6),
    }
}
