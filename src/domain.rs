//! Product rules that need no browser: what removing a factor would do to someone's
//! ability to sign in, and how removed factors stay hidden while ZITADEL's lists lag.

mod hidden;
mod policy_risk;
mod risk;
mod time;

pub use hidden::{factor_key, listed, FactorKey, HiddenFactors};
pub use policy_risk::{assess_policy_removal, PolicyConsequence, PolicyFactor};
pub use risk::{
    assess, Audience, Consequence, Kept, LoginDifference, LoginUi, PathOutcome, Risk, RiskInput,
    Severity, SignInPath, Unknown,
};
pub use time::rfc3339_to_millis;
