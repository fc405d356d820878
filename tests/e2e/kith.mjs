// A page object for Kith: what a person sees and does, found by role and
// accessible name the way a screen reader finds it.
import { expect } from "@playwright/test";

export class Kith {
  constructor(page) {
    this.page = page;
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

  async goToPeople() {
    await this.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  }

  /** The rows of the people list (links named after each person). */
  rows() {
    return this.page.getByRole("list", { name: "People" }).getByRole("link");
  }

  search() {
    return this.page.getByRole("searchbox", { name: "Search people" });
  }

  /** Adds a detail in one line on the open person's page. */
  async addDetail(text) {
    const input = this.page.getByRole("textbox", { name: /^New detail about/ });
    await input.fill(text);
    await this.page.getByRole("button", { name: "Add detail" }).click();
    await expect(this.page.getByRole("region", { name: "Details learned" })).toContainText(text);
  }

  async openPerson(name) {
    await this.rows().filter({ hasText: name }).first().click();
    await expect(this.page.getByRole("heading", { level: 1, name, exact: true })).toBeVisible();
  }
}
