//! Random streams: each chunk of trials draws from its own generator, seeded from the run's seed
//! and the chunk's index alone, so a chunk's draws do not depend on which thread runs it.

use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;

/// The generator for chunk `chunk` of a run seeded with `seed`: xoshiro256++ (fast, 256 bits
/// of state, stable output across versions of its crate), seeded through SplitMix64 from a mix
/// of the two numbers.
pub fn chunk_rng(seed: u64, chunk: u64) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(splitmix64(splitmix64(seed) ^ chunk))
}

/// One step of SplitMix64 (Steele, Lea and Flood 2014): a bijective 64-bit mixer.
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
    fn streams_differ_by_chunk_and_by_seed_and_repeat() {
        let first = |seed, chunk| chunk_rng(seed, chunk).next_u64();
        assert_eq!(first(42, 0), first(42, 0));
        assert_ne!(first(42, 0), first(42, 1));
        assert_ne!(first(42, 0), first(43, 0));
        assert_ne!(first(0, 1), first(1, 0));
    }
}
