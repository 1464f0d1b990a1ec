//! Workload parse + evaluate + explain + render, on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static PACK: OnceLock<dbadvisor::Pack> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let pack = PACK.get_or_init(|| dbadvisor::Pack::embedded().expect("the embedded pack is valid"));
    dbadvisor::fuzzing::workload_bytes(pack, data);
});
