//! Walks the parsed spec for the two facts that are about the whole document rather than one
//! schema: which component schemas a part of it references (`$ref`s, inline schemas and
//! extensions included) and which strings any `enum` lists. Reading them from the `openapiv3`
//! types means lowering needs nothing but those types: the YAML value the text was read through
//! is dropped as soon as it has been read.

use std::collections::BTreeSet;

use openapiv3::{
    AdditionalProperties, MediaType, Operation, Parameter, ParameterSchemaOrContent, ReferenceOr,
    RequestBody, Response, Schema, SchemaKind, Type,
};
use serde_json::Value;

use super::SCHEMA_REF_PREFIX;

/// What a walk found.
#[derive(Debug, Default)]
pub(super) struct Found {
    /// The component schema keys that references point at, in the order met.
    pub refs: Vec<String>,
    /// Every string an `enum` lists.
    pub enum_values: BTreeSet<String>,
}

impl Found {
    fn reference(&mut self, reference: &str) {
        if let Some(target) = reference.strip_prefix(SCHEMA_REF_PREFIX) {
            self.refs.push(target.replace("~1", "/").replace("~0", "~"));
        }
    }

    /// A schema, or a reference to one.
    pub fn schema_or_ref(&mut self, schema: &ReferenceOr<Schema>) {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference),
            ReferenceOr::Item(schema) => self.schema(schema),
        }
    }

    fn boxed(&mut self, schema: &ReferenceOr<Box<Schema>>) {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference),
            ReferenceOr::Item(schema) => self.schema(schema),
        }
    }

    fn additional(&mut self, additional: Option<&AdditionalProperties>) {
        if let Some(AdditionalProperties::Schema(schema)) = additional {
            self.schema_or_ref(schema);
        }
    }

    /// An inline schema and everything inside it.
    pub fn schema(&mut self, schema: &Schema) {
        self.extensions(&schema.schema_data.extensions);
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                self.enum_values
                    .extend(string.enumeration.iter().flatten().cloned());
            }
            SchemaKind::Type(Type::Object(object)) => {
                object.properties.values().for_each(|p| self.boxed(p));
                self.additional(object.additional_properties.as_ref());
            }
            SchemaKind::Type(Type::Array(array)) => array.items.iter().for_each(|i| self.boxed(i)),
            SchemaKind::Type(Type::Number(_) | Type::Integer(_) | Type::Boolean(_)) => {}
            SchemaKind::OneOf { one_of: all }
            | SchemaKind::AllOf { all_of: all }
            | SchemaKind::AnyOf { any_of: all } => all.iter().for_each(|s| self.schema_or_ref(s)),
            SchemaKind::Not { not } => self.schema_or_ref(not),
            SchemaKind::Any(any) => {
                let strings = any.enumeration.iter().filter_map(Value::as_str);
                self.enum_values.extend(strings.map(str::to_owned));
                any.properties.values().for_each(|p| self.boxed(p));
                self.additional(any.additional_properties.as_ref());
                any.items.iter().for_each(|i| self.boxed(i));
                for all in [&any.one_of, &any.all_of, &any.any_of] {
                    all.iter().for_each(|s| self.schema_or_ref(s));
                }
                any.not.iter().for_each(|s| self.schema_or_ref(s));
            }
        }
    }

    /// Extension values are plain JSON; Stripe's (`x-expansionResources`) hold references too.
    pub fn extensions(&mut self, extensions: &indexmap::IndexMap<String, Value>) {
        let mut stack: Vec<&Value> = extensions.values().collect();
        while let Some(value) = stack.pop() {
            match value {
                Value::Object(map) => {
                    for (key, child) in map {
                        match (key.as_str(), child) {
                            ("$ref", Value::String(reference)) => self.reference(reference),
                            ("enum", Value::Array(items)) => {
                                let strings = items.iter().filter_map(Value::as_str);
                                self.enum_values.extend(strings.map(str::to_owned));
                                stack.push(child);
                            }
                            _ => stack.push(child),
                        }
                    }
                }
                Value::Array(items) => stack.extend(items),
                _ => {}
            }
        }
    }

    fn content(&mut self, content: &indexmap::IndexMap<String, MediaType>) {
        for media in content.values() {
            self.extensions(&media.extensions);
            media.schema.iter().for_each(|s| self.schema_or_ref(s));
        }
    }

    fn schema_or_content(&mut self, format: &ParameterSchemaOrContent) {
        match format {
            ParameterSchemaOrContent::Schema(schema) => self.schema_or_ref(schema),
            ParameterSchemaOrContent::Content(content) => self.content(content),
        }
    }

    /// A parameter, or a reference to one (only schema references count).
    pub fn parameter(&mut self, parameter: &ReferenceOr<Parameter>) {
        match parameter {
            ReferenceOr::Reference { reference } => self.reference(reference),
            ReferenceOr::Item(parameter) => {
                let data = parameter.parameter_data_ref();
                self.extensions(&data.extensions);
                self.schema_or_content(&data.format);
            }
        }
    }

    /// A request body, or a reference to one.
    pub fn request_body(&mut self, body: &ReferenceOr<RequestBody>) {
        match body {
            ReferenceOr::Reference { reference } => self.reference(reference),
            ReferenceOr::Item(body) => {
                self.extensions(&body.extensions);
                self.content(&body.content);
            }
        }
    }

    /// A response, or a reference to one: its body and its headers.
    pub fn response(&mut self, response: &ReferenceOr<Response>) {
        match response {
            ReferenceOr::Reference { reference } => self.reference(reference),
            ReferenceOr::Item(response) => {
                self.extensions(&response.extensions);
                self.content(&response.content);
                for header in response.headers.values() {
                    match header {
                        ReferenceOr::Reference { reference } => self.reference(reference),
                        ReferenceOr::Item(header) => {
                            self.extensions(&header.extensions);
                            self.schema_or_content(&header.format);
                        }
                    }
                }
            }
        }
    }

    /// An operation's parameters, request body and extensions: everything but its responses.
    pub fn operation_inputs(&mut self, operation: &Operation) {
        self.extensions(&operation.extensions);
        operation.parameters.iter().for_each(|p| self.parameter(p));
        operation.request_body.iter().for_each(|b| self.request_body(b));
    }
}
