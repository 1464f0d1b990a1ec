//! Converts the embedded decision pack and price table from YAML to JSON at build time:
//! parsing JSON at start-up is several times faster than parsing YAML, and
//! start-up time is most of a `dbadvisor recommend` run. The pack is still
//! fully validated at run time, and `rules check` reads the YAML itself.

use std::path::Path;

fn main() {
    convert("rules/aurora-vs-dynamodb.yaml", "embedded-pack.json");
    convert("rules/pricing.yaml", "embedded-pricing.json");
}

fn convert(source: &str, target: &str) {
    println!("cargo:rerun-if-changed={source}");
    let text = std::fs::read_to_string(source).expect("the embedded YAML files are readable");
    // A broken file is reported with line numbers by the test suite and by
    // `dbadvisor rules check`; here an unparsable file becomes `null`, which
    // the run-time loader rejects with a clear message rather than failing the build.
    let value: serde_json::Value = serde_yaml::from_str(&text).unwrap_or_else(|e| {
        // Said at build time too, so the cause is seen before a test fails.
        println!("cargo:warning={source} is not valid YAML: {e}");
        serde_json::Value::Null
    });
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join(target);
    std::fs::write(
        out,
        serde_json::to_string(&value).expect("a JSON value serializes"),
    )
    .expect("OUT_DIR is writable");
}
