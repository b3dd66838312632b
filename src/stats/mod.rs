//! TEMPORARY STUB (replaced by the stats branch).
#[derive(Debug, Clone, PartialEq)]
pub struct PaybackHistogram {
    h: u32,
    r: u32,
    v: Vec<f64>,
}
impl PaybackHistogram {
    pub fn new(h: u32, r: u32) -> Self {
        Self { h, r, v: vec![] }
    }
    pub fn add(&mut self, t: f64) {
        self.v.push(t)
    }
    pub fn merge(&mut self, o: &Self) {
        self.v.extend(&o.v)
    }
    pub fn p_never(&self) -> f64 {
        self.v.iter().filter(|t| **t > self.h as f64).count() as f64 / self.v.len() as f64
    }
    pub fn quantile(&self, p: f64) -> Option<f64> {
        let mut v = self.v.clone();
        v.sort_by(f64::total_cmp);
        let k = ((p * v.len() as f64).ceil() as usize).max(1) - 1;
        let x = v[k];
        (x <= self.h as f64).then_some(x)
    }
    pub fn cdf_at(&self, m: u32) -> f64 {
        self.v.iter().filter(|t| **t <= m as f64).count() as f64 / self.v.len() as f64
    }
    pub fn cdf_pairs(&self) -> Vec<(f64, f64)> {
        (0..=self.h).map(|m| (m as f64, self.cdf_at(m))).collect()
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct QuantileSketch {
    v: Vec<f64>,
}
impl QuantileSketch {
    pub fn new(_a: f64) -> Self {
        Self { v: vec![] }
    }
    pub fn add(&mut self, t: f64) {
        self.v.push(t)
    }
    pub fn merge(&mut self, o: &Self) {
        self.v.extend(&o.v)
    }
    pub fn count(&self) -> u64 {
        self.v.len() as u64
    }
    pub fn quantile(&self, p: f64) -> Option<f64> {
        let mut v = self.v.clone();
        v.sort_by(f64::total_cmp);
        let k = ((p * v.len() as f64).ceil() as usize).max(1) - 1;
        v.get(k).copied()
    }
}
