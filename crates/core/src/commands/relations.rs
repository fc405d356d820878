//! Links between people, stored on one side and shown from both.

use super::{Ctx, Field, ValidationError};
use crate::directory::Directory;
use crate::ids::ContactId;
use crate::model::{Batch, Relation, RelationKind};

impl Directory {
    /// Links `id` to `other` ("Ana reports to Bo"); shown from both sides.
    pub fn add_relation(
        &self,
        id: &ContactId,
        kind: RelationKind,
        other: &ContactId,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        if id == other {
            return Err(ValidationError::invalid(
                Field::RelationOther,
                "Choose someone other than this person.",
            ));
        }
        self.contact(other).ok_or_else(|| {
            ValidationError::invalid(Field::RelationOther, "Choose a person from the list.")
        })?;
        let exists = |a: &ContactId, b: &ContactId| {
            self.contact(a)
                .is_some_and(|c| c.relations.iter().any(|r| r.kind == kind && &r.other == b))
        };
        if exists(id, other) || exists(other, id) {
            return Err(ValidationError::invalid(
                Field::RelationOther,
                "These two are already linked that way.",
            ));
        }
        self.edit(id, ctx, |c| {
            c.relations.push(Relation {
                kind,
                other: other.clone(),
            });
            Ok(())
        })
    }

    /// Removes a link, whichever side holds it.
    pub fn remove_relation(
        &self,
        holder: &ContactId,
        kind: RelationKind,
        other: &ContactId,
        ctx: &mut Ctx<'_>,
    ) -> Result<Batch, ValidationError> {
        self.edit(holder, ctx, |c| {
            c.relations
                .retain(|r| !(r.kind == kind && &r.other == other));
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{add, input, with_ctx};
    use super::*;

    #[test]
    fn relations_are_linked_once_and_not_to_oneself() {
        let mut dir = Directory::default();
        let ana = add(&mut dir, &input("Ana", ""), 1);
        let bo = add(&mut dir, &input("Bo", ""), 1);
        assert!(with_ctx(2, |ctx| dir.add_relation(
            &ana,
            RelationKind::SpouseOf,
            &ana,
            ctx
        ))
        .is_err());
        let b = with_ctx(2, |ctx| {
            dir.add_relation(&ana, RelationKind::ReportsTo, &bo, ctx)
        })
        .unwrap();
        dir.apply(&b);
        assert!(with_ctx(3, |ctx| dir.add_relation(
            &bo,
            RelationKind::ReportsTo,
            &ana,
            ctx
        ))
        .is_err());
        let from_bo = dir.relations_of(&bo);
        assert_eq!(
            from_bo,
            vec![("Manages", ana.clone(), ana.clone(), RelationKind::ReportsTo)]
        );
        let from_ana = dir.relations_of(&ana);
        assert_eq!(
            from_ana,
            vec![(
                "Reports to",
                bo.clone(),
                ana.clone(),
                RelationKind::ReportsTo
            )]
        );
        dir.apply(
            &with_ctx(4, |ctx| {
                dir.remove_relation(&ana, RelationKind::ReportsTo, &bo, ctx)
            })
            .unwrap(),
        );
        assert!(dir.relations_of(&bo).is_empty());
    }
}
