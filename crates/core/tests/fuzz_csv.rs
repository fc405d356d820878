//! Property and fuzz tests of the CSV importer with its column map:
//! random bytes, byte and line edits of the real files in tests/samples,
//! and generated tables under generated column maps, read, matched and
//! imported into a store. See fuzz_support/mod.rs for the environment
//! (cases, seed, scale).

mod fuzz_support;

use fuzz_support::backups::{records, text, PLAIN};
use fuzz_support::people::{import, plan, store_of};
use fuzz_support::{config, edits, linear, mutate, noise, regression, samples, File, Whatwg};
use kith_core::import::csv::{self, Column, Field};
use proptest::prelude::*;

const TOKENS: &[&[u8]] = &[
    b",",
    b";",
    b"\t",
    b"\"",
    b"\"\"",
    b"\r\n",
    b"\n",
    b"\r",
    b":::",
    b" ::: ",
    b"a@b.c",
    b"2023-02-29",
    b"29.02.2023",
    b"-2147483648",
    b"E-mail Address",
    b"Phone 1 - Value",
    b"Birthday",
    b"Name",
    b"First Name",
    b"Notes",
    b"Group Membership",
    b"* myContacts",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\0",
    b"\xc3",
    b"     ",
];

/// A column map: any field, sometimes taking its label from another column.
fn columns(count: usize) -> impl Strategy<Value = Vec<Column>> {
    prop::collection::vec(
        (
            prop::sample::select(&Field::ALL[..]),
            text(2),
            prop::option::weighted(0.2, 0..count.max(1) + 1),
        )
            .prop_map(|(field, label, label_from)| Column {
                field,
                label,
                group: String::new(),
                label_from,
            }),
        count,
    )
}

/// A generated table and a column map for it.
fn table() -> impl Strategy<Value = (csv::Table, Vec<Column>)> {
    (1usize..6).prop_flat_map(|width| {
        (
            prop::collection::vec(text(3), width),
            prop::collection::vec(prop::collection::vec(text(4), 0..width + 2), 0..6),
            columns(width),
        )
            .prop_map(|(header, rows, columns)| {
                (
                    csv::Table {
                        header,
                        rows,
                        header_row: 0,
                    },
                    columns,
                )
            })
    })
}

/// A CSV file to try.
fn csv_file() -> impl Strategy<Value = File> {
    prop_oneof![
        1 => noise(b"\",;\t\r\n:@.0123456789abc ", 400),
        4 => (prop::sample::select(samples("csv")), edits(6)).prop_map(|(s, e)| mutate(&s, &e, TOKENS)),
    ]
    .prop_map(File)
}

proptest! {
    #![proptest_config(config("fuzz_csv"))]

    /// No file panics the reader, the guessed column map, the matching or
    /// the import.
    #[test]
    fn no_csv_file_panics(bytes in csv_file(), here in records(PLAIN)) {
        let table = csv::read(&bytes, &Whatwg, "windows-1252");
        let (people, skipped) = csv::people(&table, &csv::guess(&table.header));
        let _ = import(&store_of(&here), people, skipped);
    }

    /// No table under any column map panics; a row left out is named by
    /// its number with a short reason; an import that adds nothing
    /// changes nothing stored.
    #[test]
    fn any_column_map_is_safe((table, columns) in table(), here in records(PLAIN)) {
        let (people, skipped) = csv::people(&table, &columns);
        let last = table.header_row + table.rows.len() + 2;
        for s in &skipped {
            prop_assert!(s.position >= 1 && s.position <= last, "row {} of {last}", s.position);
            prop_assert!(!s.reason.trim().is_empty() && s.reason.chars().count() < 300, "{:?}", s.reason);
        }
        let (plan, before, after) = import(&store_of(&here), people, skipped);
        if plan.new_people() + plan.updated() == 0 {
            prop_assert_eq!(before, after);
        }
    }

    /// Records the reader splits out join back: every field of a table
    /// written with full quoting reads back unchanged.
    #[test]
    fn quoted_fields_read_back(rows in prop::collection::vec(prop::collection::vec(text(4), 1..4), 1..5)) {
        let quote = |f: &String| format!("\"{}\"", f.replace('"', "\"\""));
        let file: String = rows
            .iter()
            .map(|r| r.iter().map(quote).collect::<Vec<_>>().join(",") + "\r\n")
            .collect();
        prop_assert_eq!(csv::records(&file, ','), rows);
    }
}

#[allow(clippy::ptr_arg)] // called with the Vec that `linear` made
fn read_and_plan(bytes: &Vec<u8>) {
    let table = csv::read(bytes, &Whatwg, "windows-1252");
    let (people, skipped) = csv::people(&table, &csv::guess(&table.header));
    plan(people, skipped);
}

#[test]
fn linear_rows_sharing_one_email() {
    linear(
        "CSV rows sharing one email",
        |n| {
            let mut s = String::from("Name,E-mail Address\r\n");
            for i in 0..n {
                s.push_str(&format!("Person {i},desk@example.com\r\n"));
            }
            s.into_bytes()
        },
        read_and_plan,
    );
}

#[test]
fn linear_rows_of_different_people() {
    linear(
        "CSV rows of different people",
        |n| {
            let mut s = String::from("Name,E-mail Address,Mobile Phone\r\n");
            for i in 0..n {
                s.push_str(&format!("Person {i},p{i}@example.com,+49 30 {i:07}\r\n"));
            }
            s.into_bytes()
        },
        read_and_plan,
    );
}

#[test]
fn linear_one_cell_of_many_emails() {
    linear(
        "one CSV cell with many ::: emails",
        |n| {
            let emails: Vec<String> = (0..n).map(|i| format!("p{i}@example.com")).collect();
            format!("Name,E-mail 1 - Value\r\nAna,{}\r\n", emails.join(" ::: ")).into_bytes()
        },
        read_and_plan,
    );
}

#[test]
fn linear_quoted_field_after_spaces() {
    linear(
        "a quoted field after a long run of spaces",
        |n| format!("Name,Notes\r\nAna,{}\"x\"\r\n", " ".repeat(20 * n)).into_bytes(),
        read_and_plan,
    );
}

#[test]
fn linear_many_label_value_pairs() {
    linear(
        "a header with many label/value column pairs",
        |n| {
            let mut header = vec!["Name".to_owned()];
            let mut row = vec!["Ana".to_owned()];
            for i in 0..n / 4 {
                header.push(format!("Phone {i} - Type"));
                header.push(format!("Phone {i} - Value"));
                row.push("Mobile".into());
                row.push(format!("+49 30 {i:07}"));
            }
            format!("{}\r\n{}\r\n", header.join(","), row.join(",")).into_bytes()
        },
        read_and_plan,
    );
}

#[test]
fn a_day_that_does_not_exist_is_refused() {
    let table = csv::read(
        &regression("csv-birthday-feb-29-2023.csv"),
        &Whatwg,
        "windows-1252",
    );
    let (people, _) = csv::people(&table, &csv::guess(&table.header));
    assert!(people[0].dates.is_empty(), "{:?}", people[0].dates);
}
