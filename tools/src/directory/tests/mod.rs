//! Tests of the directory tools on a demo company. Every expected listing is recomputed here by
//! a plain second reading of the records ([`naive`]), never pasted.

mod accounts_tests;
mod campaigns_tests;
mod deals_tests;
mod fixture;
mod naive;
mod paging_tests;
mod scope_tests;

#[test]
fn the_catalogue_lists_the_family_with_documented_schemas() {
    let catalogue = crate::Catalogue::standard();
    for name in ["deals", "accounts", "campaigns"] {
        let tool = catalogue
            .describe()
            .into_iter()
            .find(|t| t.name == name)
            .unwrap();
        let properties = tool.args_schema["properties"].as_object().unwrap();
        for (field, schema) in properties {
            assert!(
                schema.get("description").is_some(),
                "{name}.{field} has no doc"
            );
        }
        assert!(properties.contains_key("limit") && properties.contains_key("offset"));
        let output = tool.output_schema["properties"].as_object().unwrap();
        for field in ["total", "rows", "sources"] {
            assert!(output.contains_key(field), "{name} lacks {field}");
        }
    }
}
