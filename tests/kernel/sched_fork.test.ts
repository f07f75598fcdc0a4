// Inheritance over fork and clone: tests/kernel/c/sched_fork.c natively and in Aramid (see kernel-c.ts).
import { test } from "node:test";
import { skipWithoutAramid } from "../harness/run.js";
import { cannotBuild, runBoth } from "./kernel-c.js";

test("sched_fork: Aramid matches Linux", {
  skip: cannotBuild() ?? skipWithoutAramid(),
}, async () => {
  await runBoth("sched_fork");
});
