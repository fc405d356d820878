//! Check-in settings (thresholds, tag default timers): kept in localStorage
//! by `platform`, held here in `Kith::check_in` so every screen that reads
//! them follows a change. A change made in one tab reaches the other open
//! tabs ([`Message::Settings`] carries them).

use super::tabs::Message;
use super::Kith;
use crate::platform;
use kith_core::backup::Settings;
use kith_core::CheckInSettings;
use leptos::prelude::*;

impl Kith {
    /// Changes the check-in settings, keeps them and tells the other tabs.
    pub fn update_check_in(&self, change: impl FnOnce(&mut CheckInSettings)) {
        self.check_in.update(change);
        let settings = self.check_in.get_untracked();
        platform::save_check_in_settings(&settings);
        self.announce(&Message::Settings(settings));
    }

    /// Another tab changed the settings (and stored them): take them on.
    /// Screens follow only when something did change.
    pub(super) fn settings_heard(&self, settings: CheckInSettings) {
        if self.check_in.with_untracked(|now| *now != settings) {
            self.check_in.set(settings);
        }
    }

    /// The preferences a backup carries.
    pub(super) fn backup_settings(&self) -> Settings {
        Settings {
            check_in: self.check_in.get_untracked(),
            backup_reminder_days: Some(platform::backup_reminder_days()),
        }
    }

    /// Takes on the preferences an imported backup brought, here and in
    /// the other tabs.
    pub(super) fn adopt_settings(&self, settings: &Settings) {
        self.update_check_in(|now| *now = settings.check_in.clone());
        if let Some(days) = settings.backup_reminder_days {
            platform::set_backup_reminder_days(days);
        }
    }
}
