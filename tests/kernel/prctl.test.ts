// prctl: tests/kernel/c/prctl.c natively and in Aramid (see kernel-c.ts).
import { test } from "node:test";
import { skipWithoutAramid } from "../harness/run.js";
import { cannotBuild, runBoth } from "./kernel-c.js";

test("prctl: Aramid matches Linux", { skip: cannotBuild() ?? skipWithoutAramid() }, async () => {
  await runBoth("prctl");
});
