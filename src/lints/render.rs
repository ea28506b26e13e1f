//! What the lints read, and the words they share: how a source, a step of a path, a fn or a
//! check is described in a finding.

use crate::finding::{FlowStep, SourceInfo};
use crate::guards::entry::EntryGuards;
use crate::propagate::guard::{CheckWitness, GuardSpace};
use crate::propagate::summary::{SourceInfo as FoundSource, SourceKind};
use crate::propagate::value::{SourceId, Step, StepKind, Steps};
use crate::propagate::Propagation;
use crate::resolve::effects::Effects;
use crate::resolve::{FnId, Symbols};
use crate::source::{Location, SourceFiles, TextSpan};

/// How many sources one finding lists in its path.
const MAX_SOURCES_SHOWN: usize = 3;

/// Everything the analysis lints read.
pub struct LintInput<'a> {
    pub files: &'a SourceFiles,
    pub symbols: &'a Symbols<'a>,
    pub effects: &'a Effects,
    pub propagation: &'a Propagation,
    pub entry: &'a EntryGuards,
    pub space: &'a GuardSpace,
}

impl LintInput<'_> {
    pub fn location(&self, span: TextSpan) -> Location {
        self.files.location(span)
    }

    pub fn source(&self, id: SourceId) -> &FoundSource {
        &self.propagation.outcomes[id.function.0 as usize].sources[id.index as usize]
    }

    /// `Type::method` or `function`.
    pub fn fn_name(&self, id: FnId) -> String {
        self.symbols.fn_display_name(id)
    }

    /// `crate::module::Type::method`: the item a finding sits in (part of its fingerprint).
    pub fn fn_path(&self, id: FnId) -> String {
        let function = self.symbols.function(id);
        let mut parts = vec![self
            .symbols
            .crate_name(self.symbols.fn_crate(id))
            .to_string()];
        parts.extend(
            function
                .module
                .iter()
                .filter(|segment| !crate::facts::is_block_scope(**segment))
                .map(|name| name.to_string()),
        );
        parts.push(self.fn_name(id));
        parts.join("::")
    }

    /// The source text of a span on one line, shortened: how the user wrote something.
    pub fn snippet(&self, span: TextSpan) -> String {
        let text = self.files.get(span.file).text();
        let raw = text
            .get(span.start as usize..span.end as usize)
            .unwrap_or_default();
        let collapsed: String = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if collapsed.chars().count() > 60 {
            let cut: String = collapsed.chars().take(57).collect();
            format!("{cut}...")
        } else {
            collapsed
        }
    }

    pub fn describe_check(&self, witness: &CheckWitness) -> String {
        let kind = match witness.spec.polarity {
            crate::facts::Polarity::Allow => "consent check",
            crate::facts::Polarity::OptOut => "opt-out",
        };
        let purpose = witness
            .spec
            .purpose
            .as_deref()
            .map_or(" for every purpose".to_string(), |purpose| {
                format!(" for `{purpose}`")
            });
        let recipient = witness
            .spec
            .recipient
            .as_deref()
            .map_or(String::new(), |recipient| format!(" with `{recipient}`"));
        let written = self.snippet(witness.span);
        let written = if written.is_empty() {
            witness.written.clone()
        } else {
            written
        };
        format!("the {kind} `{written}`{purpose}{recipient}")
    }

    pub fn describe_source(&self, source: &FoundSource) -> String {
        match &source.kind {
            SourceKind::Call(callee) => format!("call of `{callee}`"),
            SourceKind::Field(field) => format!("read of personal field `{field}`"),
            SourceKind::Construction(type_name) => {
                format!("value of personal type `{type_name}`")
            }
            SourceKind::Declared(name) => format!("`{name}`, declared with a personal type"),
            SourceKind::Configured(path) => format!("call of `{path}` (configured source)"),
            SourceKind::Suspected(name) => format!("`{name}`, named like personal data"),
        }
    }

    pub fn describe_step(&self, step: &Step) -> String {
        match &step.kind {
            StepKind::StoredIn(name) => format!("stored in `{name}`"),
            StepKind::AssignedTo(name) => format!("assigned to `{name}`"),
            StepKind::PutIntoField(name) => format!("put into field `{name}`"),
            StepKind::ReadFromField(name) => format!("read back from field `{name}`"),
            StepKind::StoredInStatic(name) => format!("stored in static `{name}`"),
            StepKind::ReadFromStatic(name) => format!("read back from static `{name}`"),
            StepKind::AddedWith(method) => format!("added with `.{method}()`"),
            StepKind::MovedBy(function) => format!("moved by `{function}`"),
            StepKind::PassedInto {
                callee,
                param,
                by_name,
            } => {
                let callee = self.fn_name(*callee);
                let by_name = by_name_note(*by_name);
                match param {
                    Some(param) => format!("passed to `{callee}` as `{param}`{by_name}"),
                    None => format!("passed to `{callee}`{by_name}"),
                }
            }
            StepKind::ReturnedFrom { callee, by_name } => format!(
                "returned from `{}`{}",
                self.fn_name(*callee),
                by_name_note(*by_name)
            ),
            StepKind::SentOnChannel => "sent on a channel".to_string(),
            StepKind::ReceivedFromChannel => "received from the channel".to_string(),
        }
    }

    /// The sources of some data as a reader should see them, sorted so the output does not
    /// depend on walk order: sources read where the data met the sink (in `near`) first,
    /// sources implied by a type's `#[personal]` fields last, and those dropped whose
    /// categories a source that was really read already names.
    pub fn shown_sources<'d>(
        &self,
        data: &'d [(SourceId, Steps)],
        near: FnId,
    ) -> Vec<&'d (SourceId, Steps)> {
        let mut sorted: Vec<&(SourceId, Steps)> = data.iter().collect();
        sorted.sort_by_key(|(id, _)| {
            let source = self.source(*id);
            (
                id.implied,
                id.function != near,
                self.files.get(source.span.file).display_path.clone(),
                source.span.start,
                source.span.end,
            )
        });
        // Where a source was read, the same data implied by a type adds nothing to show.
        if sorted.iter().any(|(id, _)| !id.implied) {
            let explicit_categories: Vec<&String> = sorted
                .iter()
                .filter(|(id, _)| !id.implied)
                .flat_map(|(id, _)| self.source(*id).categories.iter())
                .collect();
            sorted.retain(|(id, _)| {
                !id.implied
                    || !self
                        .source(*id)
                        .categories
                        .iter()
                        .all(|category| explicit_categories.contains(&category))
            });
        }
        sorted
    }

    /// The first source of some data (for the finding's `source`) and the path of each
    /// source (for its `flow`), in the order of [`LintInput::shown_sources`].
    pub fn data_path(
        &self,
        data: &[(SourceId, Steps)],
        near: FnId,
    ) -> (Option<SourceInfo>, Vec<FlowStep>, Vec<String>) {
        let sorted = self.shown_sources(data, near);
        let mut categories: Vec<String> = Vec::new();
        for (id, _) in &sorted {
            categories.extend(self.source(*id).categories.iter().cloned());
        }
        categories.sort();
        categories.dedup();
        let first = sorted.first().map(|(id, _)| {
            let source = self.source(*id);
            SourceInfo {
                categories: source.categories.clone(),
                description: self.describe_source(source),
                location: self.location(source.span),
            }
        });
        let mut flow: Vec<FlowStep> = Vec::new();
        let mut push = |step: FlowStep| {
            if !flow.contains(&step) {
                flow.push(step);
            }
        };
        for (id, steps) in sorted.iter().take(MAX_SOURCES_SHOWN) {
            let source = self.source(*id);
            let description = match &source.kind {
                SourceKind::Suspected(name) => format!(
                    "`{name}`: its name suggests personal data ({}?)",
                    source.categories.join(", ")
                ),
                _ => format!(
                    "personal data ({}) from {}",
                    source.categories.join(", "),
                    self.describe_source(source)
                ),
            };
            push(FlowStep {
                description,
                location: self.location(source.span),
            });
            for step in steps.to_vec() {
                push(FlowStep {
                    description: self.describe_step(&step),
                    location: self.location(step.span),
                });
            }
        }
        (first, flow, categories)
    }
}

/// What a step or a caller in a chain says when the call it rests on was matched by the
/// method's name alone: the receiver's type was not known, so the call may not be there.
pub fn by_name_note(by_name: bool) -> &'static str {
    if by_name {
        " (a call matched by the method's name alone)"
    } else {
        ""
    }
}
