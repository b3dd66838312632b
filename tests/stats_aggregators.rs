//! The streaming aggregators against exact order statistics of the same data.

use payback::stats::{PaybackHistogram, QuantileSketch, rank};
use proptest::prelude::*;
use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

const PS: [f64; 9] = [0.0, 0.001, 0.01, 0.1, 0.5, 0.9, 0.99, 0.999, 1.0];

/// The ⌈p·n⌉-th smallest value of `sorted` (the contract's percentile).
fn exact(sorted: &[f64], p: f64) -> f64 {
    sorted[rank(p, sorted.len() as u64) as usize - 1]
}

fn sorted(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    v
}

#[test]
fn histogram_quantiles_are_within_one_bin_of_the_order_statistics() {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(1);
    let (h, r) = (36, 1000);
    let values: Vec<f64> = (0..50_000)
        .map(|_| {
            if rng.random::<f64>() < 0.05 {
                f64::INFINITY
            } else {
                rng.random::<f64>() * 36.0
            }
        })
        .collect();
    let mut hist = PaybackHistogram::new(h, r);
    values.iter().for_each(|&v| hist.add(v));
    let sorted = sorted(values);
    for p in PS {
        let x = exact(&sorted, p);
        match hist.quantile(p) {
            None => assert!(x.is_infinite(), "p = {p}: never, but exact {x}"),
            Some(v) => assert!((v - x).abs() <= 1.0 / f64::from(r), "p = {p}: {v} vs {x}"),
        }
    }
}

#[test]
fn histogram_cdf_at_whole_months_is_an_exact_count() {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(2);
    let mut hist = PaybackHistogram::new(24, 1000);
    // Whole months, zeros and values just above whole months test the bin edges.
    let mut values = vec![0.0, 0.0, 5.0, 5.0 + 1e-9, 24.0, f64::INFINITY, 30.0];
    values.extend((0..10_000).map(|_| rng.random::<f64>() * 24.0));
    values.iter().for_each(|&v| hist.add(v));
    let n = values.len() as f64;
    for m in 0..=24u32 {
        let count = values.iter().filter(|&&v| v <= f64::from(m)).count() as f64;
        assert_eq!(hist.cdf_at(m), count / n, "month {m}");
    }
    assert_eq!(hist.never(), 2);
    assert_eq!(hist.cdf_pairs().len(), 25);
}

#[test]
fn histogram_p90_is_never_when_more_than_a_tenth_never_pays_back() {
    let mut hist = PaybackHistogram::new(12, 1000);
    (0..89).for_each(|_| hist.add(3.0));
    (0..11).for_each(|_| hist.add(f64::INFINITY));
    assert_eq!(hist.quantile(0.5), Some(3.0));
    assert_eq!(hist.quantile(0.89), Some(3.0));
    assert_eq!(hist.quantile(0.9), None);
    assert_eq!(hist.p_never(), 0.11);
}

#[test]
fn histogram_of_identical_values_is_exact() {
    let mut hist = PaybackHistogram::new(36, 1000);
    (0..7).for_each(|_| hist.add(40_000.0 / 24_750.0));
    for p in PS {
        assert_eq!(hist.quantile(p), Some(40_000.0 / 24_750.0));
    }
}

#[test]
fn histogram_merge_equals_one_histogram_in_any_order() {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(3);
    let values: Vec<f64> = (0..3000).map(|_| rng.random::<f64>() * 40.0).collect();
    let mut whole = PaybackHistogram::new(36, 100);
    values.iter().for_each(|&v| whole.add(v));
    let mut parts: Vec<PaybackHistogram> = values
        .chunks(1000)
        .map(|c| {
            let mut h = PaybackHistogram::new(36, 100);
            c.iter().for_each(|&v| h.add(v));
            h
        })
        .collect();
    let mut forward = PaybackHistogram::new(36, 100);
    parts.iter().for_each(|p| forward.merge(p));
    parts.reverse();
    let mut backward = PaybackHistogram::new(36, 100);
    parts.iter().for_each(|p| backward.merge(p));
    assert_eq!(forward, whole);
    assert_eq!(backward, whole);
}

fn assert_within_accuracy(values: Vec<f64>, alpha: f64) {
    let mut sketch = QuantileSketch::new(alpha);
    values.iter().for_each(|&v| sketch.add(v));
    let sorted = sorted(values);
    for p in PS {
        let x = exact(&sorted, p);
        let v = sketch.quantile(p).unwrap();
        // 1e-12 absorbs the rounding of ln/powf at bucket edges.
        assert!(
            (v - x).abs() <= alpha * x.abs() * (1.0 + 1e-9) + 1e-12,
            "p = {p}: {v} vs {x}"
        );
    }
}

#[test]
fn sketch_is_within_its_relative_accuracy_on_mixed_signs_and_magnitudes() {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(4);
    let values: Vec<f64> = (0..100_000)
        .map(|_| {
            let magnitude = 10f64.powf(rng.random::<f64>() * 15.0 - 3.0);
            let sign = if rng.random::<f64>() < 0.3 { -1.0 } else { 1.0 };
            if rng.random::<f64>() < 0.01 {
                0.0
            } else {
                sign * magnitude
            }
        })
        .collect();
    assert_within_accuracy(values, 0.001);
}

#[test]
fn sketch_is_within_its_relative_accuracy_on_npv_like_values() {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(5);
    let values: Vec<f64> = (0..100_000)
        .map(|_| 400_000.0 * (rng.random::<f64>() - 0.2))
        .collect();
    assert_within_accuracy(values, 0.001);
}

#[test]
fn sketch_of_a_constant_is_exact() {
    let mut sketch = QuantileSketch::new(0.001);
    (0..5).for_each(|_| sketch.add(-2_952_000.0));
    for p in PS {
        assert_eq!(sketch.quantile(p), Some(-2_952_000.0));
    }
    assert_eq!(QuantileSketch::new(0.001).quantile(0.5), None);
}

#[test]
fn sketch_merge_equals_one_sketch() {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(6);
    let values: Vec<f64> = (0..5000)
        .map(|_| (rng.random::<f64>() - 0.5) * 1e6)
        .collect();
    let mut whole = QuantileSketch::new(0.001);
    values.iter().for_each(|&v| whole.add(v));
    let mut merged = QuantileSketch::new(0.001);
    for chunk in values.chunks(700).rev() {
        let mut part = QuantileSketch::new(0.001);
        chunk.iter().for_each(|&v| part.add(v));
        merged.merge(&part);
    }
    assert_eq!(merged, whole);
    for p in PS {
        assert_eq!(merged.quantile(p), whole.quantile(p));
    }
}

/// The negated percentiles and the mean of the lowest share against
/// the exact values of the sample: each value's representative is within α of it, so the
/// percentile is within α of the exact order statistic of the negated values and the tail
/// mean within α of the mean magnitude of the exact tail.
fn assert_tails_within_accuracy(values: Vec<f64>, alpha: f64) {
    let mut sketch = QuantileSketch::new(alpha);
    values.iter().for_each(|&v| sketch.add(v));
    let negated = sorted(values.iter().map(|v| -v).collect());
    let sorted = sorted(values);
    for p in PS {
        let x = exact(&negated, p);
        let v = sketch.quantile_of_negated(p).unwrap();
        assert!(
            (v - x).abs() <= alpha * x.abs() * (1.0 + 1e-9) + 1e-12,
            "negated p = {p}: {v} vs {x}"
        );
        let k = rank(p, sorted.len() as u64) as usize;
        let tail = &sorted[..k];
        let mean = tail.iter().sum::<f64>() / k as f64;
        let magnitude = tail.iter().map(|v| v.abs()).sum::<f64>() / k as f64;
        let v = sketch.lower_mean(p).unwrap();
        assert!(
            (v - mean).abs() <= alpha * magnitude * (1.0 + 1e-9) + 1e-9,
            "lower mean p = {p}: {v} vs {mean}"
        );
    }
}

#[test]
fn sketch_tails_are_within_its_relative_accuracy() {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
    let values: Vec<f64> = (0..50_000)
        .map(|_| 400_000.0 * (rng.random::<f64>() - 0.2))
        .collect();
    assert_tails_within_accuracy(values, 0.001);
    let mut sketch = QuantileSketch::new(0.001);
    (0..4).for_each(|_| sketch.add(-2_952_000.0));
    assert_eq!(sketch.lower_mean(0.1), Some(-2_952_000.0));
    assert_eq!(sketch.quantile_of_negated(0.9), Some(2_952_000.0));
    assert_eq!(QuantileSketch::new(0.001).lower_mean(0.1), None);
}

proptest! {
    #[test]
    fn sketch_bound_holds_for_any_values(values in prop::collection::vec(-1e12f64..1e12, 1..400)) {
        assert_within_accuracy(values.clone(), 0.01);
        assert_tails_within_accuracy(values, 0.01);
    }

    #[test]
    fn histogram_bound_holds_for_any_values(values in prop::collection::vec(0.0f64..30.0, 1..400)) {
        let mut hist = PaybackHistogram::new(24, 50);
        values.iter().for_each(|&v| hist.add(v));
        let sorted = sorted(values);
        for p in PS {
            let x = exact(&sorted, p);
            match hist.quantile(p) {
                None => prop_assert!(x > 24.0),
                Some(v) => prop_assert!((v - x).abs() <= 1.0 / 50.0 + 1e-12),
            }
        }
    }
}

#[test]
fn histogram_percentile_on_a_point_mass_at_a_whole_month_is_that_month() {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(3);
    let mut hist = PaybackHistogram::new(24, 1000);
    // Values spread below 20, a few just below it in the same bin, and a mass exactly on 20.
    let mut values: Vec<f64> = (0..8_000).map(|_| rng.random::<f64>() * 19.0).collect();
    values.extend([19.9996, 19.9999]);
    values.extend(std::iter::repeat_n(20.0, 2_000));
    values.iter().for_each(|&v| hist.add(v));
    assert_eq!(hist.quantile(0.9), Some(20.0));
    assert_eq!(hist.quantile(1.0), Some(20.0));
    // The rank 8,001 is 19.9996, in the same bin as 20: the bin's midpoint, as before.
    let below = hist.quantile(8_001.0 / 10_002.0).unwrap();
    assert!((below - 19.9996).abs() <= 1e-3, "{below}");
    assert_ne!(below, 20.0);
}

/// A run's outcomes without the monthly band (a sweep's values) keep every other figure of the
/// full aggregate, bit for bit.
#[test]
fn an_aggregate_without_the_band_keeps_everything_else() {
    use payback::collect::RunAggregate;
    use payback::engine::{RunSettings, run_chunk};
    let file = "[scenario]\nname = \"t\"\nhorizon_months = 24\n[workload]\n\
        events_per_month = \"20000 to 80000\"\n[options.a]\nbaseline = true\n\
        cost_per_event = 0.3\n[options.b]\ncost_per_event = \"0.05 to 0.15\"\n\
        [options.b.project]\nbuild_months = \"uniform(1, 3)\"\n\
        items.build = { cost = \"20000 to 40000\" }\n";
    let doc = payback::config::Document::parse(file, std::path::Path::new("t.toml")).unwrap();
    let scenario = doc.base();
    let settings = RunSettings {
        trials: 3000,
        seed: 7,
        threads: 1,
    };
    let full = run_chunk(scenario, settings, 0, RunAggregate::new(scenario));
    let lean = run_chunk(scenario, settings, 0, RunAggregate::without_band(scenario));
    assert_eq!(full.trials, 3000);
    assert_eq!(full.candidates[0].net_by_month.len(), 25);
    assert!(lean.candidates[0].net_by_month.is_empty());
    let mut banded = lean.clone();
    banded.candidates[0].net_by_month = full.candidates[0].net_by_month.clone();
    assert_eq!(banded, full);
}
