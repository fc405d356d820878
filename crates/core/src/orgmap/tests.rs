//! Tests of the organisation map: the tree by "reports to", circles,
//! "works with" arcs, the cap, the words a screen reader hears, and the
//! SVG's escaping.

use super::*;
use chrono::Days;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

fn id(name: &str) -> ContactId {
    let plain: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .take(64)
        .collect();
    ContactId::parse(&plain).unwrap()
}

fn person(name: &str) -> Person {
    Person {
        id: id(name),
        name: name.to_owned(),
        initials: name.chars().take(1).collect(),
        role: String::new(),
        health: None,
        last: None,
        overdue: false,
    }
}

fn people(names: &[&str]) -> Vec<Person> {
    names.iter().map(|n| person(n)).collect()
}

fn reports(a: &str, b: &str) -> (ContactId, RelationKind, ContactId) {
    (id(a), RelationKind::ReportsTo, id(b))
}

fn works(a: &str, b: &str) -> (ContactId, RelationKind, ContactId) {
    (id(a), RelationKind::ColleagueOf, id(b))
}

/// Each row as (name, depth, the name of whom they report to).
fn layout(map: &Map) -> Vec<(&str, usize, Option<&str>)> {
    map.rows
        .iter()
        .map(|r| {
            let above = r
                .manager
                .map(|m| map.people[map.rows[m].person].name.as_str());
            (map.people[r.person].name.as_str(), r.depth, above)
        })
        .collect()
}

#[test]
fn people_sit_under_whom_they_report_to_and_the_rest_on_top() {
    let map = Map::new(
        people(&["Ana", "Bo", "Cy", "Di", "Ed"]),
        &[
            reports("Bo", "Ana"),
            reports("Cy", "Bo"),
            reports("Di", "Ana"),
        ],
    );
    assert_eq!(
        layout(&map),
        [
            ("Ana", 0, None),
            ("Bo", 1, Some("Ana")),
            ("Cy", 2, Some("Bo")),
            ("Di", 1, Some("Ana")),
            ("Ed", 0, None),
        ]
    );
    assert!(map.arcs.is_empty());
    assert_eq!(map.left_out, 0);
}

#[test]
fn a_circle_of_reporting_draws_everyone_once_with_its_first_on_top() {
    let map = Map::new(
        people(&["Ana", "Bo", "Cy"]),
        &[
            reports("Ana", "Bo"),
            reports("Bo", "Ana"),
            reports("Cy", "Ana"),
        ],
    );
    assert_eq!(
        layout(&map),
        [
            ("Ana", 0, None),
            ("Bo", 1, Some("Ana")),
            ("Cy", 1, Some("Ana"))
        ]
    );
}

#[test]
fn the_first_manager_counts_and_links_outside_the_organisation_are_left_out() {
    let map = Map::new(
        people(&["Ana", "Bo", "Cy"]),
        &[
            reports("Cy", "Someone Else"),
            reports("Cy", "Bo"),
            reports("Cy", "Ana"),
            reports("Bo", "Bo"),
            works("Ana", "Someone Else"),
        ],
    );
    assert_eq!(
        layout(&map),
        [("Ana", 0, None), ("Bo", 0, None), ("Cy", 1, Some("Bo"))]
    );
    assert!(map.arcs.is_empty());
}

#[test]
fn works_with_is_one_arc_whichever_side_holds_it() {
    let map = Map::new(
        people(&["Ana", "Bo", "Cy"]),
        &[
            works("Cy", "Ana"),
            works("Ana", "Cy"),
            works("Bo", "Cy"),
            works("Bo", "Bo"),
        ],
    );
    assert_eq!(map.arcs, [(0, 2), (1, 2)]);
    assert!(map.words(2, day()).ends_with("Works with Ana, Bo."));
}

#[test]
fn past_the_most_the_map_says_how_many_are_left_out() {
    let names: Vec<String> = (0..MOST + 5).map(|k| format!("P{k:02}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let last = names.last().unwrap();
    let map = Map::new(people(&refs), &[works("P00", last)]);
    assert_eq!(map.rows.len(), MOST);
    assert_eq!(map.left_out, 5);
    assert!(
        map.arcs.is_empty(),
        "an arc to someone not drawn is not drawn"
    );
    let svg = map.svg("Big", day());
    assert!(svg.contains(r#"aria-label="Big, the first 40 of 45""#));
    assert!(svg.contains(">5 more in the list below</text>"));
}

#[test]
fn a_screen_reader_hears_everything_the_picture_shows() {
    let mut bo = person("Bo Li");
    bo.role = "CTO".into();
    bo.health = Some(Health::Watch);
    bo.last = Some(day() - Days::new(3));
    bo.overdue = true;
    let map = Map::new(
        vec![person("Ana Cruz"), bo, person("Cy")],
        &[reports("Bo Li", "Ana Cruz"), works("Cy", "Bo Li")],
    );
    assert_eq!(
        map.words(1, day()),
        "Bo Li, CTO. Warmth: Worth watching. Last in touch 3 days ago. Check-in overdue. \
         Reports to Ana Cruz. Works with Cy."
    );
    assert_eq!(
        map.words(0, day()),
        "Ana Cruz. Warmth: Not enough to tell yet. No interactions yet."
    );
}

#[test]
fn the_svg_is_a_list_of_people_with_their_text_escaped() {
    let mut eve = person("Eve <script>alert(1)</script> & \"Co\"");
    eve.role = "Head of <b>".into();
    eve.overdue = true;
    eve.health = Some(Health::AtRisk);
    let map = Map::new(vec![person("Ana"), eve], &[]);
    let svg = map.svg("Acme & Sons <Ltd>", day());
    assert!(svg.starts_with("<svg class=\"orgmap\" role=\"list\""));
    assert!(svg.contains("aria-label=\"Acme &amp; Sons &lt;Ltd&gt;\""));
    assert_eq!(svg.matches("role=\"listitem\"").count(), 2);
    assert!(!svg.contains("<script>") && !svg.contains("<b>"));
    assert!(svg.contains("Eve &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;"));
    assert!(svg.contains("orgmap__dot orgmap__dot--risk orgmap__dot--overdue"));
    assert_eq!(svg.matches("<g").count(), svg.matches("</g>").count());
    assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
    assert!(svg.ends_with("</svg>"));
}

#[test]
fn long_names_are_cut_on_the_picture_and_whole_in_the_words() {
    let long = "Maximiliana Alexandra Konstantinopoulou-Vanderbilt";
    let mut rows = people(&["Ana"]);
    rows.push(person(long));
    let map = Map::new(rows, &[reports(long, "Ana")]);
    let svg = map.svg("Acme", day());
    assert!(svg.contains(&format!("aria-label=\"{long}.")));
    let drawn = svg.split("class=\"orgmap__name\"").nth(2).unwrap();
    let text = &drawn[drawn.find('>').unwrap() + 1..drawn.find("</text>").unwrap()];
    assert!(
        text.ends_with('…') && text.chars().count() < long.chars().count(),
        "{text}"
    );
}

#[test]
fn deep_trees_stop_indenting_and_stay_inside_the_drawing() {
    let names: Vec<String> = (0..12).map(|k| format!("L{k}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let chain: Vec<_> = refs.windows(2).map(|w| reports(w[1], w[0])).collect();
    let map = Map::new(people(&refs), &chain);
    assert_eq!(map.rows.last().unwrap().depth, 11);
    let svg = map.svg("Deep", day());
    for x in svg.split("translate(").skip(1) {
        let x: u32 = x[..x.find(' ').unwrap()].parse().unwrap();
        assert!(x + DOT < ARC_LEFT, "a dot at {x} runs into the arcs");
    }
}

#[test]
fn no_one_to_draw_is_no_svg() {
    assert_eq!(Map::new(Vec::new(), &[]).svg("Acme", day()), "");
}

#[test]
fn ten_thousand_people_in_a_chain_and_a_crowd_are_each_placed_once() {
    // Half report in one long chain, half to the top.
    let names: Vec<String> = (0..10_000).map(|k| format!("P{k:05}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut links: Vec<_> = refs[..5_000]
        .windows(2)
        .map(|w| reports(w[1], w[0]))
        .collect();
    links.extend(refs[5_000..].iter().map(|p| reports(p, "P00000")));
    let map = Map::new(people(&refs), &links);
    assert_eq!(map.rows.len(), MOST);
    assert_eq!(map.left_out, 10_000 - MOST);
    assert_eq!(layout(&map)[1], ("P00001", 1, Some("P00000")));
    assert_eq!(
        layout(&map)[MOST - 1],
        (
            names[MOST - 1].as_str(),
            MOST - 1,
            Some(names[MOST - 2].as_str())
        )
    );
}

/// A small deterministic generator, so a failure names its seed.
fn xorshift(seed: u64) -> impl FnMut(usize) -> usize {
    let mut x = seed | 1;
    move |n| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    }
}

#[test]
fn any_web_of_links_draws_each_person_once_under_a_manager_drawn_above() {
    for seed in 1..=300u64 {
        let mut next = xorshift(seed);
        let n = 1 + next(60);
        let names: Vec<String> = (0..n).map(|k| format!("P{k}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let links: Vec<_> = (0..next(2 * n + 1))
            .map(|_| {
                let (a, b) = (refs[next(n)], refs[next(n)]);
                match next(3) {
                    0 => works(a, b),
                    1 => (id(a), RelationKind::FriendOf, id(b)),
                    _ => reports(a, b),
                }
            })
            .collect();
        let map = Map::new(people(&refs), &links);
        assert_eq!(map.rows.len() + map.left_out, n, "seed {seed}");
        let mut seen = vec![false; n];
        for (row, r) in map.rows.iter().enumerate() {
            assert!(
                !std::mem::replace(&mut seen[r.person], true),
                "seed {seed}: drawn twice"
            );
            match r.manager {
                Some(m) => {
                    assert!(m < row, "seed {seed}: a manager below their report");
                    assert_eq!(r.depth, map.rows[m].depth + 1, "seed {seed}");
                    let (me, them) = (&map.people[r.person].id, &map.people[map.rows[m].person].id);
                    assert!(
                        links
                            .iter()
                            .any(|(a, k, b)| a == me && *k == RelationKind::ReportsTo && b == them),
                        "seed {seed}: a line no link asked for"
                    );
                }
                None => assert_eq!(r.depth, 0, "seed {seed}"),
            }
        }
        for &(a, b) in &map.arcs {
            assert!(a < b && b < map.rows.len(), "seed {seed}");
        }
        let svg = map.svg("Web", day());
        assert_eq!(
            svg.matches("role=\"listitem\"").count(),
            map.rows.len(),
            "seed {seed}"
        );
        assert_eq!(
            svg.matches("<g").count(),
            svg.matches("</g>").count(),
            "seed {seed}"
        );
    }
}
