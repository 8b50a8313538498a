//! The reader on schemas schemars writes for shapes the tools use: nested objects, nullable
//! fields, enums, tagged unions, integer widths, dates and maps — and name collisions.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use super::*;

#[derive(Serialize, serde::Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
enum Stage {
    /// Early.
    Discovery,
    ClosedWon,
}

#[derive(Serialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
#[allow(dead_code)]
enum Cite {
    Record { id: String },
    Passage { chunk_id: String, snippet: String },
}

#[derive(Serialize, JsonSchema)]
#[allow(dead_code)]
struct Row {
    id: String,
    amount: i64,
    probability: u8,
    close_date: NaiveDate,
    stage: Stage,
    competitor: Option<String>,
}

/// A report.
#[derive(Serialize, JsonSchema)]
#[allow(dead_code)]
struct Report {
    /// The rows.
    rows: Vec<Row>,
    total: Option<i64>,
    share: f64,
    by_region: BTreeMap<String, i64>,
    sources: Vec<Cite>,
    nested: Inner,
}

#[derive(Serialize, JsonSchema)]
#[allow(dead_code)]
struct Inner {
    ok: bool,
}

fn read_report() -> (Shape, TypeSet) {
    let mut reader = TypeReader::new();
    let schema = schemars::schema_for!(Report).to_value();
    let shape = reader.read_type("report_tool", "Report", &schema);
    (shape, reader.finish())
}

fn field<'a>(types: &'a TypeSet, object: &str, name: &str) -> &'a FieldDef {
    types.objects[object]
        .fields
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("{object}.{name} missing"))
}

#[test]
fn objects_lists_and_nullability_follow_the_rust_types() {
    let (shape, types) = read_report();
    assert_eq!(shape, Shape::Object("Report".into()));
    assert_eq!(
        types.objects["Report"].description.as_deref(),
        Some("A report.")
    );
    let rows = field(&types, "Report", "rows");
    assert_eq!(
        rows.shape,
        Shape::List(Box::new(Shape::Object("Row".into())), true)
    );
    assert!(rows.required);
    assert_eq!(rows.description.as_deref(), Some("The rows."));
    let total = field(&types, "Report", "total");
    assert_eq!(total.shape, Shape::Scalar(ScalarKind::Long));
    assert!(!total.required);
    assert_eq!(
        field(&types, "Report", "share").shape,
        Shape::Scalar(ScalarKind::Float)
    );
    assert_eq!(
        field(&types, "Report", "by_region").shape,
        Shape::Scalar(ScalarKind::Json)
    );
    assert_eq!(
        field(&types, "Report", "nested").shape,
        Shape::Object("Inner".into())
    );
}

#[test]
fn scalars_by_width_and_format() {
    let (_, types) = read_report();
    assert_eq!(
        field(&types, "Row", "amount").shape,
        Shape::Scalar(ScalarKind::Long)
    );
    assert_eq!(
        field(&types, "Row", "probability").shape,
        Shape::Scalar(ScalarKind::Int)
    );
    assert_eq!(
        field(&types, "Row", "close_date").shape,
        Shape::Scalar(ScalarKind::Date)
    );
    assert!(!field(&types, "Row", "competitor").required);
}

#[test]
fn string_enums_keep_their_values_and_docs() {
    let (_, types) = read_report();
    assert_eq!(
        field(&types, "Row", "stage").shape,
        Shape::Enum("Stage".into())
    );
    let stage = &types.enums["Stage"];
    let values: BTreeMap<&str, Option<&str>> = stage
        .values
        .iter()
        .map(|(v, d)| (v.as_str(), d.as_deref()))
        .collect();
    assert_eq!(
        values,
        BTreeMap::from([("closed_won", None), ("discovery", Some("Early."))])
    );
}

#[test]
fn internally_tagged_enums_become_unions_of_objects() {
    let (_, types) = read_report();
    let sources = field(&types, "Report", "sources");
    assert_eq!(
        sources.shape,
        Shape::List(Box::new(Shape::Union("Cite".into())), true)
    );
    let cite = &types.unions["Cite"];
    assert_eq!(cite.tag, "type");
    assert_eq!(cite.variants["record"], "CiteRecord");
    assert_eq!(cite.variants["passage"], "CitePassage");
    let passage: Vec<&str> = types.objects["CitePassage"]
        .fields
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert!(
        passage.contains(&"type") && passage.contains(&"chunk_id"),
        "{passage:?}"
    );
}

mod other {
    use schemars::JsonSchema;
    use serde::Serialize;

    /// A different type that happens to share the name `Inner`.
    #[derive(Serialize, JsonSchema)]
    #[allow(dead_code)]
    pub struct Inner {
        pub count: u32,
    }

    #[derive(Serialize, JsonSchema)]
    #[allow(dead_code)]
    pub struct Holder {
        pub inner: Inner,
    }
}

#[test]
fn same_name_same_shape_is_shared_and_different_shape_is_prefixed() {
    let mut reader = TypeReader::new();
    let report = schemars::schema_for!(Report).to_value();
    reader.read_type("first_tool", "Report", &report);
    reader.read_type("second_tool", "Report", &report);
    let holder = schemars::schema_for!(other::Holder).to_value();
    reader.read_type("third_tool", "Holder", &holder);
    let types = reader.finish();
    assert!(types.objects.contains_key("Inner"));
    assert!(!types.objects.contains_key("SecondToolReport"));
    assert_eq!(
        field(&types, "Holder", "inner").shape,
        Shape::Object("ThirdToolInner".into())
    );
}

#[test]
fn arguments_are_flat_and_nested_inputs_are_named_input() {
    #[derive(serde::Deserialize, JsonSchema)]
    #[allow(dead_code)]
    struct Args {
        /// Which region.
        region: Option<String>,
        window: Window,
        stage: Option<Stage>,
    }
    #[derive(serde::Deserialize, JsonSchema)]
    #[allow(dead_code)]
    struct Window {
        from: NaiveDate,
    }
    let mut reader = TypeReader::new();
    let args = reader
        .read_arguments("t", "TArgs", &schemars::schema_for!(Args).to_value())
        .unwrap();
    let names: Vec<&str> = args.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["region", "window", "stage"]);
    assert_eq!(args[1].shape, Shape::Object("WindowInput".into()));
    assert!(args[1].required && !args[0].required);
    assert_eq!(args[2].shape, Shape::Enum("Stage".into()));
    let types = reader.finish();
    assert!(types.inputs.contains_key("WindowInput"));
}

#[test]
fn names_and_cases() {
    assert!(is_graphql_name("closed_won") && is_graphql_name("_x") && !is_graphql_name("9a"));
    assert!(!is_graphql_name("a-b") && !is_graphql_name("__typename"));
    assert_eq!(pascal_case("deal_detail"), "DealDetail");
    assert_eq!(pascal_case("best-case"), "BestCase");
}
