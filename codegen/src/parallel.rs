//! The generator's one way of sharing work among the machine's cores: the
//! emitter's formatting, and the command writing files beside its report.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// `work` applied to every task, on every core, each thread taking the
/// next task as it finishes one (tasks should be small, so that the
/// threads end together). The results come back in task order, so the
/// output does not depend on which thread finished first.
pub(crate) fn map<T: Sync, R: Send>(tasks: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::with_capacity(tasks.len()));
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(tasks.len()).max(1);
    let run = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(task) = tasks.get(i) else { break };
        let result = work(task);
        // A poisoned lock means another worker panicked; that panic is
        // re-raised by the scope, so this result no longer matters.
        if let Ok(mut done) = done.lock() {
            done.push((i, result));
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..workers {
            // syn and prettyplease recurse on nesting: helpers get the same
            // large stack as the thread `crate::generate` runs on.
            let spawned = std::thread::Builder::new().stack_size(crate::GENERATE_STACK).spawn_scoped(scope, run);
            if spawned.is_err() {
                // No thread to be had: the current one does all the work.
                break;
            }
        }
        run();
    });
    let mut done = done.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, result)| result).collect()
}

/// `side()` on a thread of its own while the current thread runs
/// `main()`, for a short serial piece of work that would otherwise keep
/// every other core waiting.
pub(crate) fn beside<A: Send, B>(side: impl Fn() -> A + Sync, main: impl FnOnce() -> B) -> (A, B) {
    let side = &side;
    std::thread::scope(|scope| {
        match std::thread::Builder::new().stack_size(crate::GENERATE_STACK).spawn_scoped(scope, side) {
            Ok(handle) => {
                let b = main();
                match handle.join() {
                    Ok(a) => (a, b),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            // No thread to be had: one after the other, here.
            Err(_) => {
                let b = main();
                (side(), b)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_task_order() {
        let tasks: Vec<u64> = (0..200).collect();
        // Some tasks take longer, so that threads finish them out of order.
        let results = map(&tasks, |&n| {
            if n % 10 == 0 {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            n * 2
        });
        let expected: Vec<u64> = tasks.iter().map(|n| n * 2).collect();
        assert_eq!(results, expected);
    }

    #[test]
    fn beside_gives_both_results() {
        let (a, b) = beside(|| (1..=10).sum::<u32>(), || "main".to_string());
        assert_eq!((a, b.as_str()), (55, "main"));
    }

    #[test]
    fn no_tasks_give_no_results() {
        let results: Vec<u8> = map(&[] as &[u8], |&n| n);
        assert!(results.is_empty());
    }
}
