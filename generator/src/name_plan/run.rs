//! The naming walk, in lowering's order: components by key, then the builders, the components'
//! inline types, the event's types, and the operations' fields and types. Claims made in that
//! order move a derived name aside exactly where lowering always has; and the walk is repeated
//! until the titles settle (`titles`).

use openapiv3::OpenAPI;

use super::titles::Titles;
use super::walk::Walk;
use super::{builders, components, events, operations, schemas, NamePlan, NamingProblem};
use crate::diagnostic::child;
use crate::local::LocalChoices;
use crate::read::{self, DocumentWalks};

/// Names everything (see the module docs of `name_plan`).
pub(super) fn plan(spec: &OpenAPI, walks: &DocumentWalks, local: &LocalChoices, lenient: bool) -> NamePlan {
    let mut titles = Titles::survey();
    loop {
        let mut walk = Walk::new(spec, walks, local, lenient, titles);
        walk_all(&mut walk);
        let problem_pointers = walk.plan.problems.iter().map(|problem| match problem {
            NamingProblem::Warning(pointer, _) | NamingProblem::Error(pointer, _) => pointer.as_str(),
        });
        let pointers = problem_pointers.chain(walk.found.iter().map(String::as_str));
        match walk.titles.next_run(&walk.names, pointers, &local.secrets) {
            Some(next) => titles = next,
            None => return walk.plan,
        }
    }
}

/// One walk: every name, claimed in lowering's order.
fn walk_all(w: &mut Walk) {
    let event = read::event_component(w.spec);
    components::name_components(w);
    let named_operations = builders::name_builders(w);
    for (key, schema) in read::generated_components(w.spec, &w.walks.error_only) {
        if event.as_ref().is_some_and(|event| event.is_part(key)) {
            continue; // Named with the event, once every resource is.
        }
        let name = w.plan.component(key);
        schemas::walk_component(w, &name, schema, &child("#/components/schemas", key));
    }
    if let Some(event) = &event {
        events::walk_event(w, event);
    }
    for (operation, builder) in &named_operations {
        w.enter_scope(&operation.pointer);
        operations::walk_operation(w, builder, operation);
    }
    w.enter_scope("");
}
