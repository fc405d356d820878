//! Keeping tabs in step (src/state/tabs.rs) in a real browser
//! (wasm-bindgen-test; scripts/test.sh runs it in headless Chromium, headless
//! Firefox ESR and WebKitGTK): the catch-up rule on its own, the text on the
//! channel, and messages crossing a real BroadcastChannel.
//! Each channel test uses its own channel name.

use futures_channel::mpsc;
use futures_util::StreamExt;
use kith::state::tabs::{CatchUp, Channel, Message};
use kith_core::{Cadence, CadenceUnit, CheckInSettings};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn nothing_to_read_until_another_tab_writes() {
    let mut sync = CatchUp::default();
    assert!(sync.begin_read().is_none());
    sync.heard();
    assert!(sync.is_stale());
    let read = sync.begin_read().expect("stale and idle: read");
    assert!(!sync.is_stale(), "a read under way clears the flag");
    assert!(sync.begin_read().is_none(), "one read at a time");
    assert!(sync.finish_read(read));
    assert!(!sync.is_stale());
}

#[wasm_bindgen_test]
fn no_read_while_this_tab_writes() {
    let mut sync = CatchUp::default();
    sync.write_started();
    sync.heard();
    assert_eq!(sync.pending(), 1);
    assert!(sync.begin_read().is_none(), "own write under way: wait");
    assert!(sync.is_stale(), "still to be read");
    sync.write_ended();
    assert_eq!(sync.pending(), 0);
    let read = sync.begin_read().expect("write done: read now");
    assert!(sync.finish_read(read));
}

#[wasm_bindgen_test]
fn a_read_overtaken_by_a_write_is_dropped_and_done_again() {
    let mut sync = CatchUp::default();
    sync.heard();
    let read = sync.begin_read().expect("read");
    // This tab starts and even finishes a write while the read is out.
    sync.write_started();
    sync.write_ended();
    assert!(!sync.finish_read(read), "the read may lack that write");
    assert!(sync.is_stale(), "so it is read again");
    let again = sync.begin_read().expect("read again");
    assert!(sync.finish_read(again));
}

#[wasm_bindgen_test]
fn a_read_that_ends_while_a_write_is_under_way_is_dropped() {
    let mut sync = CatchUp::default();
    sync.heard();
    let read = sync.begin_read().expect("read");
    sync.write_started();
    assert!(!sync.finish_read(read));
    assert!(sync.begin_read().is_none(), "not until the write ends");
    sync.write_ended();
    assert!(sync.begin_read().is_some());
}

#[wasm_bindgen_test]
fn more_write_ends_than_starts_never_underflow() {
    let mut sync = CatchUp::default();
    sync.write_ended();
    assert_eq!(sync.pending(), 0);
}

/// Settings unlike the defaults: a weekly timer for "vip", overdue at 200%.
fn vip_weekly() -> CheckInSettings {
    CheckInSettings {
        overdue_percent: 200,
        tag_cadences: vec![(
            "vip".to_owned(),
            Cadence::Every {
                count: 1,
                unit: CadenceUnit::Weeks,
            },
        )],
        ..CheckInSettings::default()
    }
}

#[wasm_bindgen_test]
fn messages_round_trip_as_text() {
    for message in [
        Message::Changed,
        Message::Settings(vip_weekly()),
        Message::Settings(CheckInSettings::default()),
    ] {
        assert_eq!(Message::decode(Some(&message.encode())), message);
    }
    assert_eq!(Message::Changed.encode(), "changed", "what older tabs post");
}

#[wasm_bindgen_test]
fn text_this_version_cannot_read_means_read_everything_again() {
    for text in [
        None,
        Some("later"),
        Some("settings "),
        Some("settings {oops"),
    ] {
        assert_eq!(Message::decode(text), Message::Changed, "{text:?}");
    }
}

/// Posts `sent` on one channel object and returns what another object of
/// the same name heard.
async fn cross(name: &str, sent: &[Message]) -> Vec<Message> {
    let (tx, mut rx) = mpsc::unbounded();
    let mut hearing = Channel::open(name).expect("BroadcastChannel");
    hearing.listen(move |m| {
        let _ = tx.unbounded_send(m);
    });
    let telling = Channel::open(name).expect("BroadcastChannel");
    for m in sent {
        telling.announce(m);
    }
    let mut heard = Vec::new();
    for _ in sent {
        heard.push(rx.next().await.expect("a message"));
    }
    heard
}

#[wasm_bindgen_test]
async fn a_change_crosses_to_another_channel_of_the_same_name() {
    assert_eq!(
        cross("test-tabs-changed", &[Message::Changed]).await,
        [Message::Changed]
    );
}

#[wasm_bindgen_test]
async fn settings_cross_whole_and_in_order() {
    let sent = [
        Message::Settings(vip_weekly()),
        Message::Changed,
        Message::Settings(CheckInSettings::default()),
    ];
    assert_eq!(cross("test-tabs-settings", &sent).await, sent);
}

#[wasm_bindgen_test]
async fn a_channel_does_not_hear_itself_nor_other_names() {
    let (tx, mut rx) = mpsc::unbounded();
    let mut me = Channel::open("test-tabs-self").expect("BroadcastChannel");
    let tx2 = tx.clone();
    me.listen(move |m| {
        let _ = tx2.unbounded_send(("self", m));
    });
    let mut other = Channel::open("test-tabs-other").expect("BroadcastChannel");
    other.listen(move |m| {
        let _ = tx.unbounded_send(("other name", m));
    });
    me.announce(&Message::Settings(vip_weekly()));
    // A marker through a third object on the self channel: it arrives after
    // anything `me` could have heard of its own post.
    let marker = Channel::open("test-tabs-self").expect("BroadcastChannel");
    marker.announce(&Message::Changed);
    assert_eq!(rx.next().await, Some(("self", Message::Changed)));
}
