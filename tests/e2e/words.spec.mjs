// Finding and words (issue 12, items 8, 10 and 17): search finds custom
// fields and date labels, the merge page tells two same-name people apart,
// counts agree and say their units, refusals are sentences in words, a new
// person's health waits for something to go on, and a timeline says who
// else was there.
import { test, expect } from "@playwright/test";
import { Kith } from "./kith.mjs";

test("search finds a custom field's value and an important date's label, also after a reload", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await page.getByRole("link", { name: "Add person", exact: true }).click();
  await kith.field("Name").fill("Rui Costa");
  await page.getByRole("button", { name: "Add field" }).click();
  await page.getByRole("textbox", { name: "Field name" }).fill("Preferred language");
  await kith.field("Field").fill("Portuguese");
  await page.getByRole("button", { name: "Save person" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Rui Costa" })).toBeVisible();
  const about = page.getByRole("region", { name: "About" });
  await expect(about.locator(".facts__row").filter({ hasText: "Preferred language" })).toHaveText("Preferred language: Portuguese");

  await kith.goToPeople();
  await kith.addPerson({ name: "Maya Lind" });
  await page.getByRole("button", { name: "Add date" }).click();
  await page.getByLabel("Kind of date").selectOption("Graduation");
  await page.getByLabel("Date month").selectOption("June");
  await kith.field("Date day").fill("30");
  await page.getByRole("button", { name: "Save date" }).click();
  await expect(page.getByRole("region", { name: "Important dates" })).toContainText("Graduation");

  await kith.goToPeople();
  await kith.search().fill("portuguese");
  await expect(kith.rows()).toHaveCount(1);
  await expect(kith.rows().first()).toContainText("Rui Costa");
  await kith.search().fill("graduation");
  await expect(kith.rows()).toHaveCount(1);
  await expect(kith.rows().first()).toContainText("Maya Lind");

  // Read afresh from storage: the date labels come back with the people.
  await kith.reload();
  await kith.search().fill("graduation");
  await expect(kith.rows()).toHaveCount(1);
  await expect(kith.rows().first()).toContainText("Maya Lind");
  await kith.search().fill("portuguese");
  await expect(kith.rows().first()).toContainText("Rui Costa");
});

test("the merge page tells two Ana Cruz apart and says which one is kept", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Ana Cruz", email: "ana@harbor.com", organisation: "Harbor Logistics" });
  await kith.goToPeople();
  await kith.addPerson({ name: "Ana Cruz", email: "ana.cruz@gmail.com" });
  await kith.goToPeople();
  await page.getByRole("button", { name: "Select" }).click();
  const boxes = page.getByRole("checkbox", { name: "Select Ana Cruz" });
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByRole("button", { name: "Merge" }).click();
  await expect(page.getByRole("heading", { name: "Merge two people" })).toBeVisible();

  const work = "Ana Cruz (ana@harbor.com, Harbor Logistics)";
  const home = "Ana Cruz (ana.cruz@gmail.com)";
  const merge = page.getByRole("button", { name: /^Merge into/ });
  const swap = page.getByRole("button", { name: /^Keep .* instead$/ });
  const kept = (await merge.textContent()).replace("Merge into ", "");
  expect([work, home]).toContain(kept);
  const other = kept === work ? home : work;
  await expect(swap).toHaveText(`Keep ${other} instead`);
  const who = page.getByRole("list", { name: "The two records" });
  const added = await page.evaluate(() => new Date().toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" }).replace("Sept", "Sep"));
  await expect(who).toContainText(`added ${added}`);
  await expect(who.getByRole("listitem").first()).toContainText("Kept:");

  await swap.click();
  await expect(merge).toHaveText(`Merge into ${other}`);
  await expect(page.getByRole("button", { name: `Keep ${kept} instead` })).toBeVisible();
  await merge.click();
  await expect(page.getByRole("heading", { level: 1, name: "Ana Cruz" })).toBeVisible();
});

test("counts agree between People and Settings, the trash said apart", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  for (const name of ["Jo One", "Kai Two", "Lea Three"]) {
    await kith.addPerson({ name });
    await kith.goToPeople();
  }
  await page.getByRole("button", { name: "Select" }).click();
  await page.getByRole("checkbox", { name: "Select Lea Three" }).check();
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("2 people", { exact: true })).toBeVisible();
  await kith.saved();
  await kith.goTo("Settings");
  const stored = page.getByRole("region", { name: "Stored in this browser" });
  await expect(stored.locator("dt:text('People') + dd")).toHaveText("2 people, 1 in the trash");
});

test("the backup preview counts each kind in its own unit", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Cy Keep" });
  await kith.logInteraction({ notes: "Coffee" });
  await kith.addFamilyMember({ name: "Ava", relation: "daughter", month: "March", day: 14 });
  await expect(page.getByRole("region", { name: "Family" })).toContainText("Ava · daughter");
  await kith.saved();
  const backup = await kith.exportBackup();
  await kith.clearData();
  await kith.open();
  await kith.importBackup("kith.json", backup);
  const preview = page.getByRole("region", { name: "Import preview" });
  await expect(preview).toContainText(
    "This backup holds 1 person, 1 interaction and 1 important date. New here: 1 person, 1 interaction and 1 important date.",
    { timeout: 30_000 },
  );
  await preview.getByRole("button", { name: "Merge into what is here" }).click();
  await expect(page.getByRole("status").getByText("Merged the backup.")).toBeVisible();
  await kith.importBackup("kith.json", backup);
  await expect(preview).toContainText("Everything in it is already here.", { timeout: 30_000 });
});

test("a file that is not a backup is refused in words, with a full stop", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.importBackup("notes.json", Buffer.from("hello"));
  const alert = page.getByRole("alert");
  await expect(alert).toHaveText(
    "“notes.json” was not imported. This file is not a Kith backup: it is not JSON. Your data is unchanged.",
    { timeout: 30_000 },
  );
  await expect(alert).not.toContainText("line 1");
});

test("a new person's health is not enough to tell yet; a timeline says who else was there", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  for (const name of ["Bill Hart", "Marta Silva"]) {
    await kith.addPerson({ name });
    await kith.goToPeople();
  }
  await kith.addPerson({ name: "Ana Cruz" });
  const health = page.getByRole("region", { name: "Relationship health" });
  await expect(health.locator(".status")).toHaveText("Not enough to tell yet");

  await page.getByRole("button", { name: "Log interaction" }).click();
  for (const name of ["Bill Hart", "Marta Silva"]) {
    await page.getByLabel("Also with (optional)").fill(name.split(" ")[0]);
    await page.getByRole("button", { name: `Add ${name}` }).click();
  }
  await page.getByLabel("Notes", { exact: true }).fill("Planning the move");
  await page.getByRole("button", { name: "Save interaction" }).click();
  const timeline = page.getByRole("list", { name: "Interactions" });
  await expect(timeline.getByRole("listitem").first()).toContainText("with Bill Hart and Marta Silva");
  await expect(health.locator(".status")).toHaveText("Good");

  await kith.goToPeople();
  await kith.openPerson("Bill Hart");
  await expect(page.getByRole("list", { name: "Interactions" }).getByRole("listitem").first())
    .toContainText("with Ana Cruz and Marta Silva");
});
