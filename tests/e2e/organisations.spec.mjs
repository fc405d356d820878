// Organisations stay one per name (imports match them, duplicates can be
// merged), can be renamed and deleted, and show how warm each person is.
import { test, expect } from "@playwright/test";
import { Kith, day, organisationRecord, personRecord } from "./kith.mjs";

/** A backup file holding one person at an organisation named `org`. */
function backupWith(org) {
  // Made on another device after the one here: the one here is kept.
  const o = { ...organisationRecord({ id: "org-from-file", name: org }), created: 9e12, updated: 9e12 };
  const p = { ...personRecord({ id: "bo-file", name: "Bo Backup" }), organisation_id: o.id,
    roles: [{ organisation_id: o.id, title: "Dispatcher", since: null, until: null }] };
  return Buffer.from(JSON.stringify({ format: "kith-backup", version: 2, app_version: "0.1.0",
    exported_at: 1, contacts: [p], organisations: [o], interactions: [], dates: [], tasks: [] }));
}

async function openOrganisation(page, name) {
  await page.goto("/organisations");
  await page.getByRole("list", { name: "Organisations" }).getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

test("a backup's organisation of the same name is matched, not added twice", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Ana Hand", organisation: "Harbor Logistics" });
  await kith.importBackup("harbor.json", backupWith("harbor  logistics."));
  const preview = page.getByRole("region", { name: "Import preview" });
  await expect(preview.getByRole("list", { name: "Organisations" })).toHaveText("Harbor Logistics: matched to your organisation");
  await preview.getByRole("button", { name: "Merge into what is here" }).click();
  await expect(preview).toBeHidden();
  await page.goto("/organisations");
  await expect(page.getByRole("list", { name: "Organisations" }).getByRole("listitem")).toHaveCount(1);
  await openOrganisation(page, "Harbor Logistics");
  const members = page.getByRole("list", { name: "People at this organisation" });
  await expect(members.getByRole("listitem")).toHaveCount(2);
  await expect(members).toContainText("Bo Backup");
});

test("a vCard's organisation of the same name is matched and the preview says so", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Ana Hand", organisation: "Harbor Logistics" });
  const card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Card\r\nORG:HARBOR LOGISTICS\r\nEND:VCARD\r\n" +
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Di Card\r\nORG:Northwind\r\nEND:VCARD\r\n";
  await kith.importContacts("people.vcf", Buffer.from(card));
  const preview = page.getByRole("region", { name: "Contacts import preview" });
  const orgs = preview.getByRole("list", { name: "Organisations" });
  await expect(orgs).toContainText("Harbor Logistics: matched to your organisation");
  await expect(orgs).toContainText("Northwind: new organisation");
  await preview.getByRole("button", { name: "Import 2 people" }).click();
  await openOrganisation(page, "Harbor Logistics");
  await expect(page.getByRole("list", { name: "People at this organisation" }).getByRole("listitem")).toHaveCount(2);
});

test("rename refuses an empty or taken name and offers a merge; merge and delete say what they do", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  for (const [name, organisation] of [["Ana Hand", "Harbor Logistics"], ["Bo Dup", "Harbour Log"], ["Cy Gone", "Short Lived"]]) {
    await kith.addPerson({ name, organisation });
    await kith.goToPeople();
  }
  await openOrganisation(page, "Harbour Log");

  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Organisation name").fill("   ");
  await page.getByRole("button", { name: "Save organisation" }).click();
  await expect(page.getByText("Please enter a name.")).toBeVisible();
  await page.getByLabel("Organisation name").fill("harbor logistics");
  await page.getByRole("button", { name: "Save organisation" }).click();
  await expect(page.getByText("There is already an organisation called “harbor logistics”. Merge into it instead, below.")).toBeVisible();
  const merge = page.getByRole("button", { name: "Merge Harbour Log into Harbor Logistics" });
  await merge.click();
  await expect(page.getByRole("status").getByText("Merged Harbour Log into Harbor Logistics: 1 person moved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Harbor Logistics" })).toBeVisible();
  const members = page.getByRole("list", { name: "People at this organisation" });
  await expect(members.getByRole("listitem")).toHaveCount(2);
  await page.goto("/organisations");
  await expect(page.getByRole("link", { name: "Harbour Log" })).toHaveCount(0);

  await openOrganisation(page, "Short Lived");
  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByRole("button", { name: "Delete organisation…" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete organisation?" });
  await expect(confirm).toHaveText(/Delete Short Lived\? 1 person has a role there\. Their roles there are removed; the people stay in Kith\./);
  await confirm.getByRole("button", { name: "Delete Short Lived" }).click();
  await expect(page.getByRole("status").getByText("Deleted Short Lived and the roles of 1 person there.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Short Lived" })).toHaveCount(0);
  await kith.goToPeople();
  await kith.openPerson("Cy Gone");
  await expect(page.getByRole("heading", { level: 1, name: "Cy Gone" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Work" })).toHaveCount(0);

  // Changed their mind: Undo brings the organisation and Cy's role back.
  await page.goto("/organisations");
  await openOrganisation(page, "Harbor Logistics");
  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByRole("button", { name: "Delete organisation…" }).click();
  await page.getByRole("alertdialog", { name: "Delete organisation?" }).getByRole("button", { name: "Delete Harbor Logistics" }).click();
  const n = page.getByRole("status").filter({ has: page.locator(".notice") });
  await expect(n).toContainText("Deleted Harbor Logistics and the roles of 2 people there.");
  await n.getByRole("button", { name: "Undo" }).click();
  await expect(n).toContainText("Undone");
  await openOrganisation(page, "Harbor Logistics");
  await expect(page.getByRole("list", { name: "People at this organisation" }).getByRole("listitem")).toHaveCount(2);
});

test("the organisation's people show their warmth and sort by it, by name and by check-in", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Ann Warm", organisation: "Tidewater" });
  await kith.logInteraction({ date: await day(page, -2), score: 5 });
  await kith.goToPeople();
  await kith.addPerson({ name: "Zed Cool", organisation: "Tidewater" });
  await kith.logInteraction({ date: await day(page, -20), score: 4 });
  await kith.logInteraction({ date: await day(page, -1), score: 1 });
  await openOrganisation(page, "Tidewater");
  const members = page.getByRole("list", { name: "People at this organisation" });
  const names = () => members.getByRole("link").allTextContents();
  await expect(members.getByRole("listitem").filter({ hasText: "Ann Warm" })).toContainText("Warmth: Good");
  await expect(members.getByRole("listitem").filter({ hasText: "Zed Cool" })).toContainText("Warmth: At risk");
  await expect.poll(names).toEqual(["Ann Warm", "Zed Cool"]);
  await page.getByLabel("Sort people by").selectOption({ label: "Warmth, coolest first" });
  await expect.poll(names).toEqual(["Zed Cool", "Ann Warm"]);
  await page.getByLabel("Sort people by").selectOption({ label: "Name" });
  await expect.poll(names).toEqual(["Ann Warm", "Zed Cool"]);
  await expect(page.getByLabel("Sort people by").locator("option")).toHaveText(["Name", "Warmth, coolest first", "Check-in, soonest first"]);
});

test("who's who: a map of the organisation's people, who reports to and works with whom, how warm each is; a dot opens the person", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  const link = async (kind, name) => {
    await page.getByRole("button", { name: "Link a person" }).click();
    await page.getByLabel("They are…").selectOption(kind);
    await kith.field("Person").fill(name.split(" ")[0].toLowerCase());
    await page.getByRole("button", { name: `Link ${name}` }).click();
    await expect(page.getByRole("region", { name: "People around them" })).toContainText(name);
  };
  await kith.addPerson({ name: "Fay Manager", organisation: "Tidewater" });
  await kith.logInteraction({ date: await day(page, -2), score: 5 });
  await kith.goToPeople();
  await openOrganisation(page, "Tidewater");
  // One person is not yet a map.
  await expect(page.getByRole("heading", { name: "Who's who" })).toHaveCount(0);
  await kith.goToPeople();
  await kith.addPerson({ name: "Gus Report", organisation: "Tidewater" });
  await link("Reports to", "Fay Manager");
  await kith.goToPeople();
  await kith.addPerson({ name: "Hal <Peer>", organisation: "Tidewater" });
  await link("Colleague of", "Gus Report");

  await openOrganisation(page, "Tidewater");
  const map = page.getByRole("list", { name: "Map of the people at Tidewater" });
  await expect(map.getByRole("listitem")).toHaveCount(3);
  await expect(map.getByRole("listitem", { name: /^Fay Manager\. Warmth: Good\. Last in touch 2 days ago\.$/ })).toHaveCount(1);
  await expect(map.getByRole("listitem", { name: "Gus Report. Warmth: Not enough to tell yet. No interactions yet. Reports to Fay Manager. Works with Hal <Peer>." })).toHaveCount(1);
  // The name as typed, shown as text (never markup), under Gus who is under Fay.
  await expect(map.locator("text.orgmap__name")).toHaveText(["Fay Manager", "Gus Report", "Hal <Peer>"]);
  const x = (name) => map.getByRole("listitem", { name: new RegExp(`^${name}`) }).locator("circle").evaluate((c) => c.getBoundingClientRect().x);
  expect(await x("Gus")).toBeGreaterThan(await x("Fay"));
  expect(await x("Hal")).toBe(await x("Fay"));
  await expect(map.locator(".orgmap__line")).toHaveCount(1);
  await expect(map.locator(".orgmap__arc")).toHaveCount(1);

  // At phone width the whole map is on the screen, in dark mode too.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.emulateMedia({ colorScheme: "dark" });
  const box = await map.boundingBox();
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(360);
  const ink = await map.locator("text.orgmap__name").first().evaluate((t) => getComputedStyle(t).fill);
  expect(ink).toBe("rgb(233, 230, 224)");

  await map.getByRole("listitem", { name: /^Gus Report/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Gus Report" })).toBeVisible();
});
