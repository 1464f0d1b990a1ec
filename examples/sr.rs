fn main() {
    let pack = dbadvisor::Pack::embedded().unwrap();
    for e in &pack.examples {
        let t = std::time::Instant::now();
        let a = dbadvisor::engine::analysis::analyse(&pack, &e.workload);
        println!("{} settled={} sr={:?} t={:?}", e.id, a.settled, a.sufficient_reasons.as_ref().map(|s| (s.fields.clone(), s.kind)), t.elapsed());
    }
}
