//! Journeys about people: add one and reload, add a detail, log an
//! interaction with the `l` shortcut, check someone in on Today.

import { click, hasText, one, q } from "../support/find.mjs";

export default [
  {
    name: "add a person and reload: still there",
    async run(t) {
      const kith = await t.browser();
      await kith.open();
      // A fresh profile: the empty list's welcome.
      await one(kith.driver, q("heading", "Who matters to you?"));
      await kith.addPerson({ name: "Ana Cruz", organisation: "Acme Ltd", email: "ana@acme.test" });
      await kith.reload();
      await one(kith.driver, q("heading", "Ana Cruz", { level: 1 }));
      await hasText(kith.driver, q("main"), "ana@acme.test");
      await kith.goTo("People");
      await hasText(kith.driver, kith.rows(), "Ana Cruz");
    },
  },
];
