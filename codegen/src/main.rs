//! `cargo run -p codegen`: regenerate `generated/` from the spec.

use clap::Parser;
use codegen::cli::{diff, generate, Cli, Command};
use std::process::ExitCode;

// Generation makes and frees millions of small strings and token trees on
// two threads; with glibc's allocator a third of the CPU time of a large
// spec went to malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in the `mi_option_e` of the mimalloc that
/// `libmimalloc-sys` builds (v3); the bindings name no constant for it. The
/// test below pins it to the option's documented default, so a mimalloc
/// that numbers its options differently fails there, not in production.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps freed memory instead of handing it back to the system a second
/// later: generation frees and allocates in waves, and each page handed
/// back was faulted in (and zeroed, 2 MiB at a time with transparent huge
/// pages) again moments later. On the whole Cloudflare spec this took
/// page faults from about 3,000 to 424 and a fifth of the CPU time in
/// some runs. The process is short-lived, so nothing is held for long.
fn keep_freed_memory() {
    // SAFETY: sets an option value; called before any other thread starts.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}

fn main() -> ExitCode {
    keep_freed_memory();
    let cli = Cli::parse();
    match &cli.command {
        None => generate::run(&cli.generate),
        Some(Command::Generate(args)) => generate::run(args),
        Some(Command::Diff(args)) => diff::run(args),
    }
}

#[cfg(test)]
mod tests {
    use super::PURGE_DELAY;

    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // v3 defaults `purge_delay` to 1000 ms (options.c; its header still
        // says 10); no other option defaults to 1000. Nothing in the test
        // binary sets it.
        // SAFETY: reads an option value.
        let default = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        assert_eq!(default, 1000, "option {PURGE_DELAY} is not mimalloc's purge_delay");
    }
}
