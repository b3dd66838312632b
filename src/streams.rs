//! Common random numbers: every trial has a key derived from the run's seed and the trial's
//! index alone, and every random quantity in a trial (each input, each project's success, each
//! option's deprecation times) draws from its own stream, keyed by the trial and by the
//! quantity's dotted path. So a trial's draws depend neither on the thread that runs it nor on
//! the other inputs: a stress case that changes one input, adds one or removes one leaves every
//! other draw of every trial as it was, and a difference between two cases is the change, not
//! noise.

use rand::SeedableRng;
use rand_xoshiro::SplitMix64;

/// A random stream of one quantity in one trial.
pub type Stream = SplitMix64;

/// The key of trial `index` of a run seeded with `seed`.
#[inline]
pub fn trial_key(seed: u64, index: u64) -> u64 {
    splitmix64(splitmix64(seed) ^ splitmix64(index ^ 0x5851_F42D_4C95_7F2D))
}

/// The key of a quantity named by its dotted path: FNV-1a of the path, mixed.
pub fn path_key(path: &str) -> u64 {
    let hash = path.bytes().fold(0xCBF2_9CE4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3)
    });
    splitmix64(hash)
}

/// The stream of the quantity keyed `key` in the trial keyed `trial`: SplitMix64 (Steele, Lea
/// and Flood 2014), which needs no warm-up, so a stream costs nothing to start.
#[inline]
pub fn stream(trial: u64, key: u64) -> Stream {
    Stream::seed_from_u64(splitmix64(trial ^ key))
}

/// One step of SplitMix64: a bijective 64-bit mixer.
#[inline]
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::Rng;

    #[test]
    fn streams_differ_by_trial_by_seed_and_by_path_and_repeat() {
        let first = |seed, index, path| stream(trial_key(seed, index), path_key(path)).next_u64();
        assert_eq!(first(42, 0, "a.b"), first(42, 0, "a.b"));
        assert_ne!(first(42, 0, "a.b"), first(42, 1, "a.b"));
        assert_ne!(first(42, 0, "a.b"), first(43, 0, "a.b"));
        assert_ne!(first(42, 0, "a.b"), first(42, 0, "a.c"));
        assert_ne!(first(0, 1, "a"), first(1, 0, "a"));
    }
}
