//! TEMPORARY STUB (replaced by the dist branch).
#[derive(Debug, Clone)]
pub struct Dist(f64);
#[derive(Debug)]
pub struct DistError {
    pub message: String,
}
impl Dist {
    pub fn constant(v: f64) -> Dist {
        Dist(v)
    }
    pub fn sample<R: rand::Rng + ?Sized>(&self, _rng: &mut R) -> f64 {
        self.0
    }
    pub fn mean(&self) -> f64 {
        self.0
    }
    pub fn cdf(&self, x: f64) -> f64 {
        if x >= self.0 { 1.0 } else { 0.0 }
    }
    pub fn support(&self) -> (f64, f64) {
        (self.0, self.0)
    }
    pub fn mass_outside(&self, lo: f64, hi: f64) -> f64 {
        if self.0 < lo || self.0 > hi { 1.0 } else { 0.0 }
    }
    pub fn as_constant(&self) -> Option<f64> {
        Some(self.0)
    }
    pub fn describe(&self) -> String {
        format!("{}", self.0)
    }
}
pub fn from_toml(v: &toml::Value) -> Result<Dist, DistError> {
    match v {
        toml::Value::Integer(i) => Ok(Dist(*i as f64)),
        toml::Value::Float(f) => Ok(Dist(*f)),
        _ => Err(DistError {
            message: "stub".into(),
        }),
    }
}
