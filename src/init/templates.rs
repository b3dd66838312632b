//! The example scenarios of `configs/`, built into the binary, so that `payback init
//! --template NAME` can start a user from one of them on any machine.

/// Every example scenario: its name (the file stem in `configs/`) and its text.
pub const TEMPLATES: [(&str, &str); 10] = [
    (
        "api-to-self-hosted-lora",
        include_str!("../../configs/api-to-self-hosted-lora.toml"),
    ),
    (
        "email-triage",
        include_str!("../../configs/email-triage.toml"),
    ),
    (
        "fine-tune-vs-scratch",
        include_str!("../../configs/fine-tune-vs-scratch.toml"),
    ),
    (
        "managed-fine-tune",
        include_str!("../../configs/managed-fine-tune.toml"),
    ),
    (
        "support-bot-in-tokens",
        include_str!("../../configs/support-bot-in-tokens.toml"),
    ),
    (
        "worked-1-email-triage",
        include_str!("../../configs/worked-1-email-triage.toml"),
    ),
    (
        "worked-2-business-case",
        include_str!("../../configs/worked-2-business-case.toml"),
    ),
    (
        "worked-3-api-replacement",
        include_str!("../../configs/worked-3-api-replacement.toml"),
    ),
    (
        "worked-4a-cheaper-calls",
        include_str!("../../configs/worked-4a-cheaper-calls.toml"),
    ),
    (
        "worked-4b-low-volume",
        include_str!("../../configs/worked-4b-low-volume.toml"),
    ),
];

/// The text of the example scenario `name`.
pub fn template(name: &str) -> Option<&'static str> {
    TEMPLATES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

/// The names of the example scenarios.
pub fn names() -> Vec<&'static str> {
    TEMPLATES.iter().map(|(n, _)| *n).collect()
}
