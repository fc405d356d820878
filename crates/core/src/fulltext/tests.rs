//! Tests of the note index and snippets: folding, prefixes, words in any
//! order, replacement and deletion, order and limit, and scale.

use super::*;
use crate::ids::ContactId;
use crate::model::InteractionKind;
use crate::time::Timestamp;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(d as u64)
}

fn note(id: &str, d: u32, notes: &str) -> Interaction {
    Interaction {
        id: InteractionId::parse(id).unwrap(),
        contact_ids: vec![ContactId::parse("ana").unwrap()],
        kind: InteractionKind::Call,
        date: day(d),
        time: None,
        notes: notes.into(),
        temperature: None,
        initiator: None,
        created: Timestamp(1),
        updated: Timestamp(1),
        deleted: None,
    }
}

fn task(id: &str, d: u32, text: &str) -> Task {
    Task {
        id: TaskId::parse(id).unwrap(),
        contact_ids: vec![ContactId::parse("ana").unwrap()],
        text: text.into(),
        due: day(d),
        done: None,
        created: Timestamp(1),
        updated: Timestamp(1),
        deleted: None,
    }
}

fn ids(found: &Found) -> Vec<String> {
    found
        .hits
        .iter()
        .map(|h| match &h.source {
            Source::Interaction(id) => id.to_string(),
            Source::Task(id) => format!("task:{id}"),
        })
        .collect()
}

fn index() -> NoteIndex {
    let mut index = NoteIndex::default();
    index.add_interaction(&note("a", 1, "Lily's violin exam is on Friday"));
    index.add_interaction(&note(
        "b",
        5,
        "Talked about the WAREHOUSE move; Zoë joins in March",
    ));
    index.add_interaction(&note(
        "c",
        3,
        "Violet sends regards. Exam results next week",
    ));
    index.add_interaction(&note("empty", 4, ""));
    index.add_task(&task("t", 9, "Send Lily the violin teacher's number"));
    index
}

#[test]
fn words_match_by_prefix_in_any_order_ignoring_case_and_accents() {
    let mut index = index();
    assert_eq!(index.len(), 4, "a note with no words is not indexed");
    assert_eq!(ids(&index.find("viol", 10)), ["task:t", "c", "a"]);
    assert_eq!(ids(&index.find("violin", 10)), ["task:t", "a"]);
    assert_eq!(ids(&index.find("exam lily", 10)), ["a"]);
    assert_eq!(ids(&index.find("LILY EXAM", 10)), ["a"]);
    assert_eq!(ids(&index.find("zoe", 10)), ["b"]);
    assert_eq!(ids(&index.find("ZOË wareh", 10)), ["b"]);
    assert_eq!(ids(&index.find("lily's", 10)), ["task:t", "a"]);
    assert!(
        index.find("olin", 10).hits.is_empty(),
        "inside a word is not a match"
    );
    assert!(index.find("violin march", 10).hits.is_empty());
    assert!(index.find("  —  ", 10).hits.is_empty(), "no words, no hits");
}

#[test]
fn newest_first_with_a_limit_and_the_whole_count() {
    let mut index = index();
    let found = index.find("e", 1);
    assert_eq!(found.total, 2, "two exams");
    assert_eq!(ids(&found), ["c"]);
    assert_eq!(ids(&index.find("e", 5)), ["c", "a"]);
}

#[test]
fn a_write_replaces_and_a_delete_removes() {
    let mut index = index();
    let mut corrected = note("a", 1, "Lily's cello exam is on Friday");
    let batch = Batch {
        interactions: vec![corrected.clone()],
        ..Default::default()
    };
    index.apply(&batch);
    assert_eq!(ids(&index.find("violin", 10)), ["task:t"]);
    assert_eq!(ids(&index.find("cello", 10)), ["a"]);
    assert_eq!(index.len(), 4);
    corrected.deleted = Some(Timestamp(2));
    index.add_interaction(&corrected);
    assert!(index.find("cello", 10).hits.is_empty());
    assert_eq!(index.len(), 3);
    // Put back (undo): found again.
    corrected.deleted = None;
    index.add_interaction(&corrected);
    assert_eq!(ids(&index.find("cello", 10)), ["a"]);
    // Notes emptied: no longer found by its old words.
    index.add_interaction(&note("a", 1, "   "));
    assert!(index.find("cello", 10).hits.is_empty());
    assert_eq!(index.len(), 3);
}

fn pieces(p: &[Piece]) -> String {
    p.iter()
        .map(|p| {
            if p.hit {
                format!("[{}]", p.text)
            } else {
                p.text.clone()
            }
        })
        .collect()
}

#[test]
fn a_snippet_marks_the_matching_words_around_the_first() {
    let text = "Lily's violin exam is on Friday";
    assert_eq!(
        pieces(&snippet(text, "viol EXAM", 80)),
        "Lily's [violin] [exam] is on Friday"
    );
    let long = format!(
        "{} The warehouse\nmove is   late. {}",
        "Opening words. ".repeat(10),
        "Closing words. ".repeat(10)
    );
    let s = pieces(&snippet(&long, "wAre", 40));
    assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
    assert!(s.contains("The [warehouse] move is late."), "{s}");
    assert!(s.chars().count() < 60, "{s}");
    assert_eq!(pieces(&snippet("Zoë joins", "zoe", 80)), "[Zoë] joins");
    // No match in the text (it changed meanwhile): its start, unmarked.
    assert_eq!(pieces(&snippet("Short note", "violin", 80)), "Short note");
}

#[test]
fn a_snippet_as_html_marks_words_and_shows_markup_as_text() {
    let note = r#"<img src=x onerror="alert('hi')"> & <b>Lily</b>'s exam"#;
    let html = html(&snippet(note, "lily", 200));
    assert_eq!(
        html,
        "&lt;img src=x onerror=&quot;alert(&#39;hi&#39;)&quot;&gt; &amp; &lt;b&gt;<mark>Lily</mark>&lt;/b&gt;&#39;s exam"
    );
    // Nothing but the marks is markup.
    let stripped = html.replace("<mark>", "").replace("</mark>", "");
    assert!(!stripped.contains('<') && !stripped.contains('>') && !stripped.contains('"'));
}

#[test]
fn a_hundred_thousand_notes_are_indexed_and_searched_quickly() {
    // Words drawn from 20,000, the common ones far more often, as in notes.
    let vocab: Vec<String> = (0..20_000u32)
        .map(|i| {
            let syl = [
                "ka", "lo", "mi", "ne", "ra", "so", "ti", "vu", "be", "do", "fa", "gi",
            ];
            let (mut w, mut k) = (String::new(), i + 1);
            while k > 0 {
                w.push_str(syl[(k % 12) as usize]);
                k /= 12;
            }
            w
        })
        .collect();
    let mut seed = 7u64;
    let mut word = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let r = (seed >> 33) as f64 / (1u64 << 31) as f64;
        &vocab[(r * r * r * vocab.len() as f64) as usize]
    };
    let started = std::time::Instant::now();
    let mut index = NoteIndex::default();
    for n in 0..100_000u32 {
        let text: Vec<&str> = (0..15).map(|_| word().as_str()).collect();
        index.add_interaction(&note(&format!("i{n}"), n % 3000, &text.join(" ")));
    }
    let built = started.elapsed();
    let started = std::time::Instant::now();
    let short = index.find("k", 50);
    let two = index.find("kalo mi", 50);
    let searched = started.elapsed();
    println!("100,000 notes: built in {built:?}; two searches in {searched:?}");
    assert_eq!(index.len(), 100_000);
    assert_eq!(short.hits.len(), 50);
    assert!(short.total > two.total && two.total > 0);
    assert!(short.hits.windows(2).all(|w| w[0].date >= w[1].date));
}
