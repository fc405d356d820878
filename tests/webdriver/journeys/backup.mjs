//! Journeys about backups: export a JSON backup and import it into an empty
//! profile (a second browser); an encrypted backup refused with a wrong
//! passphrase, then taken with the right one. The exported file is caught
//! in the page (Kith.catchDownloads), the same way in every engine.

import { click, count, fill, hasText, label, one, q } from "../support/find.mjs";

/** Opens Settings in `kith` and exports with "Export backup": `{ name, text }`. */
async function exportBackup(kith, passphrase) {
  await kith.goto("/settings");
  if (passphrase !== undefined) {
    await click(kith.driver, q("checkbox", "Protect the file with a passphrase"));
    await fill(kith.driver, label("Passphrase"), passphrase);
    await fill(kith.driver, label("Passphrase again"), passphrase);
  }
  await kith.catchDownloads();
  const file = await kith.download("Export backup");
  if (!/^kith-backup-\d{4}-\d{2}-\d{2}\.json$/.test(file.name)) throw new Error(`the backup is named "${file.name}"`);
  return file;
}

function expect(what, ok) {
  if (!ok) throw new Error(what);
}

export default [
  {
    name: "export a JSON backup and import it into an empty profile",
    async run(t) {
      const a = await t.browser();
      await a.openEmpty();
      await a.addPerson({ name: "Ana Cruz", organisation: "Acme Ltd", email: "ana@acme.test" });
      await a.addDetail("Daughter Ava started university");
      await a.logInteraction({ notes: "Lunch at Alma" });
      await a.goTo("People");
      await a.addPerson({ name: "Bo Lind" });
      const file = await exportBackup(a);
      const parsed = JSON.parse(file.text);
      expect(`the backup's format is ${parsed.format}`, parsed.format === "kith-backup");
      expect(`the backup holds ${parsed.contacts?.length} people, not 2`, parsed.contacts?.length === 2);

      // Another browser: a new, empty profile.
      const b = await t.browser();
      await b.openEmpty();
      await b.importBackup(file.name, file.text);
      await hasText(b.driver, q("region", "Import preview"), /^This backup holds 2 people and 1 interaction\./);
      await b.replaceEverything();
      await hasText(b.driver, q("status"), "Replaced everything with the backup.");
      await b.goTo("People");
      await count(b.driver, b.rows(), 2);
      await b.openPerson("Ana Cruz");
      await hasText(b.driver, q("region", "Details learned"), "Daughter Ava started university");
      await hasText(b.driver, q("list", "Interactions"), "Lunch at Alma");
      await b.reload();
      await hasText(b.driver, q("list", "Interactions"), "Lunch at Alma");
    },
  },
  {
    name: "encrypted backup: a wrong passphrase is refused, the right one imports",
    async run(t) {
      const a = await t.browser();
      await a.openEmpty();
      await a.addPerson({ name: "Dee Secret", email: "dee@example.test" });
      const file = await exportBackup(a, "correct horse battery");
      const sealed = JSON.parse(file.text);
      expect(`the encrypted backup's format is ${sealed.format}`, sealed.format === "kith-backup-encrypted");
      expect("the encrypted backup shows a name in clear", !file.text.includes("Dee Secret"));

      // Another profile, with someone of its own that must survive the refusal.
      const b = await t.browser();
      await b.openEmpty();
      await b.addPerson({ name: "Eve Stays" });
      await b.importBackup("secret.json", file.text);
      const locked = q("region", "Encrypted backup");
      await fill(b.driver, label("Passphrase for this file").in(locked), "wrong horse");
      await click(b.driver, q("button", "Unlock").in(locked));
      await hasText(b.driver, q("alert"), "“secret.json” was not imported. The passphrase is wrong, or the file was changed after it was made. Your data is unchanged.");
      await b.goto("/people");
      await count(b.driver, b.rows(), 1);
      await hasText(b.driver, b.rows(), "Eve Stays");

      await b.importBackup("secret.json", file.text);
      await fill(b.driver, label("Passphrase for this file").in(locked), "correct horse battery");
      await click(b.driver, q("button", "Unlock").in(locked));
      await hasText(b.driver, q("region", "Import preview"), "This backup holds 1 person");
      await b.replaceEverything();
      await hasText(b.driver, q("status"), "Replaced everything with the backup.");
      await b.goTo("People");
      await count(b.driver, b.rows(), 1);
      await hasText(b.driver, b.rows(), "Dee Secret");
      await b.openPerson("Dee Secret");
      await one(b.driver, q("heading", "Dee Secret", { level: 1 }));
      await hasText(b.driver, q("main"), "dee@example.test");
    },
  },
];
