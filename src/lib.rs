//! `payback`: a Monte Carlo risk simulator for the decision between prompting a vendor's model,
//! fine-tuning one, or training one from scratch.
