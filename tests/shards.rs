//! Shards: a run's chunks simulated in contiguous ranges, each range on its own (as separate
//! machines would), then merged, give the single run's collection bit for bit, sensitivity
//! sums included, for any number of shards; and the blocks a chunk's trials reach its
//! collectors in keep each trial as it was run.

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

/// A block of finished trials (what the engine hands its collectors) gives back each trial's
/// key, draws, outcomes, nets, investment parts and deprecation uniforms as they were run.
#[test]
fn a_block_gives_back_each_trial_as_it_was_run() {
    let scenario = payback::config::Document::parse(
        r#"
        [scenario]
        name = "t"
        horizon_months = 12
        trials = 10
        [workload]
        events_per_month = "800 to 1200"
        [options.api]
        baseline = true
        cost_per_event = 0.3
        deprecation = { hazard_per_year = 0.5, migration_cost = 1000 }
        [options.tuned]
        cost_per_event = "0.05 to 0.15"
        [options.tuned.project]
        items.build = { cost = "2000 to 4000" }
        [options.other]
        cost_per_event = 0.2
        [options.other.project]
        items.build = { cost = 500 }
        items.data = { cost = 700 }
        "#,
        std::path::Path::new("t.toml"),
    )
    .expect("a valid scenario");
    let scenario = scenario.base();
    let mut runner = payback::model::TrialRunner::new(scenario);
    let mut block = payback::model::FinishedBlock::default();
    let mut kept = Vec::new();
    for key in 0..5 {
        runner.run(key);
        let t = runner.finished();
        kept.push((
            t.draws.to_vec(),
            t.outcomes.to_vec(),
            (0..2)
                .map(|c| t.month_end_net(c).to_vec())
                .collect::<Vec<_>>(),
            (0..2)
                .map(|c| t.upfront_parts(c).to_vec())
                .collect::<Vec<_>>(),
            (0..3)
                .map(|o| t.first_deprecation_uniform(o))
                .collect::<Vec<_>>(),
        ));
        block.push(&t);
    }
    assert_eq!(block.len(), 5);
    for (index, trial) in block.trials().enumerate() {
        let (draws, outcomes, nets, parts, uniforms) = &kept[index];
        assert_eq!(trial.key, index as u64);
        assert_eq!(trial.draws, &draws[..]);
        assert_eq!(trial.outcomes, &outcomes[..]);
        for c in 0..2 {
            assert_eq!(trial.month_end_net(c), &nets[c][..]);
            assert_eq!(trial.upfront_parts(c), &parts[c][..]);
        }
        for (o, u) in uniforms.iter().enumerate() {
            assert_eq!(trial.first_deprecation_uniform(o).to_bits(), u.to_bits());
        }
    }
    block.clear();
    assert!(block.is_empty());
}
