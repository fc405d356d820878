//! What is learned about a person after the form: details (one line
//! each) and their photo.

use super::{check_len, one_line, Ctx, Field, ValidationError, MAX_LINE};
use crate::directory::Directory;
use crate::ids::{ContactId, DetailId};
use crate::model::{Batch, Contact, Detail, Photo};

impl Directory {
    /// Changes one live person and stamps the change.
    pub(super) fn edit(
        &self,
        id: &ContactId,
        ctx: &Ctx<'_>,
        change: impl FnOnce(&mut Contact) -> Result<(), ValidationError>,
    ) -> Result<Batch, ValidationError> {
        let mut c = self.contact(id).cloned().ok_or(ValidationError::NotFound)?;
        change(&mut c)?;
        c.updated = ctx.now;
        Ok(Batch {
            contacts: vec![c],
            ..Batch::default()
        })
    }

    /// Notes one thing learned about a person today.
    pub fn add_detail(
        &self,
        id: &ContactId,
        text: &str,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let text = one_line(text);
        if text.is_empty() {
            return Err(ValidationError::Empty {
                field: Field::Detail,
            });
        }
        check_len(Field::Detail, "detail", &text, MAX_LINE)?;
        let detail = Detail {
            id: DetailId::from_random((ctx.random)()),
            date: ctx.today,
            text,
            pinned: false,
        };
        self.edit(id, ctx, |c| {
            c.details.push(detail);
            Ok(())
        })
    }

    pub fn pin_detail(
        &self,
        id: &ContactId,
        detail: &DetailId,
        pinned: bool,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        self.edit(id, ctx, |c| {
            let d = c
                .details
                .iter_mut()
                .find(|d| &d.id == detail)
                .ok_or(ValidationError::NotFound)?;
            d.pinned = pinned;
            Ok(())
        })
    }

    pub fn remove_detail(
        &self,
        id: &ContactId,
        detail: &DetailId,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        self.edit(id, ctx, |c| {
            c.details.retain(|d| &d.id != detail);
            Ok(())
        })
    }

    /// Sets a person's photo (already downscaled by the caller).
    pub fn set_photo(
        &self,
        id: &ContactId,
        mime: &str,
        bytes: Vec<u8>,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        const MAX_PHOTO: usize = 512 * 1024;
        if !mime.starts_with("image/") {
            return Err(ValidationError::invalid(
                Field::Photo,
                "That file is not a picture.",
            ));
        }
        if bytes.is_empty() || bytes.len() > MAX_PHOTO {
            return Err(ValidationError::invalid(
                Field::Photo,
                "That picture could not be made small enough to keep.",
            ));
        }
        let now = ctx.now;
        let mut batch = self.edit(id, ctx, |c| {
            c.photo = Some(now);
            Ok(())
        })?;
        batch.photos.push(Photo {
            contact_id: id.clone(),
            mime: mime.to_owned(),
            bytes,
        });
        Ok(batch)
    }

    pub fn remove_photo(
        &self,
        id: &ContactId,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        let mut batch = self.edit(id, ctx, |c| {
            c.photo = None;
            Ok(())
        })?;
        batch.photos_removed.push(id.clone());
        Ok(batch)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{add, input, today, with_ctx};
    use super::*;
    use crate::time::Timestamp;

    #[test]
    fn details_are_added_dated_pinned_and_removed() {
        let mut dir = Directory::default();
        let id = add(&mut dir, &input("Ana", ""), 1);
        assert_eq!(
            with_ctx(2, |ctx| dir.add_detail(&id, "   ", ctx))
                .unwrap_err()
                .field(),
            Some(Field::Detail)
        );
        let b = with_ctx(2, |ctx| {
            dir.add_detail(&id, " Daughter Ava started  university ", ctx)
        })
        .unwrap();
        dir.apply(&b);
        let d = dir.contact(&id).unwrap().details[0].clone();
        assert_eq!(
            (d.text.as_str(), d.date, d.pinned),
            ("Daughter Ava started university", today(), false)
        );
        dir.apply(&with_ctx(3, |ctx| dir.pin_detail(&id, &d.id, true, ctx)).unwrap());
        assert!(dir.contact(&id).unwrap().details[0].pinned);
        dir.apply(&with_ctx(4, |ctx| dir.remove_detail(&id, &d.id, ctx)).unwrap());
        assert!(dir.contact(&id).unwrap().details.is_empty());
    }

    #[test]
    fn photos_are_set_and_removed_with_their_stamp() {
        let mut dir = Directory::default();
        let id = add(&mut dir, &input("Ana", ""), 1);
        assert!(with_ctx(2, |ctx| dir.set_photo(&id, "text/html", vec![1], ctx)).is_err());
        assert!(with_ctx(2, |ctx| dir.set_photo(&id, "image/jpeg", vec![], ctx)).is_err());
        let b = with_ctx(3, |ctx| {
            dir.set_photo(&id, "image/jpeg", vec![1, 2, 3], ctx)
        })
        .unwrap();
        assert_eq!(b.contacts[0].photo, Some(Timestamp(3)));
        assert_eq!(b.photos[0].bytes, [1, 2, 3]);
        dir.apply(&b);
        let b = with_ctx(4, |ctx| dir.remove_photo(&id, ctx)).unwrap();
        assert_eq!(
            (b.contacts[0].photo, b.photos_removed.clone()),
            (None, vec![id.clone()])
        );
    }
}
