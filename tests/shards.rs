//! Shards: a run's chunks simulated in contiguous ranges, each range on its own (as separate
//! machines would), then merged, give the single run's collection bit for bit, sensitivity
//! sums included, for any number of shards.

use payback::analysis::summarise::summarise_detailed;
use payback::collect::{Detailed, Factors};
use payback::config::Document;
use payback::engine::{CHUNK_TRIALS, Engine, RunSettings, Stop, merge_shards, shard_chunks};
use std::path::Path;

#[test]
fn merged_shards_are_the_single_run_bit_for_bit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = Document::load(&root.join("configs/email-triage.toml")).unwrap();
    let scenario = doc.base();
    let factors = Factors::new(scenario);
    let empty = || Detailed::new(scenario, &factors);
    // Seven whole chunks and a partial one: chunk order and the short last chunk both matter.
    let settings = RunSettings {
        trials: 7 * CHUNK_TRIALS + 1000,
        seed: 11,
        threads: 2,
    };
    let engine = Engine::new(2, Stop::default()).unwrap();
    let single = engine
        .simulate(scenario, settings, &empty, &|_| {})
        .unwrap();
    let expected = serde_json::to_string(&summarise_detailed(scenario, 11, &single)).unwrap();
    for n in [1, 3, 7] {
        // Each shard on an engine of its own, one thread, as on another machine.
        let shards = (1..=n)
            .map(|k| {
                let alone = Engine::new(1, Stop::default()).unwrap();
                let chunks = shard_chunks(settings.trials, k, n);
                alone
                    .simulate_shard(scenario, settings, &empty, chunks, &|_| {})
                    .unwrap()
            })
            .collect();
        let merged = merge_shards(shards).unwrap();
        // `assert!`, not `assert_eq!`: the collections are megabytes of debug text.
        assert!(merged.run == single.run, "{n} shards: the outcomes");
        assert!(merged.head_to_head == single.head_to_head, "{n} shards");
        assert!(merged.irr == single.irr, "{n} shards");
        assert!(
            merged.sensitivity.state() == single.sensitivity.state(),
            "{n} shards: the sensitivity sums"
        );
        let summary = serde_json::to_string(&summarise_detailed(scenario, 11, &merged)).unwrap();
        assert!(summary == expected, "{n} shards: the summary");
    }
}

#[test]
fn shards_cover_the_chunks_in_order() {
    let trials = 10 * CHUNK_TRIALS - 5;
    for n in 1..=12 {
        let ranges: Vec<_> = (1..=n).map(|k| shard_chunks(trials, k, n)).collect();
        assert_eq!(ranges[0].start, 0);
        assert_eq!(ranges[n as usize - 1].end, 10);
        for pair in ranges.windows(2) {
            assert_eq!(pair[0].end, pair[1].start, "{n} shards");
        }
        let sizes: Vec<u64> = ranges.iter().map(|r| r.end - r.start).collect();
        let (low, high) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
        assert!(high - low <= 1, "{n} shards: {sizes:?}");
    }
}
