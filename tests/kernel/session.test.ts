// Process groups and sessions: tests/kernel/c/session.c natively and in Aramid (see kernel-c.ts).
import { test } from "node:test";
import { skipWithoutAramid } from "../harness/run.js";
import { cannotBuild, runBoth } from "./kernel-c.js";

test("session: Aramid matches Linux", { skip: cannotBuild() ?? skipWithoutAramid() }, async () => {
  await runBoth("session");
});
