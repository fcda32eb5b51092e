//! Reading the spec: what each schema is (`shape`), what a `$ref` reaches (`refs`), which
//! components are generated (`components`) and what an operation is made of (`operations`):
//! lowering's readings of the spec, each made once. Nothing here names or reports: a problem
//! comes back as a [`Finding`] for lowering to record.

mod components;
mod error_only;
mod operations;
mod refs;
mod shape;

use std::collections::BTreeSet;

pub(crate) use components::{
    class_name, event_component, generated_components, resource_events, EventComponent,
};
pub(crate) use operations::{
    clearable_metadata, collections, form_body, method_key, operations, parameter_schema, parameters,
    path_template, returns_list, success_response, Body, SpecOperation,
};
pub(crate) use refs::resolve;
pub(crate) use shape::{
    closed, object_properties, single_object_tag, title_name, variant_word, with_description, Object,
    ObjectKind, Properties, SchemaRef, Shape, UnionKind,
};

use crate::diagnostic::Collector;

/// A problem a reading found at `pointer`, for the caller to record.
#[derive(Clone, Debug)]
pub(crate) struct Finding {
    pub pointer: String,
    pub message: String,
    /// An error in every run, or a construct a lenient run falls back from (`Collector::unsupported`).
    pub unsupported: bool,
}

impl Finding {
    pub(crate) fn error(pointer: &str, message: impl Into<String>) -> Self {
        Self {
            pointer: pointer.to_owned(),
            message: message.into(),
            unsupported: false,
        }
    }

    pub(crate) fn unsupported(pointer: &str, message: impl Into<String>) -> Self {
        Self {
            unsupported: true,
            ..Self::error(pointer, message)
        }
    }

    /// Records this finding; returns whether the caller falls back (a lenient run's unsupported
    /// construct), as [`Collector::unsupported`] does.
    pub(crate) fn record(&self, problems: &mut Collector) -> bool {
        if self.unsupported {
            problems.unsupported(&self.pointer, self.message.clone())
        } else {
            problems.error(&self.pointer, self.message.clone());
            false
        }
    }
}

/// What lowering asks of the whole document, answered from the plain YAML once, before it is
/// read into `openapiv3` types: which components only error responses reach, which event names
/// it lists.
pub struct DocumentWalks {
    pub(crate) error_only: BTreeSet<String>,
    pub(crate) event_names: BTreeSet<String>,
}

impl DocumentWalks {
    /// Walks `document`, the spec as plain YAML.
    pub fn of(document: &serde_yaml::Value) -> Self {
        Self {
            error_only: error_only::error_only_components(document),
            event_names: crate::yaml_walk::enum_strings(document),
        }
    }
}
