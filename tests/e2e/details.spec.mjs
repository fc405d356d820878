// People in full: organisations with roles, details learned, family,
// important dates, links between people, tags, merge, trash and shortcuts.
import { test, expect } from "@playwright/test";
import { Kith } from "./kith.mjs";

test("an organisation with three people shows each with their role", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  const people = [
    { name: "Ana Cruz", organisation: "Acme Ltd", role: "Head of buying" },
    { name: "Bo Lind", organisation: "acme ltd", role: "CFO" },
    { name: "Cy Diaz", organisation: "ACME LTD", role: "Engineer" },
  ];
  for (const p of people) {
    await kith.addPerson(p);
    await kith.goToPeople();
  }
  await kith.goTo("Organisations");
  await expect(page.getByRole("list", { name: "Organisations" }).getByRole("listitem")).toHaveCount(1);
  await page.getByRole("link", { name: "Acme Ltd" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Acme Ltd" })).toBeVisible();
  await expect(page.getByText("3 people")).toBeVisible();
  const members = page.getByRole("list", { name: "People at this organisation" }).getByRole("listitem");
  await expect(members).toHaveCount(3);
  for (const p of people) {
    await expect(members.filter({ hasText: p.name })).toContainText(p.role);
    await expect(members.filter({ hasText: p.name })).toContainText("No interactions yet");
  }
  await kith.reload();
  await expect(page.getByRole("list", { name: "People at this organisation" }).getByRole("listitem")).toHaveCount(3);

  // The organisation narrows the people list.
  await page.getByRole("link", { name: "Show in people list" }).click();
  await expect(kith.rows()).toHaveCount(3);
  await expect(page.getByRole("combobox", { name: "Organisation" })).toHaveValue(/.+/);
});

test("a family member with a birthday but no year, and a Feb 29 date", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Bill Evans" });
  await kith.addFamilyMember({ name: "Ava", relation: "daughter", month: "March", day: 14 });
  const family = page.getByRole("region", { name: "Family" });
  await expect(family).toContainText("Ava · daughter");
  await expect(family).toContainText("Birthday 14 March ·");
  await expect(family).not.toContainText("turns");

  await page.getByRole("button", { name: "Add date" }).click();
  await page.getByLabel("Kind of date").selectOption("Anniversary");
  await page.getByLabel("Date month").selectOption("February");
  await kith.field("Date day").fill("29");
  await kith.field("Year (optional)").fill("2001");
  await page.getByRole("button", { name: "Save date" }).click();
  await expect(page.getByRole("alert")).toHaveText("2001 has no 29 February.");
  await kith.field("Year (optional)").fill("2000");
  await page.getByRole("button", { name: "Save date" }).click();
  const dates = page.getByRole("region", { name: "Important dates" });
  await expect(dates).toContainText("Anniversary · 29 February 2000");

  await kith.reload();
  await expect(page.getByRole("region", { name: "Family" })).toContainText("Birthday 14 March");
  await expect(page.getByRole("region", { name: "Important dates" })).toContainText("29 February 2000");
});

test("details are added in one line, pinned, and found by search", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Dana Reyes", organisation: "Initech" });
  await kith.addDetail("Prefers calls before 9");
  await kith.addDetail("Daughter Ava started university");
  const details = page.getByRole("region", { name: "Details learned" }).getByRole("listitem");
  await expect(details.first()).toContainText("Daughter Ava started university");
  await page.getByRole("button", { name: "Pin “Prefers calls before 9”" }).click();
  await expect(details.first()).toContainText("Prefers calls before 9");
  await expect(page.getByRole("button", { name: "Unpin “Prefers calls before 9”" })).toHaveAttribute("aria-pressed", "true");

  await kith.goToPeople();
  await kith.addPerson({ name: "Eli Novak" });
  await kith.goToPeople();
  await kith.search().fill("universi");
  await expect(kith.rows()).toHaveCount(1);
  await expect(kith.rows().first()).toContainText("Dana Reyes");
  await kith.reload();
  await kith.search().fill("UNIVERSITY ava");
  await expect(kith.rows()).toHaveCount(1);
});

test("links between people show from both sides", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Fay Manager" });
  await kith.goToPeople();
  await kith.addPerson({ name: "Gus Report" });
  await page.getByRole("button", { name: "Link a person" }).click();
  await page.getByLabel("They are…").selectOption("Reports to");
  await kith.field("Person").fill("fay");
  await page.getByRole("button", { name: "Link Fay Manager" }).click();
  await expect(page.getByRole("region", { name: "People around them" })).toContainText("Reports to Fay Manager");
  await page.getByRole("region", { name: "People around them" }).getByRole("link", { name: "Fay Manager" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Fay Manager" })).toBeVisible();
  await expect(page.getByRole("region", { name: "People around them" })).toContainText("Manages Gus Report");
});

test("more than one email and phone, tags, and a second role", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await page.getByRole("link", { name: "Add person", exact: true }).click();
  await kith.fillPerson({ name: "Hana Sato", email: "hana@work.test", phone: "+81 3 1234 5678" });
  await page.getByRole("button", { name: "Add email" }).click();
  await kith.field("Email 2").fill("hana@home.test");
  await page.getByRole("combobox", { name: "Kind of email 2" }).selectOption("home");
  await kith.field("Organisation").fill("Globex");
  await kith.field("Role").fill("CTO");
  await page.getByRole("button", { name: "Add another role" }).click();
  await kith.field("Organisation 2").fill("Initech");
  await kith.field("Role 2").fill("Engineer");
  await kith.field("Until 2").fill("2020-06-30");
  await kith.field("Tags").fill("client, VIP");
  await kith.field("How we met").fill("Tokyo fair");
  await page.getByRole("button", { name: "Save person" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hana Sato" })).toBeVisible();
  await expect(page.getByRole("link", { name: "hana@home.test" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Tags" })).toContainText("VIP");
  await expect(page.getByRole("list", { name: "Current roles" })).toContainText("CTO at Globex");
  await expect(page.getByRole("region", { name: "Work" })).toContainText("Initech · Engineer (former)");
  await kith.reload();
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(kith.field("Email 2")).toHaveValue("hana@home.test");
  await expect(kith.field("Until 2")).toHaveValue("2020-06-30");
});

test("two duplicates merge, field by field, keeping everything", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Ivo Berg", email: "ivo@acme.test", organisation: "Acme" });
  await kith.addDetail("Collects vinyl");
  await kith.goToPeople();
  await kith.addPerson({ name: "Ivo Bergström", email: "ivo@home.test", phone: "555 0100" });
  await kith.goToPeople();
  await expect(kith.rows()).toHaveCount(2);

  await page.getByRole("button", { name: "Select" }).click();
  await page.getByRole("checkbox", { name: "Select Ivo Berg", exact: true }).check();
  await page.getByRole("checkbox", { name: "Select Ivo Bergström" }).check();
  await expect(page.getByText("2 selected")).toBeVisible();
  await page.getByRole("button", { name: "Merge" }).click();
  await expect(page.getByRole("heading", { name: "Merge two people" })).toBeVisible();
  const name = page.getByRole("group", { name: "Name" });
  await name.getByRole("radio", { name: "Ivo Bergström" }).check();
  await page.getByRole("button", { name: /^Merge into/ }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Ivo Bergström" })).toBeVisible();
  await expect(page.getByRole("link", { name: "ivo@acme.test" })).toBeVisible();
  await expect(page.getByRole("link", { name: "ivo@home.test" })).toBeVisible();
  await expect(page.getByRole("link", { name: "555 0100" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Details learned" })).toContainText("Collects vinyl");
  await expect(page.getByRole("region", { name: "Details learned" })).toContainText("Merged with the record");
  await kith.reload();
  await kith.goToPeople();
  await expect(kith.rows()).toHaveCount(1);
});

test("bulk tag, bulk delete with undo, and the trash", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  for (const name of ["Jo One", "Kai Two", "Lea Three"]) {
    await kith.addPerson({ name });
    await kith.goToPeople();
  }
  await page.getByRole("button", { name: "Select" }).click();
  await page.getByRole("checkbox", { name: "Select Jo One" }).check();
  await page.getByRole("checkbox", { name: "Select Kai Two" }).check();
  await page.getByRole("textbox", { name: "Tag for the selected people" }).fill("golf");
  await page.getByRole("button", { name: "Add tag" }).click();
  await expect(page.getByRole("status").getByText("Tagged 2 people “golf”.")).toBeVisible();
  await page.getByRole("combobox", { name: "Tag" }).selectOption({ label: "golf (2)" });
  await expect(kith.rows()).toHaveCount(2);
  await page.getByRole("combobox", { name: "Tag" }).selectOption({ label: "All" });

  await page.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("status").getByText("Deleted 2 people.")).toBeVisible();
  await expect(kith.rows()).toHaveCount(1);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(kith.rows()).toHaveCount(3);

  await page.getByRole("checkbox", { name: "Select Lea Three" }).check();
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(kith.rows()).toHaveCount(2);
  await kith.reload();
  await page.getByRole("link", { name: "Trash (1)" }).click();
  const trash = page.getByRole("list", { name: "Deleted people" });
  await expect(trash).toContainText("Lea Three");
  await expect(trash).toContainText("30 days left");
  await page.getByRole("button", { name: "Restore Lea Three" }).click();
  await expect(page.getByText("The trash is empty.")).toBeVisible();
  await kith.goToPeople();
  await expect(kith.rows()).toHaveCount(3);
});

test("keyboard: / searches, n adds a person, Esc leaves the form", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Max Keys" });
  await page.keyboard.press("/");
  await expect(kith.search()).toBeFocused();
  await page.keyboard.type("max");
  await expect(kith.rows()).toHaveCount(1);
  await kith.search().blur();
  await page.keyboard.press("n");
  await expect(page.getByRole("heading", { name: "Add person" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
});

test("a detail can be noted from the organisation page, and Esc closes small forms", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Olga Ray", organisation: "Umbrella", role: "Buyer" });
  await page.getByRole("button", { name: "Add family member" }).click();
  await expect(kith.field("Their name")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(kith.field("Their name")).toBeHidden();

  await page.getByRole("list", { name: "Current roles" }).getByRole("link", { name: "Umbrella" }).click();
  await page.getByRole("button", { name: "Note a detail about Olga Ray" }).click();
  await page.getByRole("textbox", { name: "New detail about Olga Ray" }).fill("Moving to the Berlin office in spring");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").getByText("Noted about Olga Ray.")).toBeVisible();
  await page.getByRole("link", { name: "Olga Ray" }).click();
  await expect(page.getByRole("region", { name: "Details learned" })).toContainText("Moving to the Berlin office in spring");
});
