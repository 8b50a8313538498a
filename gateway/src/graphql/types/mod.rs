//! GraphQL types generated from the Rust types: every tool's args and output, and the agents'
//! answer, derive a JSON Schema (schemars); this module reads those schemas into a small set
//! of named GraphQL types — objects, input objects, enums and unions — so the API, the MCP
//! server and the agents all speak the same shapes and names.

mod reader;
pub mod register;

use std::collections::BTreeMap;

pub use reader::TypeReader;

/// A scalar the API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarKind {
    /// Text.
    String,
    /// A 32-bit integer.
    Int,
    /// A 64-bit integer (money in whole dollars, counts that can be large).
    Long,
    /// A floating-point number.
    Float,
    /// True or false.
    Boolean,
    /// A calendar day, `YYYY-MM-DD`.
    Date,
    /// An instant, RFC 3339.
    DateTime,
    /// Any JSON value (maps and free-form payloads).
    Json,
}

impl ScalarKind {
    /// The GraphQL name.
    pub fn graphql_name(self) -> &'static str {
        match self {
            Self::String => "String",
            Self::Int => "Int",
            Self::Long => "Long",
            Self::Float => "Float",
            Self::Boolean => "Boolean",
            Self::Date => "Date",
            Self::DateTime => "DateTime",
            Self::Json => "JSON",
        }
    }
}

/// The shape of one field's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// A scalar.
    Scalar(ScalarKind),
    /// A named enum.
    Enum(String),
    /// A named object (an input object when read as input).
    Object(String),
    /// A named union of objects told apart by a tag field.
    Union(String),
    /// A list; the flag says whether its items are never null.
    List(Box<Shape>, bool),
}

impl Shape {
    /// The name of the named type at the bottom of the shape.
    pub fn type_name(&self) -> String {
        match self {
            Self::Scalar(kind) => kind.graphql_name().to_owned(),
            Self::Enum(name) | Self::Object(name) | Self::Union(name) => name.clone(),
            Self::List(inner, _) => inner.type_name(),
        }
    }
}

/// A field of an object or input object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDef {
    /// The JSON key, used verbatim as the GraphQL field name.
    pub name: String,
    /// Its documentation.
    pub description: Option<String>,
    /// Its value's shape.
    pub shape: Shape,
    /// Whether it is always present and never null.
    pub required: bool,
}

/// An object or input object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectDef {
    /// Its documentation.
    pub description: Option<String>,
    /// Its fields, in schema order.
    pub fields: Vec<FieldDef>,
}

/// An enum of strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumDef {
    /// Its documentation.
    pub description: Option<String>,
    /// The values with their documentation.
    pub values: Vec<(String, Option<String>)>,
}

/// A union of objects, told apart by the string in `tag`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnionDef {
    /// Its documentation.
    pub description: Option<String>,
    /// The JSON key that names the variant.
    pub tag: String,
    /// Tag value → object type name.
    pub variants: BTreeMap<String, String>,
}

/// Every named type read so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypeSet {
    /// Output objects.
    pub objects: BTreeMap<String, ObjectDef>,
    /// Input objects.
    pub inputs: BTreeMap<String, ObjectDef>,
    /// Enums (shared by input and output).
    pub enums: BTreeMap<String, EnumDef>,
    /// Unions.
    pub unions: BTreeMap<String, UnionDef>,
}

/// Whether `name` may be a GraphQL name.
pub fn is_graphql_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
        && !name.starts_with("__")
}

/// `snake_case` or `kebab-case` as `PascalCase`.
pub fn pascal_case(text: &str) -> String {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;
