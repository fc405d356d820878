// The one module every end-to-end spec imports its helpers from.
//
// `Kith` is a page object: what a person sees and does, found by role and
// accessible name the way a screen reader finds it. Each method waits until
// the app shows the result, so a spec reads as a list of steps and checks.
// The plain data builders (days in the page's clock, files, stored records,
// a second server) live in ./support/ and are re-exported from here. A
// helper that one spec alone needs stays in that spec.
import { readFileSync } from "node:fs";
import { expect } from "@playwright/test";
import { upload } from "./support/files.mjs";
import { DATABASE } from "./support/records.mjs";

export { calendarDay, day, longDay } from "./support/days.mjs";
export { png, sample, upload } from "./support/files.mjs";
export { DATABASE, interactionRecord, organisationRecord, personRecord, putRecords, readRecords } from "./support/records.mjs";
export { root, serve } from "./support/server.mjs";
export { describeBackup, heavyBackup, localToday } from "./support/dataset.mjs";
export { coldLoad, dataFloors, longTasks, memory, print, probes, storeFloors, table, wasmSizes } from "./support/bench.mjs";

export class Kith {
  constructor(page) {
    this.page = page;
  }

  /** Opens Kith at `path` in a new tab of `context` (the same browser, so
   * the same storage) and waits as `open` does; that tab's page object. */
  static async inNewTab(context, path = "/people") {
    const kith = new Kith(await context.newPage());
    await kith.open(path);
    return kith;
  }

  /** Opens `path` and waits until the app has opened its storage. */
  async open(path = "/people") {
    await this.page.goto(path);
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
  }

  /** Waits until every change is written to IndexedDB. */
  async saved() {
    await expect(this.page.locator(".shell")).toHaveAttribute("data-saving", "false");
  }

  async reload() {
    await this.saved();
    await this.page.reload();
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
  }

  /** Deletes everything Kith keeps in this browser, as clearing the site's
   * data would. Open the app again afterwards. */
  async clearData() {
    await this.page.evaluate((name) => new Promise((ok) => {
      const r = indexedDB.deleteDatabase(name);
      r.onsuccess = ok;
      r.onblocked = ok;
    }), DATABASE);
  }

  /** Waits until a service worker is active and controls the page, so the
   * app opens with no network. */
  async offlineReady() {
    await this.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // The first visit is not controlled; a reload is (and is served from the cache).
    await this.page.reload();
    await expect.poll(() => this.page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
  }

  /** Follows `section` ("Today", "People", "Organisations", "Settings") in
   * the main navigation and waits for its heading. */
  async goTo(section) {
    await this.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: section }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: section })).toBeVisible();
  }

  async goToPeople() {
    await this.goTo("People");
  }

  async goToToday() {
    await this.goTo("Today");
  }

  field(label) {
    return this.page.getByLabel(label, { exact: true });
  }

  async fillPerson({ name, organisation, email, phone, notes }) {
    const values = { Name: name, Organisation: organisation, Email: email, Phone: phone, Notes: notes };
    for (const [label, value] of Object.entries(values)) {
      if (value !== undefined) await this.field(label).fill(value);
    }
  }

  /** Adds a person through the form and lands on their page. `role`
   * fills the first role's title. */
  async addPerson(person) {
    await this.page.getByRole("link", { name: "Add person", exact: true }).click();
    await expect(this.page.getByRole("heading", { name: "Add person" })).toBeVisible();
    await this.fillPerson(person);
    if (person.role !== undefined) await this.field("Role").fill(person.role);
    if (person.tags !== undefined) await this.field("Tags").fill(person.tags);
    await this.page.getByRole("button", { name: "Save person" }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: person.name, exact: true })).toBeVisible();
  }

  /** The rows of the people list (links named after each person). */
  rows() {
    return this.page.getByRole("list", { name: "People" }).getByRole("link");
  }

  search() {
    return this.page.getByRole("searchbox", { name: "Search people and notes" });
  }

  async openPerson(name) {
    await this.rows().filter({ hasText: name }).first().click();
    await expect(this.page.getByRole("heading", { level: 1, name, exact: true })).toBeVisible();
  }

  /** Adds a detail in one line on the open person's page. */
  async addDetail(text) {
    const input = this.page.getByRole("textbox", { name: /^New detail about/ });
    await input.fill(text);
    await this.page.getByRole("button", { name: "Add detail" }).click();
    await expect(this.page.getByRole("region", { name: "Details learned" })).toContainText(text);
  }

  /** Adds a family member with a birthday (`month` by name, `day` of the
   * month, no year) on the open person's page. */
  async addFamilyMember({ name, relation, month, day }) {
    await this.page.getByRole("button", { name: "Add family member" }).click();
    await this.field("Their name").fill(name);
    await this.field("Relation").fill(relation);
    await this.page.getByLabel("Birthday month").selectOption(month);
    await this.field("Birthday day").fill(String(day));
    await this.page.getByRole("button", { name: "Save family member" }).click();
  }

  /** Logs an interaction with the open person (or organisation) through the
   * form; every field is optional, `score` is the temperature 1 to 5. */
  async logInteraction({ kind, date, notes, score, words, details, followUp, followUpDue } = {}) {
    const page = this.page;
    await page.getByRole("button", { name: "Log interaction" }).click();
    if (kind) await page.getByLabel("Kind", { exact: true }).selectOption({ label: kind });
    if (date) await page.getByLabel("Date", { exact: true }).fill(date);
    if (notes) await page.getByLabel("Notes", { exact: true }).fill(notes);
    if (score) await page.getByRole("radio", { name: new RegExp(`^${score}`) }).check();
    if (words) await page.getByLabel("In their words").fill(words);
    if (details) await page.getByLabel("Details learned (one per line)").fill(details);
    if (followUp) await page.getByLabel("Follow-up (optional)").fill(followUp);
    if (followUpDue) await page.getByLabel("Follow-up due").fill(followUpDue);
    await page.getByRole("button", { name: "Save interaction" }).click();
    await expect(page.getByRole("button", { name: "Save interaction" })).toBeHidden();
  }

  /** Sets the open person's check-in timer to every `count` `unit`s
   * ("days", "weeks", …); without a unit the form's own stays. */
  async setTimer(count, unit) {
    await this.page.getByRole("button", { name: "Change timer" }).click();
    await this.page.getByLabel("Check in every").fill(String(count));
    if (unit) await this.page.getByLabel("Unit").selectOption(unit);
    await this.page.getByRole("button", { name: "Save timer" }).click();
  }

  /** Marks a check-in done: with `name`, from the Today screen; without,
   * on the open person's page. */
  async checkIn(name) {
    const button = name === undefined
      ? this.page.getByRole("button", { name: "Checked in", exact: true })
      : this.page.getByRole("button", { name: `Checked in with ${name}` });
    await button.click();
  }

  /** The file input that imports contacts (vCard or CSV) on Settings. */
  contactsImport() {
    return this.page.getByLabel("Import contacts from a vCard or CSV file");
  }

  /** The file input that imports a backup on Settings. */
  backupImport() {
    return this.page.getByLabel("Import a backup file");
  }

  /** Opens Settings and picks a contacts file: `name` with `buffer` as its contents. */
  async importContacts(name, buffer) {
    await this.page.goto("/settings");
    await this.contactsImport().setInputFiles(upload(name, buffer));
  }

  /** In the import preview: "Replace everything", then yes when asked;
   * the question it asked (it says, in numbers, what is removed). */
  async replaceEverything() {
    const preview = this.page.getByRole("region", { name: "Import preview" });
    await preview.getByRole("button", { name: "Replace everything" }).click();
    const question = preview.getByRole("alertdialog");
    const words = await question.textContent();
    await question.getByRole("button", { name: "Yes, replace everything" }).click();
    return words;
  }

  /** Opens Settings and picks a backup file: `name` with `buffer` as its
   * contents, or, without `buffer`, the file at path `name` (Playwright
   * passes files over 50 MB only by path). */
  async importBackup(name, buffer) {
    await this.page.goto("/settings");
    await this.backupImport().setInputFiles(buffer === undefined ? name : upload(name, buffer));
  }

  /** Presses `button` on the page as it is and waits for the file it saves:
   * `{ name, path }`, the name offered and where the browser put it. */
  async download(button, { timeout } = {}) {
    const waiting = this.page.waitForEvent("download", timeout === undefined ? {} : { timeout });
    await this.page.getByRole("button", { name: button }).click();
    const file = await waiting;
    return { name: file.suggestedFilename(), path: await file.path() };
  }

  /** Opens Settings and exports with `button`: `{ name, bytes }`. */
  async exportFile(button) {
    await this.page.goto("/settings");
    const { name, path } = await this.download(button);
    return { name, bytes: readFileSync(path) };
  }

  /** Opens Settings and exports a backup (no passphrase); its bytes. */
  async exportBackup() {
    const { name, bytes } = await this.exportFile("Export backup");
    expect(name).toMatch(/^kith-backup-\d{4}-\d{2}-\d{2}\.json$/);
    return bytes;
  }
}
