//! "Reach out today": who is overdue (most overdue first), who is due, and
//! who comes up this week. Each row offers the one action that closes it.

use crate::components::avatar::Avatar;
use crate::components::brief::BriefCard;
use crate::components::follow_ups::{open_tasks, FollowUpList};
use crate::components::log::{recent_history, LogForm};
use crate::components::read_failed::ReadFailed;
use crate::platform;
use crate::state::use_kith;
use kith_core::calendar::Words;
use kith_core::{CheckIn, ContactId};
use leptos::prelude::*;

const WEEK: u64 = 7;
/// Important dates show at most this many days ahead (and within their own
/// lead time).
const DATE_HORIZON: u32 = 14;

#[component]
pub fn HomePage() -> impl IntoView {
    let kith = use_kith();
    let today = platform::today();
    let lists = Memo::new(move |_| {
        let settings = kith.check_in.get();
        kith.directory
            .with(|d| d.reach_out(platform::today(), WEEK, &settings))
    });
    let nobody = move || kith.directory.with(|d| d.live_count() == 0);
    // A gentle reminder when the last backup is older than the chosen age.
    let backup_due = move || {
        kith.revision.track();
        crate::platform::backup_reminder().is_due()
    };
    // Follow-ups and dates are read from storage: loading, read, or failed
    // (never taken for "none").
    let reminders = crate::state::load(move || {
        kith.revision.track();
        async move {
            kith.date_reminders(DATE_HORIZON)
                .await
                .map_err(|e| e.to_string())
        }
    });
    // Every open follow-up, read once: those due by today, and the rest.
    let tasks = open_tasks(None);
    let split = move |due: bool| {
        let mut all = tasks.get().and_then(Result::ok).unwrap_or_default();
        all.retain(|t| (t.due <= today) == due);
        all
    };
    let read_error = move || {
        tasks
            .get()
            .and_then(Result::err)
            .or_else(|| reminders.get().and_then(Result::err))
    };
    let loaded = move || tasks.get().is_some() && reminders.get().is_some();
    let no_dates = move || {
        reminders
            .get()
            .is_none_or(|r| r.as_ref().is_ok_and(|r| r.is_empty()))
    };
    let no_tasks = move || split(true).is_empty();
    let all_clear = move || {
        lists.with(|l| l.overdue.is_empty() && l.due.is_empty() && l.upcoming.is_empty())
            && loaded()
            && read_error().is_none()
            && no_dates()
            && no_tasks()
    };
    view! {
        <section class="home">
            <header class="page-head">
                <div>
                    <h1 class="page-head__title">"Today"</h1>
                    <p class="page-head__sub">{today.words("%A %-d %B").to_string()}</p>
                </div>
                <a class="button button--primary" href=crate::platform::at("/people/new")>
                    <span aria-hidden="true">"+ "</span>"Add person"
                </a>
            </header>
            <Show when=move || !nobody() && backup_due()>
                <div class="prompt" role="note">
                    <p>{move || {
                        kith.revision.track();
                        crate::platform::backup_reminder().words()
                    }}</p>
                    <a class="button button--small" href=crate::platform::at("/settings")>"Back up now"</a>
                </div>
            </Show>
            <Show when=move || !nobody()>
                <div class="person__quick">
                    <LogForm fixed=None others=Signal::stored(Vec::new()) title=String::new()/>
                </div>
            </Show>
            <Show when=move || !nobody() fallback=|| view! {
                <div class="panel empty">
                    <h2>"Welcome to Kith"</h2>
                    <p>"Add the people who matter, give them a check-in timer, and Kith tells you each day whom to reach out to."</p>
                    <a class="button button--primary" href=crate::platform::at("/people/new")>"Add your first person"</a>
                </div>
            }>
                {move || read_error().map(|reason| view! {
                    <ReadFailed what="your follow-ups and dates" reason/>
                })}
                <Show when=move || !all_clear() fallback=|| view! {
                    <div class="panel empty">
                        <h2>"All caught up"</h2>
                        <p>"No one is due for a check-in this week. Give people a check-in timer on their page to be reminded."</p>
                        <a class="button" href=crate::platform::at("/people")>"See everyone"</a>
                    </div>
                }>
                    <Show when=move || !no_tasks()>
                        <section class="card home__section" aria-labelledby="home-tasks">
                            <h2 class="card__title" id="home-tasks">"Follow-ups due"</h2>
                            <FollowUpList tasks=Signal::derive(move || split(true)) label="Follow-ups due" show_people=true/>
                        </section>
                    </Show>
                    <ReachOutSection title="Overdue" id="overdue" today rows=Signal::derive(move || lists.with(|l| l.overdue.clone()))/>
                    <ReachOutSection title="Due now" id="due" today rows=Signal::derive(move || lists.with(|l| l.due.clone()))/>
                    <ReachOutSection title="Coming up this week" id="upcoming" today rows=Signal::derive(move || lists.with(|l| l.upcoming.clone()))/>
                    <Show when=move || !no_dates()>
                        <section class="card home__section" aria-labelledby="home-dates">
                            <h2 class="card__title" id="home-dates">"Dates coming up"</h2>
                            <ul class="members">
                                {move || reminders.get().and_then(Result::ok).unwrap_or_default().into_iter().filter_map(|(date, _, days)| {
                                    let (line, person_id) = kith.directory.with_untracked(|d| {
                                        let c = d.contact(&date.contact_id)?;
                                        Some((date.reminder_line(c, days, today), c.id.clone()))
                                    })?;
                                    Some(view! {
                                        <li class="member">
                                            <div class="member__main"><span class="member__name">{line}</span></div>
                                            <a class="button button--small" href=crate::platform::at(format!("/people/{person_id}"))>"Open"</a>
                                        </li>
                                    })
                                }).collect_view()}
                            </ul>
                        </section>
                    </Show>
                </Show>
                // Together with "Follow-ups due", every open follow-up.
                <Show when=move || !split(false).is_empty()>
                    <details class="card home__section">
                        <summary class="card__title">{move || format!("Later follow-ups ({})", split(false).len())}</summary>
                        <FollowUpList tasks=Signal::derive(move || split(false)) label="Later follow-ups" show_people=true/>
                    </details>
                </Show>
            </Show>
        </section>
    }
}

#[component]
fn ReachOutSection(
    title: &'static str,
    id: &'static str,
    today: chrono::NaiveDate,
    rows: Signal<Vec<(ContactId, CheckIn)>>,
) -> impl IntoView {
    let kith = use_kith();
    let heading = format!("home-{id}");
    view! {
        <Show when=move || !rows.with(Vec::is_empty)>
            <section class="card home__section" aria-labelledby=heading.clone()>
                <h2 class="card__title" id=heading.clone()>{title} " " <span class="count">{move || rows.with(Vec::len)}</span></h2>
                <ul class="members">
                    {move || rows.get().into_iter().filter_map(|(cid, status)| {
                        let (name, initials, photo, org) = kith.directory.with_untracked(|d| {
                            let c = d.contact(&cid)?;
                            Some((c.name.clone(), c.initials(), c.photo, d.organisation_of(c).map(|o| o.name.clone())))
                        })?;
                        let tone = format!("status status--{}", status.kind().key());
                        let for_name = name.clone();
                        let done = cid.clone();
                        let brief_id = cid.clone();
                        let brief_open = RwSignal::new(false);
                        Some(view! {
                            <li class="member">
                                <Avatar id=cid.clone() initials=initials photo=Signal::stored(photo)/>
                                <div class="member__main">
                                    <a class="member__name" href=crate::platform::at(format!("/people/{cid}"))>{name}</a>
                                    <span class="member__role">{org.unwrap_or_default()}</span>
                                </div>
                                <div class="member__meta">
                                    <span class=tone>{status.words(today)}</span>
                                </div>
                                <button class="button button--small button--quiet" aria-expanded=move || brief_open.get().to_string()
                                    aria-label=format!("Brief on {for_name}") on:click=move |_| brief_open.update(|o| *o = !*o)>"Brief"</button>
                                <button class="button button--small" aria-label=format!("Checked in with {for_name}")
                                    on:click=move |_| { let _ = kith.checked_in(&done); }>"Checked in"</button>
                                <Show when=move || brief_open.get()>
                                    <div class="member__quick"><RowBrief id=brief_id.clone()/></div>
                                </Show>
                            </li>
                        })
                    }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}

/// The person's brief, opened from a row.
#[component]
fn RowBrief(id: ContactId) -> impl IntoView {
    let kith = use_kith();
    let person = {
        let id = id.clone();
        Memo::new(move |_| kith.directory.with(|d| d.contact(&id).cloned()))
    };
    let recent = recent_history(kith, id.clone());
    view! { <BriefCard id person recent/> }
}
