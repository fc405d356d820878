//! Follow-ups on their own, apart from logging: add one, change its words
//! or day, delete it. (Marking one done, early or late, is
//! [`Directory::complete_task`]; a series after a project is
//! [`Directory::follow_up_series`].)

use super::{check_len, one_line, parse_day, Ctx, Field, ValidationError, MAX_LINE};
use crate::directory::Directory;
use crate::ids::{ContactId, TaskId};
use crate::model::{Batch, Task};
use chrono::NaiveDate;

impl Directory {
    /// A follow-up with `people` about `text`, due on `due` (`YYYY-MM-DD`).
    pub fn add_task(
        &self,
        people: &[ContactId],
        text: &str,
        due: &str,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        if people.is_empty() || people.iter().any(|p| self.contact(p).is_none()) {
            return Err(ValidationError::NotFound);
        }
        let (text, due) = task_words(text, due)?;
        Ok(Batch {
            tasks: vec![Task {
                id: TaskId::from_random((ctx.random)()),
                contact_ids: people.to_vec(),
                text,
                due,
                done: None,
                created: ctx.now,
                updated: ctx.now,
                deleted: None,
            }],
            ..Batch::default()
        })
    }

    /// Changes what a follow-up says and the day it is due.
    pub fn edit_task(
        &self,
        task: &Task,
        text: &str,
        due: &str,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let (text, due) = task_words(text, due)?;
        let mut task = task.clone();
        if task.text == text && task.due == due {
            return Ok(Batch::default());
        }
        task.text = text;
        task.due = due;
        task.updated = ctx.now;
        Ok(Batch {
            tasks: vec![task],
            ..Batch::default()
        })
    }

    /// Deletes a follow-up (a tombstone, so backups from other devices
    /// learn of it).
    pub fn delete_task(&self, task: &Task, ctx: &mut Ctx<'_>) -> Batch {
        let mut task = task.clone();
        task.deleted = Some(ctx.now);
        task.updated = ctx.now;
        Batch {
            tasks: vec![task],
            ..Batch::default()
        }
    }
}

/// The follow-up form's text and day, checked: both are needed.
fn task_words(text: &str, due: &str) -> Result<(String, NaiveDate), ValidationError> {
    let text = one_line(text);
    if text.is_empty() {
        return Err(ValidationError::Empty {
            field: Field::FollowUpText,
        });
    }
    check_len(Field::FollowUpText, "follow-up", &text, MAX_LINE)?;
    let due = parse_day(Field::FollowUpDue, due)?
        .ok_or_else(|| ValidationError::invalid(Field::FollowUpDue, "Choose the day it is due."))?;
    Ok((text, due))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{add, input, with_ctx};
    use super::*;

    #[test]
    fn a_follow_up_is_added_edited_done_early_and_deleted() {
        let mut dir = Directory::default();
        let ana = add(&mut dir, &input("Ana", ""), 1);
        let b = with_ctx(2, |ctx| {
            dir.add_task(
                std::slice::from_ref(&ana),
                "  Send the   deck ",
                "2026-12-01",
                ctx,
            )
        })
        .unwrap();
        assert!(
            b.contacts.is_empty() && b.interactions.is_empty(),
            "nothing logged"
        );
        let task = b.tasks[0].clone();
        assert_eq!(task.text, "Send the deck");
        assert_eq!(task.due, NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
        assert!(task.is_open());

        let edited = with_ctx(3, |ctx| {
            dir.edit_task(&task, "Send the new deck", "2026-12-03", ctx)
        })
        .unwrap()
        .tasks[0]
            .clone();
        assert_eq!(
            (edited.text.as_str(), edited.due.to_string()),
            ("Send the new deck", "2026-12-03".into())
        );
        assert_eq!(edited.id, task.id);
        assert!(with_ctx(4, |ctx| dir.edit_task(
            &edited,
            "Send the new deck",
            "2026-12-03",
            ctx
        ))
        .unwrap()
        .is_empty());

        // Done before its day.
        let done = with_ctx(5, |ctx| dir.complete_task(&edited, ctx)).tasks[0].clone();
        assert!(!done.is_open() && done.due > crate::commands::testing::today());

        let gone = with_ctx(6, |ctx| dir.delete_task(&edited, ctx)).tasks[0].clone();
        assert!(!gone.is_open() && gone.deleted.is_some());
    }

    #[test]
    fn a_follow_up_needs_words_a_day_and_someone() {
        let mut dir = Directory::default();
        let ana = add(&mut dir, &input("Ana", ""), 1);
        let field = |text: &str, due: &str| {
            with_ctx(2, |ctx| {
                dir.add_task(std::slice::from_ref(&ana), text, due, ctx)
            })
            .unwrap_err()
            .field()
        };
        assert_eq!(field("  ", "2026-12-01"), Some(Field::FollowUpText));
        assert_eq!(field("Call", ""), Some(Field::FollowUpDue));
        assert_eq!(field("Call", "2026-02-30"), Some(Field::FollowUpDue));
        assert_eq!(
            with_ctx(2, |ctx| dir.add_task(&[], "Call", "2026-12-01", ctx)),
            Err(ValidationError::NotFound)
        );
    }
}
