//! Pack load + validate + lint, on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dbadvisor::fuzzing::pack_bytes(data);
});
