//! Names and scopes the checks share: what a condition or effect is called in a
//! problem's path, and which facts a fact or a decision's target can see.

use crate::core::raw::{Condition, Effect, Scope, Target};

pub(super) fn scopes_for_fact(scope: Scope) -> Vec<Scope> {
    match scope {
        Scope::Case => vec![Scope::Case],
        Scope::Check => vec![Scope::Case, Scope::Check],
        Scope::IeContact => vec![Scope::Case, Scope::IeContact],
    }
}

pub(super) fn scopes_for_target(target: Target) -> Vec<Scope> {
    match target {
        Target::Case => vec![Scope::Case],
        Target::Check => vec![Scope::Case, Scope::Check],
        Target::IeContact => vec![Scope::Case, Scope::IeContact],
    }
}

pub(super) fn condition_name(c: &Condition) -> &'static str {
    match c {
        Condition::Always => "Always",
        Condition::Is(..) => "Is",
        Condition::In(..) => "In",
        Condition::Has(..) => "Has",
        Condition::Only(..) => "Only",
        Condition::Answered(..) => "Answered",
        Condition::Mentions(..) => "Mentions",
        Condition::Says(..) => "Says",
        Condition::Words(..) => "Words",
        Condition::All(..) => "All",
        Condition::Any(..) => "Any",
        Condition::Not(..) => "Not",
        Condition::Holds(..) => "Holds",
    }
}

pub(super) fn effect_name(e: &Effect) -> &'static str {
    match e {
        Effect::Permit => "Permit",
        Effect::Incomplete => "Incomplete",
        Effect::Defer => "Defer",
        Effect::NotRecommend => "NotRecommend",
        Effect::Refuse => "Refuse",
        Effect::Require(_) => "Require",
        Effect::Prohibit(_) => "Prohibit",
        Effect::Warn(_) => "Warn",
        Effect::Note => "Note",
    }
}
