//! What keeps a person's data in this browser, said plainly: the rule that
//! picks the words, kept apart from the browser so it is tested on the host.
//!
//! Three things decide it: whether the browser can be asked to keep the data
//! (`navigator.storage.persist`, missing in WebKitGTK and older Safari),
//! whether Kith runs installed (home screen / standalone window), and whether
//! the engine is Safari's, which deletes everything a site wrote by script
//! once the site has gone 7 days without a visit, unless it is on the home
//! screen (WebKit's tracking prevention, since Safari 13.1).

/// What the page knows about the browser it runs in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Browser<'a> {
    pub user_agent: &'a str,
    /// `navigator.storage.persist` is there to call.
    pub can_ask: bool,
    /// Opened from the home screen or as an installed app.
    pub installed: bool,
}

/// What Settings says about keeping the data, beside "Kept for good." /
/// "Not guaranteed." when the browser can say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Advice {
    /// Safari will clear the data after 7 days without a visit.
    pub seven_days: bool,
    /// The browser cannot be asked; no button to offer.
    pub cannot_ask: bool,
}

impl Advice {
    pub fn of(browser: Browser) -> Self {
        Advice {
            seven_days: !browser.installed && clears_after_seven_days(browser.user_agent),
            cannot_ask: !browser.can_ask,
        }
    }

    /// Whether to tell the user once, unasked: only Safari's 7-day rule is
    /// worth interrupting for; the rest waits in Settings.
    pub fn worth_a_notice(self) -> bool {
        self.seven_days
    }

    /// Settings' words on keeping the data: a bold head and the rest, given
    /// what the browser promised (`persisted`, `None` when it cannot say).
    pub fn words(self, persisted: Option<bool>) -> (&'static str, &'static str) {
        match persisted {
            Some(true) => ("Kept for good.", " This browser has promised not to clear Kith's data to free up space; only you can delete it (by clearing this site's data)."),
            // No navigator.storage (WebKitGTK, older Safari): a button would
            // do nothing, so say what protects the data here instead.
            _ if self.cannot_ask => ("Not guaranteed.", " This browser cannot be asked to keep Kith's data: short of space, it may clear it without asking. What protects it here: add Kith to your home screen and open it from there, and export a backup now and then."),
            _ => ("Not guaranteed.", " If this device runs short of space, the browser may clear Kith's data without asking. Installing Kith, or using it often, makes browsers agree to keep it. Until then, keep a backup."),
        }
    }

    /// Whether Settings offers to ask the browser.
    pub fn can_offer_to_ask(self, persisted: Option<bool>) -> bool {
        !self.cannot_ask && persisted != Some(true)
    }
}

/// Safari's rule in one sentence, and what to do about it; `NOTICE` is the
/// two together (joined at compile time: a `format!` at start-up cost 1 kB
/// of wasm).
macro_rules! seven_days {
    () => {
        "Safari deletes Kith's data after 7 days without a visit."
    };
}
macro_rules! home_screen {
    () => {
        " To keep it, add Kith to your home screen (Share, then Add to Home Screen) and open it from there."
    };
}
pub const SEVEN_DAYS: &str = seven_days!();
pub const HOME_SCREEN: &str = home_screen!();
pub const NOTICE: &str = concat!(seven_days!(), home_screen!());

/// Safari's engine in Safari itself: WebKit's user agent without the marks
/// of the browsers that are WebKit inside (Chrome, Firefox, Edge and the
/// rest on iOS set their own; they do not apply the 7-day rule by default),
/// nor of Chromium, whose user agent also says "AppleWebKit" and "Safari".
pub fn clears_after_seven_days(user_agent: &str) -> bool {
    const OTHERS: [&str; 10] = [
        "Chrome/",
        "Chromium/",
        "CriOS/",
        "FxiOS/",
        "EdgiOS/",
        "EdgA/",
        "OPiOS/",
        "Firefox/",
        "Android",
        "GSA/",
    ];
    let has = |mark: &str| {
        // A plain window scan: `str::contains` brings the two-way searcher
        // into the wasm (about 3 kB brotli) for a string of 150 bytes.
        user_agent
            .as_bytes()
            .windows(mark.len())
            .any(|w| w == mark.as_bytes())
    };
    has("AppleWebKit/") && has("Safari/") && !OTHERS.into_iter().any(has)
}

#[cfg(test)]
mod tests {
    use super::*;

    const IPHONE_SAFARI: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    const MAC_SAFARI: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";
    const WEBKITGTK: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/60.5 Safari/605.1.15";
    const IPHONE_CHROME: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/125.0.6422.80 Mobile/15E148 Safari/604.1";
    const IPHONE_FIREFOX: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/126.0 Mobile/15E148 Safari/605.1.15";
    const CHROMIUM: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";
    const ANDROID_CHROME: &str = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36";
    const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0";

    #[test]
    fn safari_and_its_engine_elsewhere_clear_after_seven_days() {
        for ua in [IPHONE_SAFARI, MAC_SAFARI, WEBKITGTK] {
            assert!(clears_after_seven_days(ua), "{ua}");
        }
        for ua in [
            IPHONE_CHROME,
            IPHONE_FIREFOX,
            CHROMIUM,
            ANDROID_CHROME,
            FIREFOX,
            "",
        ] {
            assert!(!clears_after_seven_days(ua), "{ua}");
        }
    }

    #[test]
    fn installing_lifts_the_seven_day_rule_and_only_it_is_worth_a_notice() {
        let safari = |installed, can_ask| Browser {
            user_agent: IPHONE_SAFARI,
            can_ask,
            installed,
        };
        let advice = Advice::of(safari(false, false));
        assert_eq!(
            advice,
            Advice {
                seven_days: true,
                cannot_ask: true
            }
        );
        assert!(advice.worth_a_notice());
        let installed = Advice::of(safari(true, true));
        assert_eq!(
            installed,
            Advice {
                seven_days: false,
                cannot_ask: false
            }
        );
        assert!(!installed.worth_a_notice());
        let webkitgtk = Advice::of(Browser {
            user_agent: WEBKITGTK,
            can_ask: false,
            installed: false,
        });
        assert!(webkitgtk.cannot_ask && webkitgtk.seven_days);
        let chromium = Advice::of(Browser {
            user_agent: CHROMIUM,
            can_ask: true,
            installed: false,
        });
        assert!(!chromium.worth_a_notice() && !chromium.cannot_ask);
    }

    #[test]
    fn settings_offers_the_button_only_where_asking_can_do_something() {
        let asks = Advice {
            seven_days: false,
            cannot_ask: false,
        };
        let cannot = Advice {
            seven_days: true,
            cannot_ask: true,
        };
        assert!(asks.can_offer_to_ask(None) && asks.can_offer_to_ask(Some(false)));
        assert!(!asks.can_offer_to_ask(Some(true)));
        assert!(!cannot.can_offer_to_ask(None));
        assert!(cannot.words(None).1.contains("cannot be asked"));
        assert!(cannot.words(None).1.contains("home screen"));
        assert_eq!(asks.words(Some(true)).0, "Kept for good.");
        assert!(asks.words(None).1.contains("keep a backup"));
    }
}
