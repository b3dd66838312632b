//! The families of distributions: parameters, a prebuilt sampler (rand_distr's, or the Beta
//! family's [`BetaSampler`]) and the exact CDF, quantile, mean and support (statrs, or closed
//! forms). Parameters are checked by the parser before a family is built, so the constructors
//! here cannot fail.

use super::beta_sampler::BetaSampler;
use rand::{Rng, RngExt};
use rand_distr::Distribution;
use statrs::distribution::{self as sd, ContinuousCDF, DiscreteCDF};

/// A distribution family with checked parameters.
#[derive(Debug, Clone, PartialEq)]
pub enum Family {
    /// Always `v`.
    Constant(f64),
    /// Uniform on `[a, b]`.
    Uniform { a: f64, b: f64 },
    /// Triangular on `[min, max]` with its mode.
    Triangular {
        min: f64,
        mode: f64,
        max: f64,
        s: rand_distr::Triangular<f64>,
    },
    /// `min + (max − min) · Beta(α, β)` (PERT, or any scaled Beta).
    ScaledBeta {
        min: f64,
        max: f64,
        alpha: f64,
        beta: f64,
        s: BetaSampler,
    },
    /// Normal.
    Normal {
        mean: f64,
        sd: f64,
        s: rand_distr::Normal<f64>,
    },
    /// `shift + sign · exp(N(mu, sigma))`: a lognormal (shift 0, sign +1), or the mirrored or
    /// shifted one of a three-point fit.
    LogNormal {
        mu: f64,
        sigma: f64,
        shift: f64,
        sign: f64,
        s: rand_distr::LogNormal<f64>,
    },
    /// Gamma with shape and scale.
    Gamma {
        shape: f64,
        scale: f64,
        s: rand_distr::Gamma<f64>,
    },
    /// Exponential with a mean.
    Exponential { mean: f64 },
    /// Poisson counts.
    Poisson {
        lambda: f64,
        s: rand_distr::Poisson<f64>,
    },
    /// Binomial counts.
    Binomial {
        n: u64,
        p: f64,
        s: rand_distr::Binomial,
    },
    /// Whole numbers `a..=b`, equally likely.
    UniformInt { a: i64, b: i64 },
    /// 1 with probability p, else 0.
    Bernoulli { p: f64 },
    /// Given values (sorted ascending) with cumulative probabilities.
    Discrete {
        values: Vec<f64>,
        cumulative: Vec<f64>,
    },
}

impl Family {
    pub fn uniform(a: f64, b: f64) -> Self {
        Family::Uniform { a, b }
    }

    pub fn triangular(min: f64, mode: f64, max: f64) -> Self {
        let s = rand_distr::Triangular::new(min, max, mode).expect("checked by the parser");
        Family::Triangular { min, mode, max, s }
    }

    pub fn scaled_beta(min: f64, max: f64, alpha: f64, beta: f64) -> Self {
        let s = BetaSampler::new(alpha, beta);
        Family::ScaledBeta {
            min,
            max,
            alpha,
            beta,
            s,
        }
    }

    pub fn normal(mean: f64, sd: f64) -> Self {
        let s = rand_distr::Normal::new(mean, sd).expect("checked by the parser");
        Family::Normal { mean, sd, s }
    }

    pub fn lognormal(mu: f64, sigma: f64, shift: f64, sign: f64) -> Self {
        let s = rand_distr::LogNormal::new(mu, sigma).expect("checked by the parser");
        Family::LogNormal {
            mu,
            sigma,
            shift,
            sign,
            s,
        }
    }

    pub fn gamma(shape: f64, scale: f64) -> Self {
        let s = rand_distr::Gamma::new(shape, scale).expect("checked by the parser");
        Family::Gamma { shape, scale, s }
    }

    pub fn poisson(lambda: f64) -> Self {
        let s = rand_distr::Poisson::new(lambda).expect("checked by the parser");
        Family::Poisson { lambda, s }
    }

    pub fn binomial(n: u64, p: f64) -> Self {
        let s = rand_distr::Binomial::new(n, p).expect("checked by the parser");
        Family::Binomial { n, p, s }
    }

    /// Values with non-negative weights (positive total); equal values are merged and values of
    /// weight 0 dropped.
    pub fn discrete(values: &[f64], weights: &[f64]) -> Self {
        let mut pairs: Vec<(f64, f64)> = values
            .iter()
            .copied()
            .zip(weights.iter().copied())
            .filter(|&(_, w)| w > 0.0)
            .collect();
        pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let total: f64 = weights.iter().sum();
        let (mut vals, mut cumulative) = (Vec::new(), Vec::new());
        let mut acc = 0.0;
        for (v, w) in pairs {
            acc += w / total;
            if vals.last() == Some(&v) {
                *cumulative.last_mut().expect("same length") = acc;
            } else {
                vals.push(v);
                cumulative.push(acc);
            }
        }
        *cumulative.last_mut().expect("at least one value") = 1.0;
        Family::Discrete {
            values: vals,
            cumulative,
        }
    }

    /// Whether the quantile is found by a slow numerical search (continuous families only).
    pub fn slow_quantile(&self) -> bool {
        matches!(self, Family::ScaledBeta { .. } | Family::Gamma { .. })
    }

    /// Whether the values are whole numbers on a lattice (CDF steps at integers).
    pub fn integer_steps(&self) -> bool {
        matches!(
            self,
            Family::Poisson { .. }
                | Family::Binomial { .. }
                | Family::UniformInt { .. }
                | Family::Bernoulli { .. }
        )
    }

    #[inline]
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match self {
            Family::Constant(v) => *v,
            Family::Uniform { a, b } => a + (b - a) * rng.random::<f64>(),
            Family::Triangular { s, .. } => s.sample(rng),
            Family::ScaledBeta { min, max, s, .. } => min + (max - min) * s.sample(rng),
            Family::Normal { s, .. } => s.sample(rng),
            Family::LogNormal { shift, sign, s, .. } => shift + sign * s.sample(rng),
            Family::Gamma { s, .. } => s.sample(rng),
            Family::Exponential { mean } => -mean * (1.0 - rng.random::<f64>()).ln(),
            Family::Poisson { s, .. } => s.sample(rng),
            Family::Binomial { s, .. } => s.sample(rng) as f64,
            Family::UniformInt { a, b } => rng.random_range(*a..=*b) as f64,
            Family::Bernoulli { p } => f64::from(u8::from(rng.random::<f64>() < *p)),
            Family::Discrete { values, cumulative } => {
                let u = rng.random::<f64>();
                let i = cumulative.partition_point(|&c| c <= u);
                values[i.min(values.len() - 1)]
            }
        }
    }

    pub fn mean(&self) -> f64 {
        match self {
            Family::Constant(v) => *v,
            Family::Uniform { a, b } => (a + b) / 2.0,
            Family::Triangular { min, mode, max, .. } => (min + mode + max) / 3.0,
            Family::ScaledBeta {
                min,
                max,
                alpha,
                beta,
                ..
            } => min + (max - min) * alpha / (alpha + beta),
            Family::Normal { mean, .. } => *mean,
            Family::LogNormal {
                mu,
                sigma,
                shift,
                sign,
                ..
            } => shift + sign * (mu + sigma * sigma / 2.0).exp(),
            Family::Gamma { shape, scale, .. } => shape * scale,
            Family::Exponential { mean } => *mean,
            Family::Poisson { lambda, .. } => *lambda,
            Family::Binomial { n, p, .. } => *n as f64 * p,
            Family::UniformInt { a, b } => (*a as f64 + *b as f64) / 2.0,
            Family::Bernoulli { p } => *p,
            Family::Discrete { values, cumulative } => {
                let mut prev = 0.0;
                values
                    .iter()
                    .zip(cumulative)
                    .map(|(v, &c)| {
                        let w = c - prev;
                        prev = c;
                        v * w
                    })
                    .sum()
            }
        }
    }

    /// `P(X ≤ x)`.
    pub fn cdf(&self, x: f64) -> f64 {
        if x.is_nan() {
            return f64::NAN;
        }
        let (lo, hi) = self.support();
        if x < lo {
            return 0.0;
        }
        if x >= hi {
            return 1.0;
        }
        match self {
            Family::Constant(_) => unreachable!("x < v or x >= v above"),
            Family::Uniform { a, b } => (x - a) / (b - a),
            Family::Triangular { min, mode, max, .. } => triangular(*min, *mode, *max).cdf(x),
            Family::ScaledBeta {
                min,
                max,
                alpha,
                beta,
                ..
            } => beta_dist(*alpha, *beta).cdf((x - min) / (max - min)),
            Family::Normal { mean, sd, .. } => normal(*mean, *sd).cdf(x),
            Family::LogNormal {
                mu,
                sigma,
                shift,
                sign,
                ..
            } => {
                let inner = sd::LogNormal::new(*mu, *sigma).expect("checked");
                if *sign > 0.0 {
                    inner.cdf(x - shift)
                } else {
                    inner.sf(shift - x)
                }
            }
            Family::Gamma { shape, scale, .. } => {
                sd::Gamma::new(*shape, 1.0 / scale).expect("checked").cdf(x)
            }
            Family::Exponential { mean } => 1.0 - (-x / mean).exp(),
            Family::Poisson { lambda, .. } => sd::Poisson::new(*lambda)
                .expect("checked")
                .cdf(x.floor() as u64),
            Family::Binomial { n, p, .. } => sd::Binomial::new(*p, *n)
                .expect("checked")
                .cdf(x.floor() as u64),
            Family::UniformInt { a, b } => {
                (x.floor() - *a as f64 + 1.0) / (*b as f64 - *a as f64 + 1.0)
            }
            Family::Bernoulli { p } => 1.0 - p,
            Family::Discrete { values, cumulative } => {
                let i = values.partition_point(|&v| v <= x);
                if i == 0 { 0.0 } else { cumulative[i - 1] }
            }
        }
    }

    /// `P(X < x)`.
    pub fn cdf_below(&self, x: f64) -> f64 {
        match self {
            Family::Constant(v) => f64::from(u8::from(*v < x)),
            Family::Discrete { values, cumulative } => {
                let i = values.partition_point(|&v| v < x);
                if i == 0 { 0.0 } else { cumulative[i - 1] }
            }
            _ if self.integer_steps() => {
                let below = x.ceil() - 1.0;
                self.cdf(below)
            }
            _ => self.cdf(x),
        }
    }

    /// The smallest `x` with `P(X ≤ x) ≥ p`.
    pub fn quantile(&self, p: f64) -> f64 {
        let p = p.clamp(0.0, 1.0);
        let (lo, hi) = self.support();
        match self {
            Family::Constant(v) => *v,
            Family::Uniform { a, b } => a + (b - a) * p,
            Family::Triangular { min, mode, max, .. } => {
                triangular(*min, *mode, *max).inverse_cdf(p)
            }
            Family::ScaledBeta {
                min,
                max,
                alpha,
                beta,
                ..
            } => min + (max - min) * beta_dist(*alpha, *beta).inverse_cdf(p),
            Family::Normal { mean, sd, .. } => normal(*mean, *sd).inverse_cdf(p),
            Family::LogNormal {
                mu,
                sigma,
                shift,
                sign,
                ..
            } => {
                let z = normal(0.0, 1.0).inverse_cdf(if *sign > 0.0 { p } else { 1.0 - p });
                shift + sign * (mu + sigma * z).exp()
            }
            Family::Gamma { shape, scale, .. } => sd::Gamma::new(*shape, 1.0 / scale)
                .expect("checked")
                .inverse_cdf(p),
            Family::Exponential { mean } => -mean * (1.0 - p).ln(),
            Family::Discrete { values, cumulative } => {
                let i = cumulative.partition_point(|&c| c < p);
                values[i.min(values.len() - 1)]
            }
            _ => {
                // Integer families: search the smallest k with cdf(k) ≥ p.
                if p <= 0.0 {
                    return lo;
                }
                let (mut low, mut high) = (
                    lo,
                    if hi.is_finite() {
                        hi
                    } else {
                        (lo + 1.0).max(1.0)
                    },
                );
                while self.cdf(high) < p {
                    low = high;
                    high *= 2.0;
                }
                while high - low > 1.0 {
                    let mid = ((low + high) / 2.0).floor();
                    if self.cdf(mid) >= p {
                        high = mid
                    } else {
                        low = mid
                    }
                }
                if self.cdf(low) >= p { low } else { high }
            }
        }
    }

    /// The smallest closed interval holding all the mass.
    pub fn support(&self) -> (f64, f64) {
        let inf = f64::INFINITY;
        match self {
            Family::Constant(v) => (*v, *v),
            Family::Uniform { a, b } => (*a, *b),
            Family::Triangular { min, max, .. } | Family::ScaledBeta { min, max, .. } => {
                (*min, *max)
            }
            Family::Normal { .. } => (-inf, inf),
            Family::LogNormal { shift, sign, .. } => {
                if *sign > 0.0 {
                    (*shift, inf)
                } else {
                    (-inf, *shift)
                }
            }
            Family::Gamma { .. } | Family::Exponential { .. } | Family::Poisson { .. } => {
                (0.0, inf)
            }
            Family::Binomial { n, .. } => (0.0, *n as f64),
            Family::UniformInt { a, b } => (*a as f64, *b as f64),
            Family::Bernoulli { p } => (
                if *p < 1.0 { 0.0 } else { 1.0 },
                if *p > 0.0 { 1.0 } else { 0.0 },
            ),
            Family::Discrete { values, .. } => (values[0], values[values.len() - 1]),
        }
    }
}

fn triangular(min: f64, mode: f64, max: f64) -> sd::Triangular {
    sd::Triangular::new(min, max, mode).expect("checked by the parser")
}

fn beta_dist(alpha: f64, beta: f64) -> sd::Beta {
    sd::Beta::new(alpha, beta).expect("checked by the parser")
}

fn normal(mean: f64, sd: f64) -> sd::Normal {
    sd::Normal::new(mean, sd).expect("checked by the parser")
}
