//! The names of the `…_events` methods, claimed once every other `Client`
//! method (operations, paging streams) is named.

use super::Operation;
use crate::naming::{self, Namespace};

/// Names each operation's events method, after every other `Client`
/// method is named (operations, paging streams). `operations` are sorted
/// by name, so names are claimed in a deterministic order.
pub(super) fn name(operations: &mut [Operation]) {
    let mut taken: Vec<&str> = operations.iter().map(|op| op.name.as_str()).collect();
    taken.extend(operations.iter().filter_map(|op| op.pagination.as_ref()).map(|p| p.method.as_str()));
    let mut names = Namespace::with_reserved(&taken);
    for op in operations.iter_mut() {
        if let Some(events) = &mut op.events {
            events.method = names.claim(naming::events_method(&op.name));
        }
    }
}
