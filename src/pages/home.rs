//! "Reach out today": who is overdue (most overdue first), who is due, and
//! who comes up this week. Each row offers the one action that closes it.

use crate::components::avatar::Avatar;
use crate::components::brief::BriefCard;
use crate::components::follow_ups::{open_tasks, FollowUpList};
use crate::components::log::{recent_history, LogForm};
use crate::components::read_failed::ReadFailed;
use crate::components::show::Show;
use crate::components::window::{refocus, window, Row};
use crate::platform;
use crate::state::use_kith;
use kith_core::calendar::Words;
use kith_core::{format, CheckIn, ContactId, ReachOut};
use leptos::prelude::*;
use std::sync::Arc;

/// Important dates show at most this many days ahead (and within their own
/// lead time).
const DATE_HORIZON: u32 = 14;

#[component]
pub fn HomePage() -> impl IntoView {
    let kith = use_kith();
    let today = platform::today();
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
        kith.reach.with(|r| {
            let l = &r.lists;
            l.replies.is_empty()
                && l.overdue.is_empty()
                && l.due.is_empty()
                && l.upcoming.is_empty()
        }) && loaded()
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
                    // Someone who wrote last gets an answer before anyone gets a check-in.
                    <ReachOutSection title="Waiting for your reply" id="replies" today pick=|l| &l.replies reply=true/>
                    <crate::components::week_plan::WeekPlanCard today/>
                    <ReachOutSection title="Overdue" id="overdue" today pick=|l| &l.overdue/>
                    <ReachOutSection title="Due now" id="due" today pick=|l| &l.due/>
                    <ReachOutSection title="Coming up this week" id="upcoming" today pick=|l| &l.upcoming/>
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
                        <summary class="card__title">{crate::reactive::text(move || format!("Later follow-ups ({})", split(false).len()))}</summary>
                        <FollowUpList tasks=Signal::derive(move || split(false)) label="Later follow-ups" show_people=true/>
                    </details>
                </Show>
            </Show>
        </section>
    }
}

/// One of Today's lists.
type List = Vec<(ContactId, CheckIn)>;

/// Height of one row in CSS pixels, as `.reach-row` in style/person.css
/// (read back from the first row, so a narrow layout may differ).
const ROW_HEIGHT: f64 = 64.0;

/// One of Today's sections, with its count in the heading and only the
/// rows in view in the page (there may be thousands). A row's brief opens
/// beneath the list, so every row keeps one height. In the replies
/// (`reply`), a row says when they reached out and offers "Replied"
/// instead of "Checked in".
#[component]
fn ReachOutSection(
    title: &'static str,
    id: &'static str,
    today: chrono::NaiveDate,
    pick: fn(&ReachOut) -> &List,
    #[prop(optional)] reply: bool,
) -> impl IntoView {
    let kith = use_kith();
    let heading = format!("home-{id}");
    let ids = crate::reactive::memo(move || {
        kith.reach.with(|r| {
            pick(&r.lists)
                .iter()
                .map(|(id, _)| id.clone())
                .collect::<Vec<_>>()
        })
    });
    let count = move || ids.with(Vec::len);
    let brief_for = RwSignal::new(None::<ContactId>);
    let brief_panel = format!("home-{id}-brief");
    let controls = brief_panel.clone();
    let row: Row = Arc::new(move |index, cid| {
        // The state is read by position, reactively: a row whose person
        // moved is drawn again under its new key.
        let status = {
            let cid = cid.clone();
            move || {
                kith.reach.with(|r| {
                    pick(&r.lists)
                        .get(index)
                        .filter(|(id, _)| *id == cid)
                        .map(|(_, s)| *s)
                })
            }
        };
        let Some((name, initials, photo, org, wrote)) = kith.directory.with_untracked(|d| {
            let c = d.contact(&cid)?;
            Some((
                c.name.clone(),
                c.initials(),
                c.photo,
                d.organisation_of(c).map(|o| o.name.clone()),
                c.awaiting_reply,
            ))
        }) else {
            return ().into_any();
        };
        let for_name = name.clone();
        let (done, open, shown) = (cid.clone(), cid.clone(), cid.clone());
        let controls = controls.clone();
        view! {
            <div class="reach-row">
                <Avatar id=cid.clone() initials=initials photo=Signal::stored(photo)/>
                <div class="reach-row__text">
                    <a class="reach-row__name" href=crate::platform::at(format!("/people/{cid}"))>{name}</a>
                    <span class="reach-row__sub">
                        {move || status().map(|s| match wrote.filter(|_| reply) {
                            Some(day) => view! {
                                <span class="status status--reply">{format!("Reached out {}", format::day_ago(day, today))}</span>
                            }.into_any(),
                            None => view! {
                                <span class=format!("status status--{}", s.kind().key())>{s.words(today)}</span>
                            }.into_any(),
                        })}
                        {org.map(|o| view! { <span class="reach-row__org">{o}</span> })}
                    </span>
                </div>
                <button class="button button--small button--quiet"
                    aria-expanded=move || brief_for.with(|b| b.as_ref() == Some(&shown)).to_string()
                    aria-controls=controls
                    aria-label=format!("Brief on {for_name}")
                    on:click=move |_| brief_for.update(|b| {
                        *b = if b.as_ref() == Some(&open) { None } else { Some(open.clone()) };
                    })>"Brief"</button>
                <button class="button button--small reach-row__done"
                    aria-label=if reply { format!("Replied to {for_name}") } else { format!("Checked in with {for_name}") }
                    on:click=move |_| {
                        let done = if reply { kith.replied(&done) } else { kith.checked_in(&done) };
                        if done.is_ok() {
                            refocus(title, index, ".reach-row__done");
                        }
                    }>{if reply { "Replied" } else { "Checked in" }}</button>
            </div>
        }
        .into_any()
    });
    view! {
        <Show when=move || count() != 0>
            <section class="card home__section" aria-labelledby=heading.clone()>
                <h2 class="card__title" id=heading.clone()>{title} <span class="count">" · " {crate::reactive::text(move || format::grouped(count()))}</span></h2>
                {window(ids.into(), title, "reach-scroll", ROW_HEIGHT, false, row.clone())}
                <div id=brief_panel.clone()>
                    {move || brief_for.get().map(|id| view! { <div class="home__brief"><RowBrief id/></div> })}
                </div>
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
        crate::reactive::memo(move || kith.directory.with(|d| d.contact(&id).cloned()))
    };
    let recent = recent_history(kith, id.clone());
    view! { <BriefCard id person recent/> }
}
