fn main() {
    let pack = match dbadvisor::Pack::embedded() {
        Ok(p) => p,
        Err(e) => {
            for p in e.problems() {
                eprintln!("{p} {:?}", p.help);
            }
            panic!("{e}")
        }
    };
    for e in &pack.examples {
        let d = dbadvisor::decide(&pack, &e.workload);
        println!(
            "{} -> {:?} {} margin {:?} totals {:?}",
            e.id,
            d.recommendation,
            d.confidence.as_str(),
            d.margin,
            d.scores
                .0
                .iter()
                .map(|(k, v)| (k.clone(), v.total))
                .collect::<Vec<_>>()
        );
        println!(
            "   example {:?} wwc {}",
            d.example.as_ref().map(|x| (&x.id, x.similarity)),
            serde_json::to_string(&d.what_would_change).unwrap()
        );
    }
}
