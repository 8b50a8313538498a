//! Turns the named types read from the JSON Schemas into async-graphql dynamic types whose
//! fields resolve by reading the parent's JSON value — one generic resolver for every output.

use async_graphql::dynamic::{
    Enum, EnumItem, Field, FieldFuture, FieldValue, InputObject, InputValue, Object, Scalar,
    SchemaBuilder, TypeRef, Union,
};
use async_graphql::{Name, Value as GqlValue};
use chrono::{DateTime, NaiveDate};
use serde_json::Value;

use super::{FieldDef, ScalarKind, Shape, TypeSet};

/// The GraphQL type reference of a field.
pub fn type_ref(shape: &Shape, required: bool) -> TypeRef {
    let inner = match shape {
        Shape::List(item, items_required) => {
            let item = type_ref(item, *items_required);
            TypeRef::List(Box::new(item))
        }
        other => TypeRef::named(other.type_name()),
    };
    if required {
        TypeRef::NonNull(Box::new(inner))
    } else {
        inner
    }
}

/// Registers the custom scalars and every type of `types`.
pub fn register_types(mut builder: SchemaBuilder, types: &TypeSet) -> SchemaBuilder {
    builder = builder
        .register(
            Scalar::new(ScalarKind::Long.graphql_name())
                .description("A 64-bit integer: money in whole dollars, large counts.")
                .validator(|v| matches!(v, GqlValue::Number(n) if n.is_i64() || n.is_u64())),
        )
        .register(
            Scalar::new(ScalarKind::Date.graphql_name())
                .description("A calendar day, YYYY-MM-DD.")
                .validator(|v| matches!(v, GqlValue::String(s) if s.parse::<NaiveDate>().is_ok())),
        )
        .register(
            Scalar::new(ScalarKind::DateTime.graphql_name())
                .description("An instant, RFC 3339.")
                .validator(
                    |v| matches!(v, GqlValue::String(s) if DateTime::parse_from_rfc3339(s).is_ok()),
                ),
        )
        .register(
            Scalar::new(ScalarKind::Json.graphql_name())
                .description("Any JSON value: maps and free-form payloads."),
        );
    for (name, def) in &types.enums {
        let mut e = Enum::new(name);
        if let Some(text) = &def.description {
            e = e.description(text);
        }
        for (value, text) in &def.values {
            let mut item = EnumItem::new(value);
            if let Some(text) = text {
                item = item.description(text);
            }
            e = e.item(item);
        }
        builder = builder.register(e);
    }
    for (name, def) in &types.objects {
        let mut object = Object::new(name);
        if let Some(text) = &def.description {
            object = object.description(text);
        }
        for field in &def.fields {
            object = object.field(json_field(field));
        }
        builder = builder.register(object);
    }
    for (name, def) in &types.inputs {
        let mut input = InputObject::new(name);
        if let Some(text) = &def.description {
            input = input.description(text);
        }
        for field in &def.fields {
            input = input.field(input_value(field));
        }
        builder = builder.register(input);
    }
    for (name, def) in &types.unions {
        let mut union = Union::new(name);
        if let Some(text) = &def.description {
            union = union.description(text);
        }
        for member in def.variants.values() {
            union = union.possible_type(member);
        }
        builder = builder.register(union);
    }
    builder
}

/// A field argument (or input object field) for `field`.
pub fn input_value(field: &FieldDef) -> InputValue {
    let mut value = InputValue::new(&field.name, type_ref(&field.shape, field.required));
    if let Some(text) = &field.description {
        value = value.description(text);
    }
    value
}

/// An output field that reads key `field.name` of its parent JSON object.
fn json_field(field: &FieldDef) -> Field {
    let key = field.name.clone();
    let shape = field.shape.clone();
    let mut out = Field::new(
        &field.name,
        type_ref(&field.shape, field.required),
        move |ctx| {
            let key = key.clone();
            let shape = shape.clone();
            FieldFuture::new(async move {
                let parent = ctx.parent_value.try_downcast_ref::<Value>()?;
                let child = parent.get(&key).cloned().unwrap_or(Value::Null);
                let unions = ctx.data::<UnionTags>()?;
                Ok(to_field_value(child, &shape, unions))
            })
        },
    );
    if let Some(text) = &field.description {
        out = out.description(text);
    }
    out
}

/// How to tell each union's members apart, kept in the schema's data.
#[derive(Debug, Clone, Default)]
pub struct UnionTags(pub TypeSet);

/// `value` as the resolved value of a field of `shape`; `None` for null.
pub fn to_field_value(
    value: Value,
    shape: &Shape,
    unions: &UnionTags,
) -> Option<FieldValue<'static>> {
    if value.is_null() {
        return None;
    }
    match shape {
        Shape::Scalar(_) | Shape::Enum(_) => GqlValue::from_json(value).ok().map(FieldValue::value),
        Shape::Object(_) => Some(FieldValue::owned_any(value)),
        Shape::Union(name) => {
            let def = unions.0.unions.get(name)?;
            let tag = value.get(&def.tag).and_then(Value::as_str)?;
            let member = def.variants.get(tag)?.clone();
            Some(FieldValue::owned_any(value).with_type(member))
        }
        Shape::List(item, _) => match value {
            Value::Array(items) => {
                Some(FieldValue::list(items.into_iter().map(|v| {
                    to_field_value(v, item, unions).unwrap_or(FieldValue::NULL)
                })))
            }
            _ => None,
        },
    }
}

/// A GraphQL input value as JSON, the tools' argument language.
pub fn to_json(value: &GqlValue) -> Value {
    match value {
        GqlValue::Enum(name) => Value::String(Name::as_str(name).to_owned()),
        other => other.clone().into_json().unwrap_or(Value::Null),
    }
}
