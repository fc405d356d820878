// Screenshots to look at (target/screenshots/): the people list, a person
// and the form, on a laptop and a phone, light and dark. They assert
// nothing about pixels; they exist so a person can look.
import { test, expect } from "@playwright/test";
import { Kith } from "./kith.mjs";

const shots = "../../target/screenshots";
const people = [
  { name: "Ana Cruz", organisation: "Acme Ltd", email: "ana@acme.test", phone: "+44 20 7946 0000", notes: "Met at the Lisbon trade fair. Daughter Ava starts university in September.\nPrefers calls before 9." },
  { name: "Bo Lindqvist", organisation: "Northwind", email: "bo@northwind.test" },
  { name: "Chidi Okafor", email: "chidi@example.test" },
  { name: "Zoë Adams", organisation: "Société Générale" },
];

for (const scheme of ["light", "dark"]) {
  for (const [device, viewport] of [["laptop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]]) {
    test(`screenshots, ${device}, ${scheme}`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: scheme });
      const kith = new Kith(page);
      await kith.open();
      await page.screenshot({ path: `${shots}/welcome-${device}-${scheme}.png` });
      for (const p of people) {
        await kith.addPerson(p);
        await kith.goToPeople();
      }
      await page.screenshot({ path: `${shots}/people-${device}-${scheme}.png` });
      await kith.openPerson("Ana Cruz");
      await page.screenshot({ path: `${shots}/person-${device}-${scheme}.png` });
      await page.getByRole("link", { name: "Edit" }).click();
      await kith.field("Email").fill("not an email");
      await page.getByRole("button", { name: "Save changes" }).click();
      await expect(page.getByRole("alert")).toBeVisible();
      await page.screenshot({ path: `${shots}/form-${device}-${scheme}.png` });
    });
  }
}
