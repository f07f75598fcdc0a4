// Credentials: tests/kernel/c/cred.c natively and in Aramid (see kernel-c.ts).
import { test } from "node:test";
import { skipWithoutAramid } from "../harness/run.js";
import { cannotBuild, runBoth } from "./kernel-c.js";

test("cred: Aramid matches Linux", { skip: cannotBuild() ?? skipWithoutAramid() }, async () => {
  await runBoth("cred");
});
