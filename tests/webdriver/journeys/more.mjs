//! Journeys across the edges of the app: vCard import from the shared
//! samples, opening with the static server stopped (the service worker
//! serves the app), two windows kept in step, an organisation's map
//! (SVG drawn from a string) read as a list, notes found by their words and
//! opened where they are in a timeline, the week's plan, and a household
//! whose check-ins count for both.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { click, count, fill, gone, hasText, label, one, q, until } from "../support/find.mjs";
import { root } from "../support/server.mjs";

/** The shared sample files: ../shared/samples beside the repository. */
const samples = join(root, "..", "shared", "samples");
const sample = (path) => readFileSync(join(samples, path));

/** The local day `days` days before today, as YYYY-MM-DD. */
function ago(days) {
  const d = new Date();
  d.setDate(d.getDate() - days);
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export default [
  {
    name: "vCard import from the shared samples",
    async run(t) {
      const kith = await t.browser();
      const { driver } = kith;
      await kith.openEmpty();
      // An iPhone's card: a birthday with no year and a photo (decoded by the engine).
      await kith.importContacts("ios.vcf", sample("vcard/ios-14.3-omit-year-bday.vcf"));
      const preview = q("region", "Contacts import preview");
      await hasText(driver, preview, "1 person — 1 new.");
      await hasText(driver, preview, "1 birthday.");
      await hasText(driver, preview, "1 photo.");
      await click(driver, q("button", "Import 1 person").in(preview));
      await hasText(driver, q("status"), "Imported: 1 new person, 0 people with new details.");
      await kith.goTo("People");
      await kith.openPerson("Dr John Jøhñ Smith Jr");
      await hasText(driver, q("main"), "john4@smith.com");
      await until("the photo to be decoded and shown", () =>
        driver.executeScript(() => {
          const img = document.querySelector(".person__photo img");
          return Boolean(img && img.complete && img.naturalWidth > 0);
        }));

      // A Mac address book: 30 cards in Latin-1.
      await kith.importContacts("mac.vcf", sample("vcard/macos-addressbook-30-cards-latin1.vcf"));
      await hasText(driver, preview, "30 people — 30 new.");
      await click(driver, q("button", "Import 30 people").in(preview));
      await hasText(driver, q("status"), "Imported: 30 new");
      await kith.goTo("People");
      // The list shows only the rows in view; search finds the one wanted.
      await fill(driver, q("searchbox", "Search people and notes"), "Spaßlund");
      await count(driver, kith.rows(), 1);
      await hasText(driver, kith.rows(), "Ingrid Spaßlund");
    },
  },
  {
    name: "offline: the service worker serves the app and its data with the server stopped",
    async run(t) {
      const kith = await t.browser();
      const { driver } = kith;
      await kith.openEmpty();
      const support = await driver.executeScript(() => ({ sw: "serviceWorker" in navigator, secure: window.isSecureContext }));
      if (!support.sw) t.skip(`this engine's build has no service workers ('serviceWorker' in navigator is false; secure context: ${support.secure})`);
      await kith.addPerson({ name: "Olive Offline", email: "olive@example.test" });
      await kith.saved();
      const personUrl = await driver.getCurrentUrl();
      // Wait for the worker to be active; the first visit is not controlled, a reload is.
      await driver.executeAsyncScript((done) => navigator.serviceWorker.ready.then(() => done(true), (e) => done(String(e))));
      await kith.reload();
      await until("a service worker controlling the page", () =>
        driver.executeScript(() => Boolean(navigator.serviceWorker.controller)));

      await t.server.stop();
      await kith.reload();
      await one(driver, q("heading", "Olive Offline", { level: 1 }));
      await kith.open("/people");
      await hasText(driver, kith.rows(), "Olive Offline");
      await driver.get(personUrl);
      await hasText(driver, q("main"), "olive@example.test");
      await kith.goTo("People");
      await kith.addPerson({ name: "Added Offline" });
      await kith.saved();
      await t.server.start();
    },
  },
  {
    name: "two windows: a change in one shows in the other without a reload",
    async run(t) {
      const kith = await t.browser();
      const { driver } = kith;
      await kith.openEmpty();
      const first = await driver.getWindowHandle();
      await driver.switchTo().newWindow("window");
      const second = await driver.getWindowHandle();
      await kith.openEmpty();

      await driver.switchTo().window(first);
      await kith.addPerson({ name: "Win One" });
      await kith.saved();
      await driver.switchTo().window(second);
      await hasText(driver, kith.rows(), "Win One");

      // A detail added in the second window shows on the person's page in the first.
      await kith.openPerson("Win One");
      await driver.switchTo().window(first);
      await one(driver, q("heading", "Win One", { level: 1 }));
      await driver.switchTo().window(second);
      await kith.addDetail("Written in the second window");
      await kith.saved();
      await driver.switchTo().window(first);
      await hasText(driver, q("region", "Details learned"), "Written in the second window");
    },
  },
  {
    name: "who's who: an organisation's map is a list of its people, drawn, and a dot opens one",
    async run(t) {
      const kith = await t.browser();
      const { driver } = kith;
      await kith.openEmpty();
      const person = (id, name, title, relations = []) => ({
        id, name, organisation_id: "acme", emails: [], phones: [], notes: "", created: 1, updated: 1,
        roles: [{ organisation_id: "acme", title, since: null, until: null }], relations,
      });
      const backup = {
        format: "kith-backup", version: 2, app_version: "0.1.0", exported_at: 1,
        organisations: [{ id: "acme", name: "Acme Ltd", notes: "", created: 1, updated: 1 }],
        contacts: [
          person("ana", "Ana Cruz", "Chief executive"),
          person("bo", "Bo Lindqvist", "CFO", [{ kind: "reports_to", other: "ana" }, { kind: "colleague_of", other: "cy" }]),
          person("cy", "Cy <Okafor>", "Head of buying", [{ kind: "reports_to", other: "ana" }]),
        ],
        interactions: [], dates: [], tasks: [],
      };
      await kith.importBackup("acme.json", JSON.stringify(backup));
      await click(driver, q("button", "Merge into what is here").in(q("region", "Import preview")));
      await hasText(driver, q("status"), "Merged the backup.");
      await kith.goto("/organisations/acme");
      const map = q("list", "Map of the people at Acme Ltd");
      await count(driver, q("listitem").in(map), 3);
      await one(driver, q("listitem", "Bo Lindqvist, CFO. Warmth: Not enough to tell yet. No interactions yet. Reports to Ana Cruz. Works with Cy <Okafor>.").in(map));
      // Drawn by the engine: text with a size, the name as text, never markup.
      const drawn = await driver.executeScript(() => Array.from(document.querySelectorAll(".orgmap .orgmap__name"))
        .map((t) => [t.textContent, t.getBBox().width > 0]));
      const names = drawn.map(([n]) => n).join(", ");
      if (names !== "Ana Cruz, Bo Lindqvist, Cy <Okafor>" || !drawn.every(([, sized]) => sized)) {
        throw new Error(`the map drew ${JSON.stringify(drawn)} in ${t.engine}`);
      }
      // (Geckodriver and WebKitWebDriver click no SVG group, so its name.)
      await one(driver, q("listitem", /^Bo Lindqvist/).in(map));
      await driver.findElement({ css: '.orgmap [data-person="bo"] .orgmap__name' }).click();
      await one(driver, q("heading", "Bo Lindqvist", { level: 1 }));
    },
  },
  {
    name: "search everything: a note found by its words in any order, the words marked, the person a click away",
    async run(t) {
      const kith = await t.browser();
      const { driver } = kith;
      await kith.openEmpty();
      await kith.addPerson({ name: "Zoë Adler" });
      await kith.logInteraction({ notes: "Her daughter Lily has a violin exam in the spring. <b>not bold</b>" });
      await kith.goTo("People");
      await fill(driver, q("searchbox", "Search people and notes"), "EXAM lil");
      const found = q("list", "Notes found");
      await count(driver, q("listitem").in(found), 1);
      await hasText(driver, q("listitem").in(found), "Zoë Adler");
      await hasText(driver, q("listitem").in(found), "<b>not bold</b>");
      const marks = await driver.executeScript(() => ({
        marked: Array.from(document.querySelectorAll('[aria-label="Notes found"] mark')).map((m) => m.textContent),
        bold: document.querySelectorAll('[aria-label="Notes found"] b').length,
      }));
      if (marks.marked.join(",") !== "Lily,exam" || marks.bold !== 0) {
        throw new Error(`the hit marked ${JSON.stringify(marks)} in ${t.engine}`);
      }
      await one(driver, q("heading", "Notes and follow-ups · 1"));
      await click(driver, q("link", /Zoë Adler/).in(found));
      await one(driver, q("heading", "Zoë Adler", { level: 1 }));
    },
  },
  {
    name: "the week's plan moves a person to tomorrow; a found note opens where it is in a long timeline",
    async run(t) {
      const kith = await t.browser();
      const { driver } = kith;
      await kith.openEmpty();
      const person = (id, name, last) => ({
        id, name, emails: [], phones: [], notes: "", created: 1, updated: 1,
        cadence: { type: "every", count: 30, unit: "days" }, last_interaction: ago(last),
      });
      // 25 calls with Ana, a week apart: the oldest is on the timeline's
      // second page.
      const calls = Array.from({ length: 25 }, (_, n) => ({
        id: `call-${n}`, contact_ids: ["ana"], kind: "call", date: ago(40 + n * 7), time: null,
        notes: n === 24 ? "She plays the harpsichord on Sundays" : `Weekly call ${n}`,
        temperature: null, created: 1, updated: 1,
      }));
      const backup = {
        format: "kith-backup", version: 4, app_version: "0.1.0", exported_at: 1,
        organisations: [], contacts: [person("ana", "Ana Cruz", 40), person("bo", "Bo Lind", 35)],
        interactions: calls, dates: [], tasks: [],
      };
      await kith.importBackup("plan.json", JSON.stringify(backup));
      await click(driver, q("button", "Merge into what is here").in(q("region", "Import preview")));
      await hasText(driver, q("status"), "Merged the backup.");

      await kith.goto("/");
      await until("the week's plan", async () => {
        const summary = await driver.executeScript(() => document.querySelector("details.plan summary")?.textContent);
        return summary === "This week · 2 today, 2 in all";
      });
      await driver.findElement({ css: "details.plan summary" }).click();
      await count(driver, q("listitem").in(q("list", "Today")), 2);
      // The days are drawn again once she moves, so the select the click
      // was on is gone (the helper that checks the chosen value after would
      // find it stale): choose "Tomorrow" and read the result.
      const day = await one(driver, label("Day for Ana Cruz"));
      await (await day.findElement({ css: 'option[value="1"]' })).click();
      await hasText(driver, q("status"), "Planned Ana Cruz for tomorrow.");
      await hasText(driver, q("listitem").in(q("list", "Tomorrow")), "Ana Cruz");
      await count(driver, q("listitem").in(q("list", "Today")), 1);

      await kith.goTo("People");
      await fill(driver, q("searchbox", "Search people and notes"), "harpsi");
      await click(driver, q("link", /Ana Cruz/).in(q("list", "Notes found")));
      await one(driver, q("heading", "Ana Cruz", { level: 1 }));
      await until("the found call to hold the focus", () => driver.executeScript(() =>
        (document.activeElement?.textContent ?? "").includes("harpsichord")));
    },
  },
  {
    name: "a household: Bo joins Ana's, a check-in with Ana counts for Bo once shared, and Bo's page says so",
    async run(t) {
      const kith = await t.browser();
      const { driver } = kith;
      await kith.openEmpty();
      const person = (id, name) => ({
        id, name, family_name: "Cruz", emails: [], phones: [], notes: "", created: 1, updated: 1,
        cadence: { type: "every", count: 30, unit: "days" }, last_interaction: ago(40),
      });
      const backup = {
        format: "kith-backup", version: 6, app_version: "0.1.0", exported_at: 1,
        organisations: [], contacts: [person("ana", "Ana Cruz"), person("bo", "Bo Cruz")],
        interactions: [], dates: [], tasks: [],
      };
      await kith.importBackup("household.json", JSON.stringify(backup));
      await click(driver, q("button", "Merge into what is here").in(q("region", "Import preview")));
      await hasText(driver, q("status"), "Merged the backup.");

      await kith.goto("/people/ana");
      const household = q("region", "Household");
      await click(driver, q("button", "Add someone who lives with Ana").in(household));
      await fill(driver, label("Who lives with them"), "bo");
      await click(driver, q("button", "Add Bo Cruz").in(household));
      await hasText(driver, q("status"), "Ana Cruz and Bo Cruz now live together.");
      await hasText(driver, household, "Cruz household");
      await click(driver, q("checkbox", "A check-in with one counts for everyone here"));
      await until("the choice to be kept", () => driver.executeScript(() =>
        document.getElementById("household-shared")?.checked === true));

      await kith.goto("/");
      await hasText(driver, q("region", /^Overdue/), "Bo Cruz");
      await click(driver, q("button", "Checked in with Ana Cruz"));
      await gone(driver, q("button", "Checked in with Bo Cruz"));
      await kith.goto("/people/bo");
      await hasText(driver, q("region", "Check-ins"), "counted from the household's check-in with Ana Cruz on");
    },
  },
];
