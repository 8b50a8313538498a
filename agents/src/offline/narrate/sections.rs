//! Building the structured sections narratives attach.

use crate::{ChartKind, ChartSpec, Section, Series, Table};

/// A table section.
pub fn table(title: &str, columns: &[&str], rows: Vec<Vec<String>>) -> Section {
    Section::Table(Table {
        title: title.to_owned(),
        columns: columns.iter().map(|c| (*c).to_owned()).collect(),
        rows,
    })
}

/// A one-series bar chart.
pub fn bar_chart(title: &str, bars: impl Iterator<Item = (String, f64)>) -> Section {
    let (labels, values) = bars.unzip();
    Section::Chart(ChartSpec {
        title: title.to_owned(),
        kind: ChartKind::Bar,
        labels,
        series: vec![Series {
            name: title.to_owned(),
            values,
        }],
    })
}
