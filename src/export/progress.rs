//! Progress reports and cancelling, so that the desktop app can show a bar and a Cancel button.
//!
//! An export calls [`ExportControl::step`] after each unit of work; the call reports progress and returns
//! [`ExportError::Cancelled`] once the cancel flag is set, which unwinds the export and removes what it wrote.
//! The PDF engine's layout runs in one piece and cannot be interrupted: the flag is checked before and after it.

use std::sync::atomic::{AtomicBool, Ordering};

use super::ExportError;

/// What an export is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ExportStage {
    /// Reading clippings from the library.
    Reading,
    /// Loading and converting images (units: images).
    Images,
    /// Writing Markdown files.
    Writing,
    /// Laying out the pages of the PDF (one step, not interruptible).
    Layout,
    /// Writing the PDF file.
    Saving,
}

/// One progress report: `done` of `total` units of the stage are finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ExportProgress {
    /// The current stage.
    pub stage: ExportStage,
    /// Units finished (clippings, for reading and writing).
    pub done: usize,
    /// Units in the stage.
    pub total: usize,
}

/// Where progress goes and where a cancel comes from.
#[derive(Clone, Copy)]
pub struct ExportControl<'a> {
    on_progress: &'a (dyn Fn(ExportProgress) + Sync),
    cancel: &'a AtomicBool,
}

/// A cancel flag nobody sets, for exports that cannot be cancelled.
static NEVER_CANCELLED: AtomicBool = AtomicBool::new(false);

/// Ignores a progress report.
fn ignore(_: ExportProgress) {}

impl<'a> ExportControl<'a> {
    /// Reports progress to `on_progress` and stops when `cancel` becomes true.
    pub fn new(on_progress: &'a (dyn Fn(ExportProgress) + Sync), cancel: &'a AtomicBool) -> ExportControl<'a> {
        ExportControl { on_progress, cancel }
    }

    /// Reports nothing and never cancels.
    pub fn silent() -> ExportControl<'static> {
        ExportControl { on_progress: &ignore, cancel: &NEVER_CANCELLED }
    }

    /// Reports `done` of `total` for `stage`; fails with [`ExportError::Cancelled`] if the user has cancelled.
    pub fn step(&self, stage: ExportStage, done: usize, total: usize) -> Result<(), ExportError> {
        self.check()?;
        (self.on_progress)(ExportProgress { stage, done, total });
        Ok(())
    }

    /// Fails with [`ExportError::Cancelled`] if the user has cancelled.
    pub fn check(&self) -> Result<(), ExportError> {
        if self.cancel.load(Ordering::Relaxed) { Err(ExportError::Cancelled) } else { Ok(()) }
    }
}

impl std::fmt::Debug for ExportControl<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExportControl").field("cancelled", &self.cancel.load(Ordering::Relaxed)).finish()
    }
}
