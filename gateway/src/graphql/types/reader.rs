//! Reads schemars' JSON Schemas (draft 2020-12) into named GraphQL types. What it understands:
//! `$ref` into `$defs`, objects with properties, arrays, nullable types (`["x", "null"]` and
//! `anyOf` with `null`), string enums (plain or documented `oneOf` consts), internally tagged
//! enums (a `oneOf` of objects sharing a constant tag field → a union), integer formats, and
//! `date` / `date-time` strings. Anything else — maps, tuples, free-form values — is `JSON`.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};

use super::{EnumDef, FieldDef, ObjectDef, ScalarKind, Shape, TypeSet, UnionDef};
use super::{is_graphql_name, pascal_case};

/// A schema whose root is not an object (a tool's args and output always are).
#[derive(Debug, thiserror::Error)]
#[error("the JSON Schema of `{owner}` has no object at its root")]
pub struct NotAnObject {
    /// Whose schema it was.
    pub owner: String,
}

/// Accumulates the named types of many schemas, keeping names unique: a definition met again
/// with the same content reuses its name; a different one under a taken name is prefixed with
/// its owner's name.
#[derive(Debug, Default)]
pub struct TypeReader {
    types: TypeSet,
    /// Type name → the schema text it was made from.
    made_from: HashMap<String, String>,
}

/// The schema being read: its owner (a tool name) and its `$defs`.
struct Root<'a> {
    owner: String,
    defs: Option<&'a Map<String, Value>>,
}

impl TypeReader {
    /// An empty reader.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads an output schema; returns the name of its root object type, `name`.
    pub fn read_output(
        &mut self,
        owner: &str,
        name: &str,
        schema: &Value,
    ) -> Result<String, NotAnObject> {
        let root = Root::of(owner, schema);
        match self.shape(&root, schema, name, false).0 {
            Shape::Object(name) => Ok(name),
            _ => Err(NotAnObject {
                owner: owner.to_owned(),
            }),
        }
    }

    /// Reads an args schema as the list of its top-level fields (field arguments); nested
    /// objects become input objects named after `name`.
    pub fn read_arguments(
        &mut self,
        owner: &str,
        name: &str,
        schema: &Value,
    ) -> Result<Vec<FieldDef>, NotAnObject> {
        let root = Root::of(owner, schema);
        let body = root.resolve(schema);
        match body.get("properties") {
            Some(Value::Object(_)) => Ok(self.fields(&root, body, name, true)),
            _ if body.get("type").and_then(Value::as_str) == Some("object") => Ok(Vec::new()),
            _ => Err(NotAnObject {
                owner: owner.to_owned(),
            }),
        }
    }

    /// Reads any schema (an enum, a union, an object) named `name`; returns its shape.
    pub fn read_type(&mut self, owner: &str, name: &str, schema: &Value) -> Shape {
        let root = Root::of(owner, schema);
        self.shape(&root, schema, name, false).0
    }

    /// The types read so far.
    pub fn finish(self) -> TypeSet {
        self.types
    }

    /// The shape of `schema` and whether it may be null; `hint` names a type made here.
    fn shape(&mut self, root: &Root<'_>, schema: &Value, hint: &str, input: bool) -> (Shape, bool) {
        let Value::Object(map) = schema else {
            return (Shape::Scalar(ScalarKind::Json), true);
        };
        if let Some(target) = map.get("$ref").and_then(Value::as_str)
            && !map.contains_key("properties")
        {
            return self.reference(root, target, input);
        }
        if let Some(Value::Array(all)) = map.get("allOf")
            && all.len() == 1
        {
            return self.shape(root, &all[0], hint, input);
        }
        for key in ["anyOf", "oneOf"] {
            if let Some(Value::Array(options)) = map.get(key) {
                return self.alternatives(root, map, options, hint, input);
            }
        }
        let (kind, nullable) = match map.get("type") {
            Some(Value::String(kind)) => (kind.as_str(), false),
            Some(Value::Array(kinds)) => {
                let named: Vec<&str> = kinds
                    .iter()
                    .filter_map(Value::as_str)
                    .filter(|k| *k != "null")
                    .collect();
                match named.as_slice() {
                    [one] => (*one, named.len() < kinds.len()),
                    _ => return (Shape::Scalar(ScalarKind::Json), true),
                }
            }
            _ if map.contains_key("properties") => ("object", false),
            _ if map.contains_key("enum") => ("string", false),
            _ if map.contains_key("const") => return (Shape::Scalar(ScalarKind::String), false),
            _ => return (Shape::Scalar(ScalarKind::Json), true),
        };
        let shape = match kind {
            "string" => self.string(root, map, hint),
            "integer" => Shape::Scalar(integer_kind(map)),
            "number" => Shape::Scalar(ScalarKind::Float),
            "boolean" => Shape::Scalar(ScalarKind::Boolean),
            "array" => match map.get("items") {
                Some(items) if !map.contains_key("prefixItems") => {
                    let (item, item_nullable) = self.shape(root, items, hint, input);
                    Shape::List(Box::new(item), !item_nullable)
                }
                _ => Shape::Scalar(ScalarKind::Json),
            },
            "object" if map.contains_key("properties") => self.object(root, map, hint, input),
            _ => Shape::Scalar(ScalarKind::Json),
        };
        (shape, nullable)
    }

    /// A `$ref` into the root's `$defs`, read under the definition's own name.
    fn reference(&mut self, root: &Root<'_>, target: &str, input: bool) -> (Shape, bool) {
        let name = target.rsplit('/').next().unwrap_or(target);
        match root.defs.and_then(|defs| defs.get(name)) {
            Some(def) => {
                let type_name = if input {
                    format!("{name}Input")
                } else {
                    name.to_owned()
                };
                self.shape(root, def, &type_name, input)
            }
            None => (Shape::Scalar(ScalarKind::Json), true),
        }
    }

    /// `anyOf` / `oneOf`: nullable wrappers, string enums, tagged unions, else JSON.
    fn alternatives(
        &mut self,
        root: &Root<'_>,
        map: &Map<String, Value>,
        options: &[Value],
        hint: &str,
        input: bool,
    ) -> (Shape, bool) {
        let present: Vec<&Value> = options.iter().filter(|o| !is_null_type(o)).collect();
        let nullable = present.len() < options.len();
        if let [one] = present.as_slice() {
            let (shape, inner_nullable) = self.shape(root, one, hint, input);
            return (shape, nullable || inner_nullable);
        }
        let consts: Option<Vec<(String, Option<String>)>> = present
            .iter()
            .map(|o| {
                let o = root.resolve(o);
                let value = o
                    .get("const")
                    .or_else(|| match o.get("enum") {
                        Some(Value::Array(values)) if values.len() == 1 => values.first(),
                        _ => None,
                    })?
                    .as_str()?;
                Some((value.to_owned(), description(o)))
            })
            .collect();
        if let Some(values) = consts {
            return (
                self.enumeration(root, hint, description(map), values),
                nullable,
            );
        }
        if !input && let Some(shape) = self.union(root, map, &present, hint) {
            return (shape, nullable);
        }
        (Shape::Scalar(ScalarKind::Json), true)
    }

    /// A string: an enum when it lists its values, a date or instant by format.
    fn string(&mut self, root: &Root<'_>, map: &Map<String, Value>, hint: &str) -> Shape {
        if let Some(Value::Array(values)) = map.get("enum") {
            let values: Option<Vec<(String, Option<String>)>> = values
                .iter()
                .map(|v| v.as_str().map(|s| (s.to_owned(), None)))
                .collect();
            if let Some(values) = values {
                return self.enumeration(root, hint, description(map), values);
            }
        }
        match map.get("format").and_then(Value::as_str) {
            Some("date") => Shape::Scalar(ScalarKind::Date),
            Some("date-time") => Shape::Scalar(ScalarKind::DateTime),
            _ => Shape::Scalar(ScalarKind::String),
        }
    }

    /// A string enum named `hint`, or plain `String` when a value cannot be a GraphQL name.
    fn enumeration(
        &mut self,
        root: &Root<'_>,
        hint: &str,
        description: Option<String>,
        values: Vec<(String, Option<String>)>,
    ) -> Shape {
        let valid = values
            .iter()
            .all(|(v, _)| is_graphql_name(v) && !matches!(v.as_str(), "true" | "false" | "null"));
        if !valid || values.is_empty() {
            return Shape::Scalar(ScalarKind::String);
        }
        let name = hint.strip_suffix("Input").unwrap_or(hint).to_owned();
        let def = EnumDef {
            description,
            values,
        };
        let key = format!("enum:{def:?}");
        let name = self.claim(&root.owner, &name, &key);
        self.types.enums.entry(name.clone()).or_insert(def);
        Shape::Enum(name)
    }

    /// An object (input object when `input`) named `hint`.
    fn object(
        &mut self,
        root: &Root<'_>,
        map: &Map<String, Value>,
        hint: &str,
        input: bool,
    ) -> Shape {
        let key = format!(
            "{}:{}",
            if input { "input" } else { "object" },
            Value::Object(map.clone())
        );
        let name = self.claim(&root.owner, hint, &key);
        let known = if input {
            self.types.inputs.contains_key(&name)
        } else {
            self.types.objects.contains_key(&name)
        };
        if !known {
            // A placeholder first, so a type that contains itself terminates.
            let placeholder = ObjectDef {
                description: None,
                fields: Vec::new(),
            };
            self.table(input).insert(name.clone(), placeholder);
            let def = ObjectDef {
                description: description(map),
                fields: self.fields(root, map, &name, input),
            };
            self.table(input).insert(name.clone(), def);
        }
        Shape::Object(name)
    }

    /// The fields of an object schema; nested types are named `{parent}{Field}`.
    fn fields(
        &mut self,
        root: &Root<'_>,
        map: &Map<String, Value>,
        parent: &str,
        input: bool,
    ) -> Vec<FieldDef> {
        let required: Vec<&str> = match map.get("required") {
            Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        let Some(Value::Object(properties)) = map.get("properties") else {
            return Vec::new();
        };
        let parent = parent.strip_suffix("Input").unwrap_or(parent);
        properties
            .iter()
            .filter(|(name, _)| is_graphql_name(name))
            .map(|(name, schema)| {
                let suffix = if input { "Input" } else { "" };
                let hint = format!("{parent}{}{suffix}", pascal_case(name));
                let (shape, nullable) = self.shape(root, schema, &hint, input);
                FieldDef {
                    name: name.clone(),
                    description: description(schema.as_object().unwrap_or(&Map::new())),
                    shape,
                    required: required.contains(&name.as_str()) && !nullable,
                }
            })
            .collect()
    }

    /// A `oneOf` of objects sharing one constant string property → a union of objects named
    /// `{hint}{Tag}`.
    fn union(
        &mut self,
        root: &Root<'_>,
        map: &Map<String, Value>,
        variants: &[&Value],
        hint: &str,
    ) -> Option<Shape> {
        let merged: Vec<Map<String, Value>> = variants
            .iter()
            .map(|v| root.merged_object(v))
            .collect::<Option<_>>()?;
        let tag = merged
            .first()?
            .get("properties")?
            .as_object()?
            .iter()
            .find_map(|(key, property)| {
                let constant = property.get("const").is_some_and(Value::is_string);
                let shared = merged.iter().all(|m| {
                    m.get("properties")
                        .and_then(|p| p.get(key))
                        .and_then(|p| p.get("const"))
                        .is_some_and(Value::is_string)
                });
                (constant && shared).then(|| key.clone())
            })?;
        let name = self.claim(
            &root.owner,
            hint,
            &format!("union:{}", Value::Object(map.clone())),
        );
        let mut members = BTreeMap::new();
        for variant in &merged {
            let value = variant
                .get("properties")?
                .get(&tag)?
                .get("const")?
                .as_str()?
                .to_owned();
            let member_hint = format!("{name}{}", pascal_case(&value));
            if let Shape::Object(member) = self.object(root, variant, &member_hint, false) {
                members.insert(value, member);
            }
        }
        self.types.unions.entry(name.clone()).or_insert(UnionDef {
            description: description(map),
            tag,
            variants: members,
        });
        Some(Shape::Union(name))
    }

    /// A unique type name for content `key`, preferring `wanted`.
    fn claim(&mut self, owner: &str, wanted: &str, key: &str) -> String {
        let mut candidate = wanted.to_owned();
        let mut n = 1;
        loop {
            match self.made_from.get(&candidate) {
                None => {
                    self.made_from.insert(candidate.clone(), key.to_owned());
                    return candidate;
                }
                Some(existing) if existing == key => return candidate,
                Some(_) => {
                    candidate = match n {
                        1 => format!("{}{wanted}", pascal_case(owner)),
                        _ => format!("{}{wanted}{n}", pascal_case(owner)),
                    };
                    n += 1;
                }
            }
        }
    }

    fn table(&mut self, input: bool) -> &mut BTreeMap<String, ObjectDef> {
        if input {
            &mut self.types.inputs
        } else {
            &mut self.types.objects
        }
    }
}

impl<'a> Root<'a> {
    fn of(owner: &str, schema: &'a Value) -> Self {
        Self {
            owner: owner.to_owned(),
            defs: schema.get("$defs").and_then(Value::as_object),
        }
    }

    /// `schema` itself, or the definition it refers to.
    fn resolve<'s>(&'s self, schema: &'s Value) -> &'s Map<String, Value>
    where
        'a: 's,
    {
        static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
        let empty = EMPTY.get_or_init(Map::new);
        let Some(map) = schema.as_object() else {
            return empty;
        };
        match map.get("$ref").and_then(Value::as_str) {
            Some(target) if !map.contains_key("properties") => {
                let name = target.rsplit('/').next().unwrap_or(target);
                self.defs
                    .and_then(|defs| defs.get(name))
                    .and_then(Value::as_object)
                    .unwrap_or(map)
            }
            _ => map,
        }
    }

    /// A variant's object: its own properties merged with those of a `$ref` / `allOf` it
    /// extends (how schemars writes a tagged newtype variant).
    fn merged_object(&self, variant: &Value) -> Option<Map<String, Value>> {
        let map = variant.as_object()?;
        let mut properties = Map::new();
        let mut required: Vec<Value> = Vec::new();
        let mut absorb = |m: &Map<String, Value>| {
            if let Some(Value::Object(p)) = m.get("properties") {
                properties.extend(p.clone());
            }
            if let Some(Value::Array(r)) = m.get("required") {
                required.extend(r.iter().cloned());
            }
        };
        if let Some(target) = map.get("$ref").and_then(Value::as_str) {
            let name = target.rsplit('/').next().unwrap_or(target);
            absorb(self.defs?.get(name)?.as_object()?);
        }
        if let Some(Value::Array(all)) = map.get("allOf") {
            for part in all {
                absorb(self.resolve(part));
            }
        }
        absorb(map);
        let mut merged = Map::new();
        merged.insert("type".into(), Value::String("object".into()));
        if let Some(text) = map.get("description") {
            merged.insert("description".into(), text.clone());
        }
        merged.insert("properties".into(), Value::Object(properties));
        merged.insert("required".into(), Value::Array(required));
        Some(merged)
    }
}

fn is_null_type(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("null")
        || schema.get("const").is_some_and(Value::is_null)
}

fn description(map: &Map<String, Value>) -> Option<String> {
    map.get("description")
        .and_then(Value::as_str)
        .map(|text| text.trim().to_owned())
        .filter(|text| !text.is_empty())
}

/// 32-bit formats map to `Int`; everything wider (and unsized `uint`) to `Long`.
fn integer_kind(map: &Map<String, Value>) -> ScalarKind {
    match map.get("format").and_then(Value::as_str) {
        Some("int8" | "int16" | "int32" | "uint8" | "uint16") => ScalarKind::Int,
        _ => ScalarKind::Long,
    }
}
