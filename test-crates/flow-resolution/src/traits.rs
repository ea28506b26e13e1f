//! Trait method calls: through concrete types, trait paths, generics, `impl Trait` and
//! `dyn Trait`. A `shares` on the trait's declaration makes every impl a sink; a `shares` on
//! one impl makes the calls that may reach that impl sinks.

use crate::exporters::{
    ConsoleNotifier, CsvReport, MixpanelExporter, Notifier, PushNotifier, SegmentExporter,
    SessionExporter,
};
use crate::profile::{email_address, phone_number};

// a concrete impl of a trait whose declaration shares
pub fn concrete_impl() {
    SegmentExporter.export(&phone_number()); //~ unguarded_share
}

// another impl inherits the declaration's annotation
pub fn other_concrete_impl(exporter: &MixpanelExporter) {
    exporter.export(&phone_number()); //~ unguarded_share
}

// an inherent method of an unrelated type with the same name is not a sink
pub fn same_name_unrelated_type(report: &CsvReport) {
    report.export(&phone_number());
}

// the trait method by its trait path
pub fn trait_path() {
    SessionExporter::export(&SegmentExporter, &phone_number()); //~ unguarded_share
}

// the trait method by a qualified path
pub fn qualified_path() {
    let exporter = MixpanelExporter;
    <MixpanelExporter as SessionExporter>::export(&exporter, &email_address()); //~ unguarded_share
}

// a generic parameter bounded by the trait
pub fn generic_bound<E: SessionExporter>(exporter: &E) {
    exporter.export(&phone_number()); //~ unguarded_share
}

// a generic parameter bounded in a `where` clause
pub fn where_clause<E>(exporter: E)
where
    E: SessionExporter,
{
    exporter.export(&phone_number()); //~ unguarded_share
}

// an `impl Trait` parameter
pub fn impl_trait(exporter: impl SessionExporter) {
    exporter.export(&email_address()); //~ unguarded_share
}

// a `&dyn Trait`
pub fn dyn_reference(exporter: &dyn SessionExporter) {
    exporter.export(&phone_number()); //~ unguarded_share
}

// a `Box<dyn Trait>` in a collection
pub fn boxed_dyn(exporters: Vec<Box<dyn SessionExporter>>) {
    for exporter in &exporters {
        exporter.export(&phone_number()); //~ unguarded_share
    }
}

// the trait's provided method calls `self.export`: the finding is there
pub fn provided_method() {
    SegmentExporter.export_all(&[phone_number()]);
}

// the one impl annotated with `shares`
pub fn annotated_impl() {
    PushNotifier.notify(&phone_number()); //~ unguarded_share
}

// an impl of the same trait without the annotation
pub fn unannotated_impl(notifier: &ConsoleNotifier) {
    notifier.notify(&phone_number());
}

// a `&dyn Trait` call may reach the annotated impl
pub fn dyn_reaches_annotated_impl(notifier: &dyn Notifier) {
    notifier.notify(&phone_number()); //~ unguarded_share
}

// a generic call may reach the annotated impl
pub fn generic_reaches_annotated_impl<N: Notifier>(notifier: N) {
    notifier.notify(&email_address()); //~ unguarded_share
}
