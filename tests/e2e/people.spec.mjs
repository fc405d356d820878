// People: add, find, edit and delete, and everything survives a reload.
import { test, expect } from "@playwright/test";
import { Kith } from "./kith.mjs";

test("a new user sees a welcome and can add a first person that survives a reload", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await expect(page.getByRole("heading", { name: "Who matters to you?" })).toBeVisible();

  await kith.addPerson({
    name: "Ana Cruz",
    organisation: "Acme Ltd",
    email: "ana@acme.test",
    phone: "+44 20 7946 0000",
    notes: "Met at the trade fair.\nPrefers calls before 9.",
  });
  await expect(page.getByText("Acme Ltd").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "ana@acme.test" })).toHaveAttribute("href", "mailto:ana@acme.test");
  await expect(page.getByRole("link", { name: "+44 20 7946 0000" })).toHaveAttribute("href", "tel:+442079460000");

  await kith.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Ana Cruz" })).toBeVisible();
  await expect(page.getByText("Prefers calls before 9.")).toBeVisible();

  await kith.goToPeople();
  await expect(kith.rows()).toHaveCount(1);
  await expect(kith.rows().first()).toContainText("Ana Cruz");
  await expect(kith.rows().first()).toContainText("Acme Ltd");
  await expect(page.getByText("1 person")).toBeVisible();
});

test("editing a person changes them everywhere and survives a reload", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Bo Lind", email: "bo@old.test" });
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByRole("heading", { name: "Edit person" })).toBeVisible();
  await expect(kith.field("Email")).toHaveValue("bo@old.test");
  await kith.fillPerson({ name: "Bo Lindqvist", email: "bo@new.test", organisation: "Northwind" });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bo Lindqvist" })).toBeVisible();
  await expect(page.getByRole("link", { name: "bo@new.test" })).toBeVisible();

  await kith.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Bo Lindqvist" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Current roles" })).toContainText("Northwind");
  await kith.goToPeople();
  await expect(kith.rows()).toHaveCount(1);
  await expect(kith.rows().first()).toContainText("Bo Lindqvist");
});

test("deleting asks first, can be undone, and stays deleted after a reload", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Cleo Park" });
  await kith.goToPeople();
  await kith.addPerson({ name: "Dan Roe" });

  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("Delete Dan Roe?");
  await confirm.getByRole("button", { name: "Keep" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: "Dan Roe" })).toBeVisible();

  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete person" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  await expect(page.getByRole("status").getByText("Deleted Dan Roe.")).toBeVisible();
  await expect(kith.rows()).toHaveCount(1);

  await page.getByRole("button", { name: "Undo" }).click();
  await expect(kith.rows()).toHaveCount(2);
  await expect(page.getByRole("status").getByText("Restored Dan Roe.")).toBeVisible();

  await kith.openPerson("Dan Roe");
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete person" }).click();
  await kith.reload();
  await expect(kith.rows()).toHaveCount(1);
  await expect(kith.rows().first()).toContainText("Cleo Park");
  await page.goto("/people/does-not-exist");
  await expect(page.getByRole("heading", { name: "Person not found" })).toBeVisible();
});

test("markup in a name is shown as text, never run", async ({ page }) => {
  const kith = new Kith(page);
  const dialogs = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  await kith.open();
  const name = "<img src=x onerror=alert(1)>";
  await kith.addPerson({ name, organisation: "<b>Bold</b> & Co", notes: "<script>alert(2)</script>" });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByText("<script>alert(2)</script>")).toBeVisible();
  await kith.reload();
  await kith.goToPeople();
  await expect(kith.rows().first()).toContainText(name);
  await expect(kith.rows().first()).toContainText("<b>Bold</b> & Co");
  expect(await page.locator("main img").count()).toBe(0);
  expect(await page.locator("main b").count()).toBe(0);
  expect(dialogs).toEqual([]);
});

test("the form explains what is wrong and keeps what was typed", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await page.getByRole("link", { name: "Add person", exact: true }).click();
  await page.getByRole("button", { name: "Save person" }).click();
  await expect(page.getByRole("alert")).toHaveText("Please enter a name.");
  await expect(kith.field("Name")).toBeFocused();
  await expect(kith.field("Name")).toHaveAttribute("aria-invalid", "true");

  await kith.fillPerson({ name: "Eve Stone", email: "eve at home", notes: "Keep me" });
  await page.getByRole("button", { name: "Save person" }).click();
  await expect(page.getByRole("alert")).toContainText("“eve at home” does not look like an email address");
  await expect(kith.field("Email")).toBeFocused();
  await expect(kith.field("Notes")).toHaveValue("Keep me");

  await kith.fillPerson({ email: "eve@home.test" });
  await page.getByRole("button", { name: "Save person" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Eve Stone" })).toBeVisible();
});

test("search finds people by name, organisation, email or phone, ignoring case and accents", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  const people = [
    { name: "Zoë Adams", organisation: "Northwind", email: "zoe@north.test" },
    { name: "Łukasz Nowak", phone: "555 0199" },
    { name: "Ana Cruz", organisation: "Société Générale" },
  ];
  for (const p of people) {
    await kith.addPerson(p);
    await kith.goToPeople();
  }
  await expect(kith.rows()).toHaveCount(3);
  await expect(kith.rows().nth(0)).toContainText("Ana Cruz");

  const expectOnly = async (query, name) => {
    await kith.search().fill(query);
    await expect(kith.rows()).toHaveCount(1);
    await expect(kith.rows().first()).toContainText(name);
  };
  await expectOnly("ZOE", "Zoë Adams");
  await expectOnly("lukasz", "Łukasz Nowak");
  await expectOnly("societe", "Ana Cruz");
  await expectOnly("north.test", "Zoë Adams");
  await expectOnly("0199", "Łukasz Nowak");
  await expectOnly("cruz ana", "Ana Cruz");
  await expect(page.getByText("1 of 3")).toBeVisible();

  await kith.search().fill("nobody at all");
  await expect(kith.rows()).toHaveCount(0);
  await expect(page.getByText("No one matches “nobody at all”.")).toBeVisible();
});

test("a typed organisation is reused, whatever its case", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open();
  await kith.addPerson({ name: "Fay One", organisation: "Globex" });
  await kith.goToPeople();
  await kith.addPerson({ name: "Gus Two", organisation: "GLOBEX" });
  await page.goto("/settings");
  const stored = page.getByRole("region", { name: "Stored in this browser" });
  await expect(stored.getByText("Organisations")).toBeVisible();
  await expect(stored.locator("dt:text('Organisations') + dd")).toHaveText("1");
  await expect(stored.locator("dt:text('People') + dd")).toHaveText("2 people");
});

test("settings switch between light and dark, and the choice is remembered", async ({ page }) => {
  const kith = new Kith(page);
  await kith.open("/settings");
  await expect(page.getByRole("radio", { name: "Match the device" })).toBeChecked();
  await page.getByRole("radio", { name: "Dark" }).check();
  await expect(page.getByRole("radio", { name: "Dark" })).toBeChecked();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await kith.reload();
  await expect(page.getByRole("radio", { name: "Dark" })).toBeChecked();
  await page.getByRole("radio", { name: "Light" }).check();
  const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(light).not.toEqual(dark);
});
