//! The memory allocator of every program that links the extractor: the `cuttings` command, the desktop app and
//! the benchmarks' batch runner alike, so that what is measured is what users run. mimalloc instead of the
//! system's: parsing a page makes and drops hundreds of thousands of small strings and nodes, and glibc's
//! allocator spent about 9 % of the extractor's instructions on them (callgrind, the 181 news pages). Transparent
//! huge pages stay off (`no_thp`): with them, the kernel's time zeroing 2 MiB pages ate most of the gain.
//! Measured in docs/benchmarks.md ("Twelfth round"). The `mimalloc` feature (on by default) brings it; the fuzz
//! crate leaves it off, so that AddressSanitizer sees every allocation.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
