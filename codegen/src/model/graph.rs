//! Strongly connected components of the type graphs that `recursion` and
//! `aliases` look for cycles in.

/// Tarjan's algorithm, iterative so that long chains of types cannot
/// overflow the stack. `adj[v]` lists the nodes `v` points to. Returns each
/// node's component number; components are numbered sinks first (every
/// component a node points into has a smaller number, unless it is the
/// node's own).
pub(super) fn components(adj: &[Vec<usize>]) -> Vec<usize> {
    let n = adj.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut comp = vec![usize::MAX; n];
    let mut next_index = 0;
    let mut next_comp = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&mut (v, ref mut child)) = work.last_mut() {
            if *child == 0 && index[v] == usize::MAX {
                index[v] = next_index;
                low[v] = next_index;
                next_index += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if *child < adj[v].len() {
                let w = adj[v][*child];
                *child += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = next_comp;
                    if w == v {
                        break;
                    }
                }
                next_comp += 1;
            }
        }
    }
    comp
}

/// Whether each node is on a cycle: its component has another member, or
/// it points to itself.
pub(super) fn on_cycle(adj: &[Vec<usize>], comp: &[usize]) -> Vec<bool> {
    let mut size = vec![0usize; comp.len()];
    for c in comp {
        size[*c] += 1;
    }
    (0..adj.len()).map(|v| size[comp[v]] > 1 || adj[v].contains(&v)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cycles_and_numbers_sinks_first() {
        // 0 → 1 → 2 → 1, 3 → 3, 4 alone.
        let adj = vec![vec![1], vec![2], vec![1], vec![3], vec![]];
        let comp = components(&adj);
        assert_eq!(comp[1], comp[2]);
        assert_ne!(comp[0], comp[1]);
        assert!(comp[1] < comp[0], "the cycle 0 points into comes first");
        assert_eq!(on_cycle(&adj, &comp), [false, true, true, true, false]);
    }
}
