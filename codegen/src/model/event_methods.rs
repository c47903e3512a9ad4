//! The names of the `…_events` methods, claimed once every other `Client`
//! method (operations, paging streams) is named.

use super::{EventStream, Operation, Pagination, Undecided};
use crate::naming::{self, Namespace};

/// Each operation's event stream with its method named, in the order of
/// `operations`: what `decide` moves into [`Operation::events`]. Names are
/// claimed after every other `Client` method's (the operations', then the
/// paging streams' in `paging`, aligned with `operations`); `operations`
/// are sorted by name, so names are claimed in a deterministic order.
pub(super) fn name(operations: &[Operation<Undecided>], paging: &[Option<Pagination>]) -> Vec<Option<EventStream>> {
    let mut taken: Vec<&str> = operations.iter().map(|op| op.name.as_str()).collect();
    taken.extend(paging.iter().flatten().map(|p| p.method.as_str()));
    let mut names = Namespace::with_reserved(&taken);
    let mut named = |op: &Operation<Undecided>| {
        let EventStream { method: (), data } = op.events.as_ref()?;
        Some(EventStream { method: names.claim(naming::events_method(&op.name)), data: data.clone() })
    };
    operations.iter().map(&mut named).collect()
}
