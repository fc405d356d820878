//! The page object of the WebDriver suite: what a person sees and does in
//! Kith, in any engine. Mirrors tests/e2e/kith.mjs (the Playwright one, the
//! source of truth for the app's words); each method waits until the app
//! shows the result.

import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { all, click, fill, hasText, label, one, q, select, setValue, until } from "./find.mjs";

/** Keys as WebDriver spells them. */
export const KEY = { ESCAPE: "\uE00C", ENTER: "\uE007" };

let folder = null;
/** This run's folder for files to pick, removed when the process exits. */
function scratch() {
  if (!folder) {
    folder = mkdtempSync(join(tmpdir(), "kith-webdriver-"));
    process.once("exit", () => rmSync(folder, { recursive: true, force: true }));
  }
  return folder;
}

export class Kith {
  /** `driver` in a window showing (or about to show) the app served at `origin`. */
  constructor(driver, origin) {
    this.driver = driver;
    this.origin = origin;
  }

  /** Opens `path` and waits until the app has opened its storage. */
  async open(path = "/people") {
    await this.driver.get(this.origin + path);
    await one(this.driver, q("heading", undefined, { level: 1 }));
  }

  /** Opens the people list of a profile that must be empty (the welcome
   * shows): every journey starts so, which also checks that each engine's
   * new session really is a new profile. */
  async openEmpty() {
    await this.open("/people");
    await one(this.driver, q("heading", "Who matters to you?"));
  }

  /** Waits until every change is written to IndexedDB. */
  async saved() {
    await until("the app to finish saving (.shell[data-saving=false])", () =>
      this.driver.executeScript(() => document.querySelector(".shell")?.getAttribute("data-saving") === "false"));
  }

  /** Saves, then opens `path` afresh (a full page load). */
  async goto(path) {
    await this.saved();
    await this.open(path);
  }

  /** Reloads the page as a person does (F5) and waits for the app again.
   * Not WebDriver's Refresh: geckodriver's reloads past the service worker
   * (a page reloaded so is never controlled), unlike a person's reload. */
  async reload() {
    await this.saved();
    await this.driver.executeScript(() => {
      window.__kithBeforeReload = true;
      location.reload();
    });
    await until("the page to load again", () =>
      this.driver.executeScript(() => !window.__kithBeforeReload && document.readyState !== "loading"));
    await one(this.driver, q("heading", undefined, { level: 1 }));
  }

  /** Follows `section` in the main navigation and waits for its heading. */
  async goTo(section) {
    await click(this.driver, q("link", section).in(q("navigation", "Main")));
    await one(this.driver, q("heading", section, { level: 1 }));
  }

  /** Adds a person through the form and lands on their page. */
  async addPerson({ name, organisation, email }) {
    await click(this.driver, q("link", "Add person"));
    await one(this.driver, q("heading", "Add person"));
    await fill(this.driver, label("Name"), name);
    if (organisation !== undefined) await fill(this.driver, label("Organisation"), organisation);
    if (email !== undefined) await fill(this.driver, label("Email"), email);
    await click(this.driver, q("button", "Save person"));
    await one(this.driver, q("heading", name, { level: 1 }));
  }

  /** The rows of the people list (links named after each person). */
  rows() {
    return q("link").in(q("list", "People"));
  }

  /** The names in the people list, in order, once it shows. */
  async rowTexts() {
    const rows = await all(this.driver, this.rows());
    return Promise.all(rows.map((r) => r.getText()));
  }

  async openPerson(name) {
    await click(this.driver, q("link", name, { exact: false }).in(q("list", "People")));
    await one(this.driver, q("heading", name, { level: 1 }));
  }

  /** Adds a detail in one line on the open person's page. */
  async addDetail(words) {
    await fill(this.driver, q("textbox", /^New detail about/), words);
    await click(this.driver, q("button", "Add detail"));
    await hasText(this.driver, q("region", "Details learned"), words);
  }

  /** Sets the open person's check-in timer to every `count` `unit`s. */
  async setTimer(count, unit) {
    // Opened until open: "Change timer" toggles, and a click WebKitWebDriver
    // reports as failed after it went through would be retried and close
    // the form again (seen about once in four runs).
    await until("the timer form to open", async () => {
      if ((await all(this.driver, label("Check in every"))).length) return true;
      const [button] = await all(this.driver, q("button", "Change timer"));
      if (button && (await button.getAttribute("aria-expanded")) !== "true") await button.click().catch(() => {});
      return false;
    });
    await fill(this.driver, label("Check in every"), String(count));
    if (unit) await select(this.driver, label("Unit"), unit);
    await click(this.driver, q("button", "Save timer"));
    await one(this.driver, q("button", "Change timer"));
  }

  /** The page's local day `offset` days from today as YYYY-MM-DD, read
   * from the browser's clock so the app and the test agree on "today". */
  day(offset = 0) {
    return this.driver.executeScript((n) => {
      const d = new Date();
      d.setDate(d.getDate() + n);
      const pad = (x) => String(x).padStart(2, "0");
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    }, offset);
  }

  /** Fills the open log-interaction form and saves it. The date field is
   * set, not typed: see `setValue`. */
  async saveInteraction({ date, notes } = {}) {
    if (date) await setValue(this.driver, label("Date"), date);
    if (notes) await fill(this.driver, label("Notes"), notes);
    await click(this.driver, q("button", "Save interaction"));
    await until("the log form to close", async () => (await all(this.driver, q("button", "Save interaction"))).length === 0);
    // Then the notice "Logged a … with …", as a person sees it: it takes
    // its room under the main area, so the page has settled before the
    // next click (WebKitWebDriver clicks where an element was, without
    // saying when the page moved under it).
    await hasText(this.driver, q("status"), /^Logged /);
  }

  /** Opens the log form on the open page ("Log interaction") and saves
   * `fields` with it, as `saveInteraction` does. */
  async logInteraction(fields) {
    await click(this.driver, q("button", "Log interaction"));
    await this.saveInteraction(fields);
  }

  /** Makes the page keep what it hands to the browser as a download instead
   * of downloading it: every engine saves files differently (and WebKitGTK's
   * MiniBrowser asks where), so the suite reads the Blob in the page. Kith
   * downloads by URL.createObjectURL(blob) and a click on an <a download>;
   * both are wrapped until the next page load. */
  async catchDownloads() {
    await this.driver.executeScript(() => {
      window.__kithBlobs = new Map();
      window.__kithDownloads = [];
      const create = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (blob) => {
        const url = create(blob);
        window.__kithBlobs.set(url, blob);
        return url;
      };
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function () {
        const blob = this.hasAttribute("download") && window.__kithBlobs.get(this.getAttribute("href"));
        if (!blob) return click.call(this);
        blob.text().then((text) => window.__kithDownloads.push({ name: this.getAttribute("download"), text }));
      };
    });
  }

  /** Presses `button` and waits for the file the page hands over: `{ name, text }`. */
  async download(button) {
    const before = await this.driver.executeScript(() => window.__kithDownloads?.length ?? -1);
    if (before < 0) throw new Error("catchDownloads() first");
    await click(this.driver, q("button", button));
    return until(`a file from "${button}"`, () => this.driver.executeScript((n) => window.__kithDownloads[n] ?? null, before));
  }

  /** Picks a file named `name` holding `contents` in the file input
   * labelled `inputLabel`: the file is written to a temporary folder and
   * its path typed into the input, which is how WebDriver uploads. All three
   * drivers take it (WebKitWebDriver too, checked with WebKitGTK 2.50.6), so
   * no DataTransfer made by script is needed. The file stays until the run
   * ends: a browser reads a picked file lazily. */
  async pick(inputLabel, name, contents) {
    const path = join(mkdtempSync(join(scratch(), "pick-")), name);
    writeFileSync(path, contents);
    const input = await one(this.driver, label(inputLabel, { hidden: true }));
    await input.sendKeys(path);
  }

  /** Opens Settings and picks a backup file. */
  async importBackup(name, contents) {
    await this.goto("/settings");
    await this.pick("Import a backup file", name, contents);
  }

  /** Opens Settings and picks a contacts file (vCard or CSV). */
  async importContacts(name, contents) {
    await this.goto("/settings");
    await this.pick("Import contacts from a vCard or CSV file", name, contents);
  }

  /** In the import preview: "Replace everything", then yes when asked. */
  async replaceEverything() {
    const preview = q("region", "Import preview");
    await click(this.driver, q("button", "Replace everything").in(preview));
    await click(this.driver, q("button", "Yes, replace everything").in(q("alertdialog").in(preview)));
  }
}
