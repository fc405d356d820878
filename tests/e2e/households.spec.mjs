// Households: two people who live together share an address and their
// anniversary; when the user says so, a check-in with one counts for both
// (Today, the person page and the stored records agree); moving out ends a
// household of two, and one undo puts it back.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import { Kith, day, personRecord, putRecords, readRecords } from "./kith.mjs";

const schema = JSON.parse(readFileSync(new URL("../../docs/backup-format.schema.json", import.meta.url)));

test("two people form a household: shared address and anniversary, one check-in for both when chosen, moving out with undo", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.saved();
  // Ana and Bo Cruz, and Cy Lind, all on a 30-day timer, last in touch 40
  // days ago: all three overdue. Ana's wedding anniversary is kept on her.
  const overdue = await day(page, -40);
  const timer = { type: "every", count: 30, unit: "days" };
  await putRecords(page, {
    contacts: [
      { ...personRecord({ id: "ana", name: "Ana Cruz", cadence: timer, lastInteraction: overdue }), family_name: "Cruz",
        addresses: [{ label: "home", value: "4 Elm Row\nLeith" }] },
      { ...personRecord({ id: "bo", name: "Bo Cruz", cadence: timer, lastInteraction: overdue }), family_name: "Cruz" },
      personRecord({ id: "cy", name: "Cy Lind", cadence: timer, lastInteraction: overdue }),
    ],
    dates: [{
      id: "wedding", contact_id: "ana", family_member: null, kind: { type: "anniversary" },
      month: 6, day: 12, year: 2010, lead_days: 7, created: 1, updated: 1, deleted: null,
    }],
  });
  await kith.reload();

  // Ana lives with Bo: the household is named for their family name and
  // takes Ana's home address.
  await page.goto("/people/ana");
  const household = page.getByRole("region", { name: "Household" });
  await expect(household).toContainText("Does Ana live with someone you keep here?");
  await household.getByRole("button", { name: "Add someone who lives with Ana" }).click();
  await household.getByLabel("Who lives with them").fill("bo");
  await household.getByRole("button", { name: "Add Bo Cruz" }).click();
  await expect(page.getByText("Ana Cruz and Bo Cruz now live together.")).toBeVisible();
  await expect(household).toContainText("Cruz household");
  const members = household.getByRole("list", { name: "Who lives here" });
  await expect(members.getByRole("listitem")).toHaveText(["Ana Cruz", "Bo Cruz"]);
  await expect(members.getByRole("link")).toHaveText(["Bo Cruz"]);
  await expect(household).toContainText("4 Elm Row");
  const shared = household.getByRole("list", { name: "Shared dates" });
  await expect(shared).toContainText("Anniversary");

  // Renamed, with the address corrected; a blank name is refused in words.
  await household.getByRole("button", { name: "Edit household" }).click();
  await household.getByLabel("Household name").fill("  ");
  await household.getByRole("button", { name: "Save household" }).click();
  await expect(household.getByRole("alert")).toHaveText("Please give the household a name.");
  await household.getByLabel("Household name").fill("The Cruz home");
  await household.getByLabel("Shared address").fill("6 Elm Row\nLeith EH6");
  await household.getByRole("button", { name: "Save household" }).click();
  await expect(household.getByLabel("Household name")).toBeHidden();
  await expect(household).toContainText("The Cruz home");
  await expect(household).toContainText("6 Elm Row");

  // Not shared yet: a check-in with Ana leaves Bo overdue.
  const sharing = household.getByLabel("A check-in with one counts for everyone here");
  await expect(sharing).not.toBeChecked();
  await sharing.check();
  await kith.goToToday();
  const overdueList = page.getByRole("region", { name: /^Overdue/ });
  await expect(overdueList).toContainText("Bo Cruz");
  await kith.checkIn("Ana Cruz");
  // Shared: Bo's timer runs from the check-in with Ana; Cy still waits.
  await expect(overdueList).not.toContainText("Ana Cruz");
  await expect(overdueList).not.toContainText("Bo Cruz");
  await expect(overdueList).toContainText("Cy Lind");

  // Bo's page says why, and shows the anniversary kept on Ana; his brief
  // says whom he lives with.
  await page.goto("/people/bo");
  await expect(page.getByRole("region", { name: "Before you reach out" })).toContainText("Lives withAna Cruz");
  await expect(page.getByRole("region", { name: "Check-ins" })).toContainText("counted from the household's check-in with Ana Cruz on");
  await expect(household.getByRole("list", { name: "Shared dates" })).toContainText("kept on Ana Cruz's page");
  // The household's name finds both in People.
  await kith.goToPeople();
  await kith.search().fill("cruz home");
  await expect(kith.rows()).toHaveCount(2);

  // Stored as docs/backup-format.md says.
  await kith.saved();
  const homes = (await readRecords(page, "organisations")).filter((o) => o.kind === "household");
  expect(homes.map((h) => [h.name, h.address, h.shared_check_ins])).toEqual([["The Cruz home", "6 Elm Row\nLeith EH6", true]]);
  const people = await readRecords(page, "contacts");
  expect(people.filter((c) => c.household_id === homes[0].id).map((c) => c.id).sort()).toEqual(["ana", "bo"]);

  // Bo moves out: a household of one is none, so Ana's ends too. Undo.
  // (With the household's form open: it closes, as there is nothing left
  // to edit.)
  await page.goto("/people/bo");
  await household.getByRole("button", { name: "Edit household" }).click();
  await expect(household.getByLabel("Household name")).toBeVisible();
  await household.getByRole("button", { name: "Bo moved out" }).click();
  await expect(page.getByText("Bo Cruz left The Cruz home; nobody else lives there now, so it is gone.")).toBeVisible();
  await expect(household.getByRole("list", { name: "Who lives here" })).toHaveCount(0);
  await expect(household.getByLabel("Household name")).toHaveCount(0);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(household.getByRole("list", { name: "Who lives here" }).getByRole("listitem")).toHaveText(["Ana Cruz", "Bo Cruz"]);

  // Kept after a reload; the household is no organisation.
  await kith.saved();
  await kith.reload();
  await page.goto("/people/ana");
  await expect(household).toContainText("The Cruz home");
  await expect(household.getByLabel("A check-in with one counts for everyone here")).toBeChecked();
  await page.goto("/organisations");
  await expect(page.getByRole("main")).not.toContainText("The Cruz home");

  // In a backup as docs/backup-format.md says, and the schema agrees.
  const { bytes } = await kith.exportFile("Export backup");
  const backup = JSON.parse(Buffer.from(bytes).toString());
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  validate(backup);
  expect(validate.errors ?? []).toEqual([]);
  expect(backup.version).toBe(6);
  const home = backup.organisations.find((o) => o.kind === "household");
  expect([home.name, home.address, home.shared_check_ins]).toEqual(["The Cruz home", "6 Elm Row\nLeith EH6", true]);
  expect(backup.contacts.filter((c) => c.household_id === home.id).map((c) => c.name).sort()).toEqual(["Ana Cruz", "Bo Cruz"]);
});

test("someone who lived elsewhere moves in: their old household of two ends, and the one left is told on their page", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.saved();
  await putRecords(page, {
    contacts: ["Ana Cruz", "Bo Cruz", "Cy Lind", "Di Lind"].map((name) =>
      ({ ...personRecord({ id: name.slice(0, 2).toLowerCase(), name }), family_name: name.split(" ")[1] })),
  });
  await kith.reload();
  const household = page.getByRole("region", { name: "Household" });
  const join = async (who, other, name) => {
    await page.goto(`/people/${who}`);
    await household.getByRole("button", { name: /^Add someone who lives with/ }).click();
    await household.getByLabel("Who lives with them").fill(name.split(" ")[0]);
    await household.getByRole("button", { name: `Add ${name}` }).click();
    await expect(page.getByText(/now live together\.$/)).toBeVisible();
  };
  await join("an", "bo", "Bo Cruz");
  await join("cy", "di", "Di Lind");
  await expect(household).toContainText("Lind household");
  // Cy moves in with Ana and Bo.
  await join("an", "cy", "Cy Lind");
  await expect(household.getByRole("list", { name: "Who lives here" }).getByRole("listitem")).toHaveText(["Ana Cruz", "Bo Cruz", "Cy Lind"]);
  await page.goto("/people/di");
  await expect(household.getByRole("list", { name: "Who lives here" })).toHaveCount(0);
  await expect(household).toContainText("Does Di live with someone you keep here?");
  // A person already there is not offered again.
  await page.goto("/people/an");
  await household.getByRole("button", { name: "Add someone who lives with Ana" }).click();
  await household.getByLabel("Who lives with them").fill("cruz");
  await expect(household.getByRole("button", { name: "Add Bo Cruz" })).toHaveCount(0);
});
