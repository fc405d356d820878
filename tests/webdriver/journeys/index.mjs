//! Every journey of the suite, in the order they run in each engine. A
//! journey is `{ name, run(t) }`; `t` is described in run.mjs (`context`).
//! Each starts from a fresh browser with an empty profile.

import backup from "./backup.mjs";
import engine from "./engine.mjs";
import more from "./more.mjs";
import people from "./people.mjs";

export const journeys = [...people, ...backup, ...more, ...engine];
