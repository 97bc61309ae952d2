//! Links the command line as a position-dependent executable on x86_64 Linux.
//!
//! A position-independent executable is relocated by the dynamic loader at every start: some
//! 30,000 relative relocations (720 KB of `.rela.dyn` read, 600 KB of `.data.rel.ro` written),
//! about a sixth of the page faults of a one-page check as a process (bench/README.md, „Start-up“).
//! Linked at a fixed address, the linker resolves them once. Address-space randomisation of the
//! executable's own image is the price; a command-line checker of text files started by drafters
//! and batch jobs holds no secrets that it would protect. Other targets (macOS, Windows, musl,
//! WebAssembly) keep their default.
fn main() {
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ARCH") == "x86_64" && var("CARGO_CFG_TARGET_ENV") == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
