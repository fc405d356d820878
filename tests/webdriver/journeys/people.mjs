//! Journeys about people: add one and reload, add a detail, log an
//! interaction with the `l` shortcut, check someone in on Today, and a
//! message from them (Shift+L) waiting on Today until "Replied".

import { all, click, fill, gone, hasText, label, one, q, until } from "../support/find.mjs";

/** The element that has focus, as a WebElement (or null). */
const focused = (driver) => driver.executeScript(() => (document.activeElement === document.body ? null : document.activeElement));

export default [
  {
    name: "add a person and reload: still there",
    async run(t) {
      const kith = await t.browser();
      await kith.openEmpty();
      await kith.addPerson({ name: "Ana Cruz", organisation: "Acme Ltd", email: "ana@acme.test" });
      await kith.reload();
      await one(kith.driver, q("heading", "Ana Cruz", { level: 1 }));
      await hasText(kith.driver, q("main"), "ana@acme.test");
      await kith.goTo("People");
      await hasText(kith.driver, kith.rows(), "Ana Cruz");
    },
  },
  {
    name: "add a detail to a person",
    async run(t) {
      const kith = await t.browser();
      await kith.openEmpty();
      await kith.addPerson({ name: "Bo Lind" });
      await kith.addDetail("Daughter Ava started university");
      await kith.reload();
      await hasText(kith.driver, q("region", "Details learned"), "Daughter Ava started university");
    },
  },
  {
    name: "log an interaction with the l shortcut",
    async run(t) {
      const kith = await t.browser();
      const { driver } = kith;
      await kith.openEmpty();
      await kith.addPerson({ name: "Kim Lee" });
      // Focus on nothing in particular (a shortcut must not fire while typing).
      await driver.executeScript(() => document.activeElement?.blur());
      await driver.actions().sendKeys("l").perform();
      await one(driver, q("button", "Save interaction"));
      // `l` opens the log form with focus in its first field, Kind.
      const kind = await one(driver, label("Kind"));
      await until("focus in the Kind field", async () => {
        const el = await focused(driver);
        return el && (await el.getId()) === (await kind.getId());
      });
      await kith.saveInteraction({ notes: "Lunch at Alma" });
      await hasText(driver, q("list", "Interactions"), "Lunch at Alma");
      await kith.reload();
      await hasText(driver, q("list", "Interactions"), "Lunch at Alma");
    },
  },
  {
    name: "check someone in on Today",
    async run(t) {
      const kith = await t.browser();
      const { driver } = kith;
      await kith.openEmpty();
      await kith.addPerson({ name: "Pat Quinn" });
      await kith.logInteraction({ date: await kith.day(-40), notes: "Quarterly review" });
      await kith.setTimer(30, "days");
      await hasText(driver, q("region", "Check-ins"), "Overdue");

      await kith.goTo("Today");
      const overdue = q("region", /^Overdue/);
      await hasText(driver, overdue, "Pat Quinn");
      await hasText(driver, overdue, "Due 10 days ago");
      await click(driver, q("button", "Checked in with Pat Quinn"));
      await gone(driver, overdue);
      await one(driver, q("heading", "All caught up"));
      await kith.reload();
      await one(driver, q("heading", "All caught up"));
      if ((await all(driver, overdue)).length) throw new Error("Pat Quinn is overdue again after a reload");
    },
  },
  {
    name: "a message from them (Shift+L) waits on Today until Replied",
    async run(t) {
      const kith = await t.browser();
      const { driver } = kith;
      await kith.openEmpty();
      await kith.addPerson({ name: "Nia Reyes" });
      await driver.executeScript(() => document.activeElement?.blur());
      await driver.actions().sendKeys("L").perform();
      await one(driver, q("button", "Save interaction"));
      await until("“They reached out” chosen", async () => (await one(driver, q("radio", "They reached out"))).isSelected());
      await kith.saveInteraction({ date: await kith.day(-2), notes: "Asked about the renewal" });
      await hasText(driver, q("list", "Interactions"), "They reached out");
      await hasText(driver, q("region", "Before you reach out"), "They started 1 of 1 conversation in the last year.");

      await kith.goTo("Today");
      const replies = q("region", /^Waiting for your reply/);
      await hasText(driver, replies, "Reached out 2 days ago");
      await kith.reload();
      await hasText(driver, replies, "Nia Reyes");
      await click(driver, q("button", "Replied to Nia Reyes"));
      await gone(driver, replies);
      await kith.reload();
      await one(driver, q("heading", "All caught up"));
    },
  },
];
