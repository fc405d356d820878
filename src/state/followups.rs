//! Follow-ups on their own, apart from logging: add one, change its words
//! or day, mark it done early, delete it, and read every open one (the
//! Follow-ups screen). The rules are the core's
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
        if let Some(t) = batch.tasks.first() {
            self.say(format!("Follow-up added: {}.", t.text));
        }
        self.persist(batch);
        Ok(())
    }

    /// Changes a follow-up's words and day.
    pub fn edit_task(&self, task: &Task, text: &str, due: &str) -> Outcome {
        self.apply(|d, ctx| d.edit_task(task, text, due, ctx))?;
        self.say("Follow-up changed.");
        Ok(())
    }

    /// Deletes a follow-up.
    // undo: lead wires (persist_undoable once it is on main).
    pub fn delete_task(&self, task: &Task) {
        let batch = self.run(|d, ctx| d.delete_task(task, ctx));
        self.persist(batch);
        self.say(format!("Deleted the follow-up “{}”.", task.text));
    }

    /// Every open follow-up, soonest first.
    pub async fn all_open_tasks(&self) -> Result<Vec<Task>, Error> {
        self.open_tasks(FAR_FUTURE.unwrap_or_default(), None).await
    }
}
