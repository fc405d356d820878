//! Keeping open tabs of Kith in step over a `BroadcastChannel` named
//! "kith". A tab that stored something says so ([`Message::Changed`]); one
//! that changed the check-in settings sends them ([`Message::Settings`]):
//! they live in localStorage, but another tab's localStorage may catch up
//! only after the message arrives, so the message carries them.
//! A tab that hears of another's write reads the people again, but only
//! once none of its own writes is under way, and drops a read that one of
//! its own writes overtook (reading storage then could hide an edit that is
//! not stored yet): that rule is [`CatchUp`], plain data tested on its own
//! (tests/tabs.rs), and [`Channel`] is the browser's side.

use super::Kith;
use kith_core::{CheckInSettings, Directory, Store};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The channel every tab of the app listens on (tests use other names).
pub const CHANNEL: &str = "kith";

/// What one tab tells the others.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    /// Something was stored: people, interactions, dates…
    Changed,
    /// The check-in settings are now these.
    Settings(CheckInSettings),
}

/// How a settings message starts on the channel; their JSON follows.
const SETTINGS: &str = "settings ";

impl Message {
    /// The text posted on the channel: "changed" (what every version of
    /// Kith has posted), or "settings " and the settings as JSON.
    pub fn encode(&self) -> String {
        match self {
            Message::Changed => "changed".to_owned(),
            Message::Settings(settings) => {
                format!(
                    "{SETTINGS}{}",
                    serde_json::to_string(settings).unwrap_or_default()
                )
            }
        }
    }

    /// The message a posted text means. Text this version cannot read
    /// (from a newer Kith in another tab) counts as `Changed`: reading
    /// everything again is always safe.
    pub fn decode(text: Option<&str>) -> Message {
        text.and_then(|t| t.strip_prefix(SETTINGS))
            .and_then(|json| serde_json::from_str(json).ok())
            .map_or(Message::Changed, Message::Settings)
    }
}

/// When this tab may read what other tabs stored: the stale flag, this
/// tab's writes under way, and a count of the writes it started.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CatchUp {
    stale: bool,
    pending: usize,
    writes: u64,
}

/// A read of storage begun by [`CatchUp::begin_read`]: how many writes
/// this tab had started when it began.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[must_use = "finish the read to learn whether its result may be shown"]
pub struct Read(u64);

impl CatchUp {
    /// What is stored changed under this tab (another tab wrote, or a write
    /// of this tab was merged with another's): read it again when allowed.
    pub fn heard(&mut self) {
        self.stale = true;
    }

    /// One of this tab's writes begins.
    pub fn write_started(&mut self) {
        self.pending += 1;
        self.writes += 1;
    }

    /// One of this tab's writes ended, stored or not.
    pub fn write_ended(&mut self) {
        self.pending = self.pending.saturating_sub(1);
    }

    /// This tab's writes under way.
    pub fn pending(&self) -> usize {
        self.pending
    }

    /// Whether another tab's change is still to be read.
    pub fn is_stale(&self) -> bool {
        self.stale
    }

    /// Begins a read when there is something to read and none of this
    /// tab's writes is under way; `None`: not now.
    pub fn begin_read(&mut self) -> Option<Read> {
        if !self.stale || self.pending > 0 {
            return None;
        }
        self.stale = false;
        Some(Read(self.writes))
    }

    /// Whether what `read` found may replace what the screen shows. Not
    /// when a write of this tab began meanwhile: the read may lack it, so
    /// the tab stays stale and reads again after that write.
    pub fn finish_read(&mut self, read: Read) -> bool {
        if self.writes != read.0 || self.pending > 0 {
            self.stale = true;
            return false;
        }
        true
    }
}

/// One tab's end of the channel; closed when dropped.
pub struct Channel {
    port: web_sys::BroadcastChannel,
    listener: Option<Closure<dyn FnMut(web_sys::MessageEvent)>>,
}

impl Channel {
    /// Opens the channel `name`; `None` in a browser without
    /// BroadcastChannel (then tabs simply do not hear each other).
    pub fn open(name: &str) -> Option<Channel> {
        let port = web_sys::BroadcastChannel::new(name).ok()?;
        Some(Channel {
            port,
            listener: None,
        })
    }

    /// Tells the other tabs (never this one).
    pub fn announce(&self, message: &Message) {
        let _ = self
            .port
            .post_message(&JsValue::from_str(&message.encode()));
    }

    /// Calls `hear` with each message another tab posts.
    pub fn listen(&mut self, mut hear: impl FnMut(Message) + 'static) {
        let listener = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                hear(Message::decode(event.data().as_string().as_deref()));
            },
        );
        self.port
            .set_onmessage(Some(listener.as_ref().unchecked_ref()));
        self.listener = Some(listener);
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        self.port.set_onmessage(None);
        self.port.close();
    }
}

impl Kith {
    /// Opens this tab's end of the channel and acts on what it hears.
    pub(super) fn join_tabs(&self) {
        let kith = *self;
        let Some(mut channel) = Channel::open(CHANNEL) else {
            return;
        };
        channel.listen(move |message| match message {
            Message::Changed => {
                kith.sync.update_value(CatchUp::heard);
                spawn_local(kith.catch_up());
            }
            Message::Settings(settings) => kith.settings_heard(settings),
        });
        self.tabs.set_value(Some(channel));
    }

    /// Tells the other tabs.
    pub(super) fn announce(&self, message: &Message) {
        self.tabs.with_value(|tabs| {
            if let Some(channel) = tabs {
                channel.announce(message);
            }
        });
    }

    /// Reads what other tabs stored, when [`CatchUp`] allows, and shows it
    /// unless one of this tab's writes overtook the read.
    pub(super) async fn catch_up(self) {
        let Some(store) = self.store() else { return };
        let Some(read) = self.sync.try_update_value(CatchUp::begin_read).flatten() else {
            return;
        };
        let people = store.load_people().await;
        let dates = self.all_dates(&store).await;
        if let (Ok((people, orgs)), Ok(dates)) = (people, dates) {
            let fresh = self
                .sync
                .try_update_value(|s| s.finish_read(read))
                .unwrap_or(false);
            if fresh {
                self.set_directory(Directory::load(people, orgs, dates));
                self.revision.update(|r| *r += 1);
            }
        }
    }
}
