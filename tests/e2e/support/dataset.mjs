// A heavy user's data as a Kith backup file (docs/backup-format.md,
// version 3), generated the same way every time for the same `today`:
// people with their own check-in timers and people who inherit one (from
// their organisation's default or a tag's default in the file's settings),
// most of them overdue (last contact in 2023), a few recently in touch or
// due now, long-ish notes, tags, details, family, birthdays and follow-ups.
// The scale benchmark brings it in through the app's own import.
//
// Invariants the benchmark relies on: every person's `last_interaction` is
// the day of their newest interaction; a run of 7s ("77", "7777") appears
// only in people's numbers (in their name, email and zero-padded phone)
// and in organisation numbers that end their members' numbers, so
// searching "7777" finds p7777 alone, and everyone "77" finds shows "77"
// in their row; people i and i + 500 work at the same organisation.

const FIRST = ["Ana", "Bo", "Chidi", "Dana", "Émile", "Farah", "Gus", "Hana", "Ivo", "Jude", "Kai", "Lea",
  "Mira", "Nils", "Oona", "Pablo", "Quinn", "Rosa", "Sven", "Tariq", "Ulla", "Vera", "Wen", "Yusuf"];
const LAST = ["Cruz", "Lind", "Okafor", "Adams", "Nowak", "Sato", "Silva", "Moreau", "Khan", "Berg",
  "Duarte", "Hale", "Ivanova", "Jensen", "Kowalski", "Larsen", "Mendes", "Novak", "Oyelaran", "Petit"];
const ORG_A = ["Harbor", "Northwind", "Blue Fern", "Granite", "Juniper", "Kestrel", "Lumen", "Meridian",
  "Oakridge", "Pioneer", "Quarry", "Redwood", "Saltmarsh", "Tidewater", "Upland", "Vantage", "Willow", "Yarrow", "Zephyr", "Alder"];
const ORG_B = ["Logistics", "Foods", "Studio", "Capital", "Partners", "Health", "Robotics", "Press", "Energy",
  "Freight", "Textiles", "Labs", "Outfitters", "Builders", "Analytics", "Travel", "Insurance", "Bakery", "Records", "Clinic",
  "Media", "Ceramics", "Dairy", "Systems", "Works"];
const TITLES = ["Head of Operations", "Buyer", "CFO", "Designer", "Account Manager", "Founder", "Dispatcher", "Engineer"];
const TAGS = ["client", "friend", "family", "investor", "mentor", "press", "supplier", "alumni"];
const KINDS = ["call", "video", "meeting", "meal", "message", "email", "event", "other"];
const PHRASES = [
  "talked about the new warehouse in Porto", "asked for pricing on next year's contract",
  "her daughter started university in the autumn", "wants an introduction to someone in logistics",
  "prefers a call on Friday mornings", "was worried about the supplier delays", "loved the ceramics fair",
  "is training for a half marathon", "moved teams after the reorganisation", "sent photos of the new office",
  "mentioned a trip to Lisbon with the family", "is looking for a senior designer", "owes us feedback on the draft",
  "the renewal is due before the summer", "recommended a book on negotiation", "their dog is called Pepper",
  "would like to meet for lunch near the station", "still unhappy about the invoice mix-up",
  "is thinking about starting a company", "knows everyone at the harbour authority",
];
const DETAILS = ["Daughter Ava started university", "Runs a cycling club on Sundays", "Allergic to shellfish",
  "Moved to a flat by the river", "Learning Japanese", "Coffee: flat white, no sugar"];

const PEOPLE = 10_000;
const ORGANISATIONS = 500;
const PER_PERSON = 10;
const STAMP = 1_700_000_000_000; // created/updated of every record

/** Tag defaults in the file's settings: people with no timer of their own
 * and none from their organisation inherit these. */
export const TAG_CADENCES = [
  ["client", { type: "every", count: 2, unit: "weeks" }],
  ["mentor", { type: "every", count: 3, unit: "months" }],
];

// A small deterministic generator (mulberry32).
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Text of about `length` characters from the phrases (no digits). */
function prose(rand, length) {
  let out = "";
  while (out.length < length) {
    const phrase = PHRASES[Math.floor(rand() * PHRASES.length)];
    out += out ? `; ${phrase}` : phrase[0].toUpperCase() + phrase.slice(1);
  }
  return `${out}.`;
}

/** `iso` (YYYY-MM-DD) moved by `days`. */
function shift(iso, days) {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Today as YYYY-MM-DD in this machine's local time (the browser's too). */
export function localToday(now = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Which group person `i` is in: "recent" (in touch days ago, not due),
 * "due" (due now, not yet overdue), or "old" (last contact in 2023). */
function group(i) {
  if (i % 25 === 3) return "recent";
  if (i % 25 === 8) return "due";
  return "old";
}

/** Where person `i`'s timer comes from: "own", "organisation", "tag" or
 * "none". Organisation `o` has a default when `o` is even; person `i`
 * works at `i % 500` unless `i % 10 === 9` (no organisation). */
export function timerSource(i) {
  const r = i % 10;
  if (r <= 3) return "own";
  if (r === 4 || r === 6 || r === 8) return "organisation";
  if (r === 5 || r === 7) return "tag"; // odd organisation, no default; tagged "client"
  return i % 20 === 9 ? "tag" : "none"; // no organisation; "mentor", or nothing
}

/** The people's check-in timers of their own, by `i`. */
function ownCadence(i) {
  const kinds = [
    { type: "every", count: 2, unit: "weeks" },
    { type: "every", count: 1, unit: "months" },
    { type: "every", count: 3, unit: "months" },
    { type: "every", count: 30, unit: "days" },
  ];
  return kinds[Math.floor(i / 10) % kinds.length];
}

/** The backup object: `{ format, version, …, contacts, organisations,
 * interactions, dates, tasks, settings }`, for `today` (YYYY-MM-DD): ten
 * interactions a person, and by default 10,000 people at 500
 * organisations (a smaller set keeps twenty people an organisation). */
export function heavyBackup({ today = localToday(), people = PEOPLE, organisations = Math.ceil((people * ORGANISATIONS) / PEOPLE) } = {}) {
  const rand = random(13);
  const orgs = Array.from({ length: organisations }, (_, o) => ({
    id: `o${o}`,
    name: `${ORG_A[o % ORG_A.length]} ${ORG_B[(o * 3 + Math.floor(o / ORG_A.length)) % ORG_B.length]} ${o}`,
    notes: prose(rand, 120),
    default_cadence: o % 2 === 0 ? { type: "every", count: 1, unit: "months" } : { type: "none" },
    created: STAMP, updated: STAMP, deleted: null,
  }));
  const contacts = [];
  const interactions = [];
  const dates = [];
  const tasks = [];
  const lasts = [];
  for (let i = 0; i < people; i++) {
    const kind = group(i);
    lasts.push(kind === "recent" ? shift(today, -(1 + (i % 5))) : kind === "due" ? shift(today, -33) : shift("2023-01-01", (i * 37) % 365));
  }
  for (let i = 0; i < people; i++) {
    const source = timerSource(i);
    const org = i % 10 === 9 ? null : `o${i % organisations}`;
    const tags = [TAGS[(i * 3) % TAGS.length], ...(i % 3 === 0 ? [TAGS[(i * 5 + 1) % TAGS.length]] : [])]
      .filter((t) => t !== "client" && t !== "mentor");
    if (source === "tag") tags.push(org === null ? "mentor" : "client");
    const first = FIRST[i % FIRST.length];
    const last = LAST[(i * 7) % LAST.length];
    const pad = String(i).padStart(4, "0");
    contacts.push({
      id: `p${i}`,
      name: `${first} ${last} ${i}`,
      given_name: first, family_name: last, nickname: "", pronunciation: "",
      organisation_id: org,
      roles: org === null ? [] : [{ organisation_id: org, title: TITLES[i % TITLES.length], since: null, until: null }],
      emails: [{ label: "work", value: `person${i}@example.test` }],
      phones: [{ label: "mobile", value: `+44 20 7946 ${pad}` }],
      addresses: i % 3 === 0 ? [{ label: "work", value: "Quayside, Harbour Road, Leith" }] : [],
      links: [], uids: [],
      how_we_met: i % 7 === 0 ? "Met at the spring trade fair" : "",
      interests: i % 4 === 0 ? ["sailing", "jazz"] : [],
      tags,
      notes: prose(rand, 200),
      custom_fields: [],
      details: i % 4 === 0
        ? [0, 1].map((k) => ({ id: `d${i}x${k}`, date: shift(lasts[i], -30 * k), text: DETAILS[(i + k) % DETAILS.length], pinned: k === 0 && i % 8 === 0 }))
        : [],
      family: i % 10 === 0 ? [{ id: `f${i}`, name: "Ava", relation: "daughter" }] : [],
      relations: [],
      photo: null, merged_into: null,
      cadence: source === "own" ? ownCadence(i) : { type: "none" },
      cadence_since: null,
      overdue_after_days: source === "own" && i % 40 === 1 ? 45 : null,
      priorities: i % 6 === 0 ? "Closing the renewal before the summer" : "",
      priorities_confirmed: i % 6 === 0 ? lasts[i] : null,
      snoozed_until: null,
      last_interaction: lasts[i],
      created: STAMP, updated: STAMP, deleted: null,
    });
    for (let j = 0; j < PER_PERSON; j++) {
      // The oldest of an "old" person's interactions (2022 at the latest)
      // is shared with a colleague, also "old", whose newest it stays below.
      const colleague = (i + organisations) % people;
      const shared = j === PER_PERSON - 1 && i % 5 === 0 && old(i) && old(colleague) && colleague !== i;
      interactions.push({
        id: `i${i}x${j}`,
        contact_ids: shared ? [`p${i}`, `p${colleague}`] : [`p${i}`],
        kind: KINDS[(i + j) % KINDS.length],
        date: shift(lasts[i], -(j * 47 + (j === 0 ? 0 : i % 11))),
        time: j % 3 === 0 ? "09:30:00" : null,
        notes: prose(rand, 40 + Math.floor(rand() * 120)),
        temperature: (i + j) % 7 === 0 ? { score: 1 + ((i + j) % 5), note: "" } : null,
        created: STAMP, updated: STAMP, deleted: null,
      });
    }
    if (i % 5 === 0) {
      dates.push({ id: `b${i}`, contact_id: `p${i}`, family_member: null, kind: { type: "birthday" },
        month: 1 + ((i * 7) % 12), day: 1 + ((i * 13) % 28), year: i % 2 ? 1980 + (i % 6) * 2 : null, lead_days: 7,
        created: STAMP, updated: STAMP, deleted: null });
    }
    if (i % 10 === 0) {
      dates.push({ id: `fb${i}`, contact_id: `p${i}`, family_member: `f${i}`, kind: { type: "birthday" },
        month: 1 + ((i * 11) % 12), day: 1 + ((i * 3) % 28), year: null, lead_days: 7,
        created: STAMP, updated: STAMP, deleted: null });
    }
    if (i % 50 === 0) {
      tasks.push({ id: `t${i}`, contact_ids: [`p${i}`], text: "Send the revised proposal",
        due: shift(today, (i % 100 === 0 ? -1 : 1) * (3 + (i % 20))), done: null,
        created: STAMP, updated: STAMP, deleted: null });
    }
  }
  return {
    format: "kith-backup", version: 3, app_version: "0.1.0", exported_at: STAMP,
    contacts, organisations: orgs, interactions, dates, tasks, photos: [],
    settings: { check_in: { overdue_percent: 125, tag_cadences: TAG_CADENCES, reconfirm_days: 60 }, backup_reminder_days: 14 },
  };

  function old(k) {
    return group(k) === "old";
  }
}

/** How many of the backup's people have a timer of each source, and how
 * many are in each group; printed beside the figures. */
export function describeBackup(backup) {
  const bySource = {};
  backup.contacts.forEach((_, i) => (bySource[timerSource(i)] = (bySource[timerSource(i)] ?? 0) + 1));
  const byGroup = {};
  backup.contacts.forEach((_, i) => (byGroup[group(i)] = (byGroup[group(i)] ?? 0) + 1));
  return { bySource, byGroup };
}
