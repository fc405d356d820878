//! Follow-ups on their own, apart from logging: add one, change its words
//! or day, mark it done early, delete it (each with an Undo), and read
//! every open one (Today lists them all). The rules are the core's
//! (`kith_core::commands`); this wires them to storage and notices.

use super::{Error, Kith, Outcome};
use chrono::NaiveDate;
use kith_core::{ContactId, Task};

/// The last day the open-follow-ups index is asked about: every open one
/// is due before it. (Not `NaiveDate::MAX`, whose key starts with "+" and
/// would sort before every real day.)
const FAR_FUTURE: Option<NaiveDate> = NaiveDate::from_ymd_opt(9999, 12, 31);

impl Kith {
    /// A follow-up with `people`, due on `due` (`YYYY-MM-DD`), without
    /// logging anything.
    pub fn add_task(&self, people: &[ContactId], text: &str, due: &str) -> Outcome {
        let batch = self.run(|d, ctx| d.add_task(people, text, due, ctx))?;
        let added = batch
            .tasks
            .first()
            .map(|t| t.text.clone())
            .unwrap_or_default();
        let text = format!("Follow-up added: {added}.");
        self.persist_undoable(batch, text);
        Ok(())
    }

    /// Changes a follow-up's words and day.
    pub fn edit_task(&self, task: &Task, text: &str, due: &str) -> Outcome {
        let batch = self.run(|d, ctx| d.edit_task(task, text, due, ctx))?;
        self.persist_undoable(batch, "Follow-up changed.");
        Ok(())
    }

    /// Deletes a follow-up, with an Undo.
    pub fn delete_task(&self, task: &Task) {
        let batch = self.run(|d, ctx| d.delete_task(task, ctx));
        self.persist_undoable(batch, format!("Deleted the follow-up “{}”.", task.text));
    }

    /// Every open follow-up (`of` is `None`) or one person's, soonest
    /// first.
    pub async fn every_open_task(&self, of: Option<ContactId>) -> Result<Vec<Task>, Error> {
        self.open_tasks(FAR_FUTURE.unwrap_or_default(), of.as_ref())
            .await
    }
}
