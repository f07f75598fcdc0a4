// End-to-end checks through `aramid run` that do not fit the contract
// format: exit statuses (normal, signals), the loader's error paths on bad
// executables, what the program sees at entry (argv, envp, auxv), --env and
// --trace. Guest programs are in tests/guest/ (built into build/guest/rv64);
// the malformed executables are made by tests/harness/bad-elf.ts. The guest
// programs' own checks also run under qemu-riscv64, to show the programs
// themselves are right.
import assert from "node:assert/strict";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { BAD_ELVES, writeBadElves } from "./harness/bad-elf.js";
import { BUILD, type RunResult, describe as show, haveTool, runAramid, runQemu, skipWithoutAramid } from "./harness/run.js";

const GUEST = join(BUILD, "guest", "rv64");
const BAD_DIR = join(BUILD, "loader");
const skip = skipWithoutAramid();

function guest(program: string, args: string[] = [], extra: { guestEnv?: string[]; trace?: boolean } = {}): Promise<RunResult> {
  return runAramid(program, args, { rootfs: GUEST, timeoutMs: 120_000, ...extra });
}

/** Aramid must report guest errors as messages, never as a Node.js crash. */
function assertNoJsStack(r: RunResult): void {
  const text = `${r.stderr}\n${r.stdout}`;
  assert.doesNotMatch(text, /^\s+at .*(\(|file:\/\/|node:).*\d+:\d+\)?$/m, `JavaScript stack trace:\n${show(r)}`);
  assert.doesNotMatch(text, /^Node\.js v\d+/m, `Node.js crashed:\n${show(r)}`);
  assert.doesNotMatch(text, /\boops\b/i, `kernel oops:\n${show(r)}`);
}

describe("aramid run: exit status", () => {
  test("static glibc hello prints hello and exits 0", { skip }, async () => {
    const r = await guest("/hello");
    assert.equal(r.stdout, "hello, world\n", show(r));
    assert.equal(r.status, 0, show(r));
    assertNoJsStack(r);
  });

  test("exit code 3 comes back as 3", { skip }, async () => {
    const r = await guest("/exit3");
    assert.equal(r.stdout, "exiting with 3\n", show(r));
    assert.equal(r.status, 3, show(r));
  });

  test("exit_group keeps only the low 8 bits of the status", { skip }, async () => {
    for (const [code, want] of [["0", 0], ["255", 255], ["256", 0], ["257", 1]] as const) {
      const r = await guest("/exit_code", [code]);
      assert.equal(r.status, want, `exit_group(${code}):\n${show(r)}`);
    }
  });

  test("abort() ends with status 134 (SIGABRT)", { skip }, async () => {
    const r = await guest("/abort");
    assert.equal(r.stdout, "aborting\n", show(r));
    assert.equal(r.status, 134, show(r));
    assertNoJsStack(r);
  });

  test("a NULL dereference ends with status 139 (SIGSEGV)", { skip }, async () => {
    const r = await guest("/nullderef");
    assert.equal(r.stdout, "before\n", show(r));
    assert.equal(r.status, 139, show(r));
    assertNoJsStack(r);
  });

  test("an illegal instruction ends with status 132 (SIGILL)", { skip }, async () => {
    const r = await guest("/illegal");
    assert.equal(r.stdout, "before\n", show(r));
    assert.equal(r.status, 132, show(r));
    assertNoJsStack(r);
  });

  test("a missing program is a clean error with status 127", { skip }, async () => {
    const r = await guest("/no-such-program");
    assert.equal(r.status, 127, show(r));
    assert.match(r.stderr, /no such file or directory/i, show(r));
    assertNoJsStack(r);
  });
});

describe("aramid run: bad executables", () => {
  before(() => writeBadElves(BAD_DIR, join(GUEST, "hello"), join(GUEST, "x86_64-hello")));

  test("the unmodified template runs from the same directory", { skip }, async () => {
    const r = await runAramid("/good", [], { rootfs: BAD_DIR, timeoutMs: 120_000 });
    assert.equal(r.stdout, "hello, world\n", show(r));
    assert.equal(r.status, 0, show(r));
  });

  for (const bad of BAD_ELVES) {
    test(`${bad.name} is refused cleanly`, { skip }, async () => {
      const r = await runAramid(`/${bad.name}`, [], { rootfs: BAD_DIR, timeoutMs: 120_000 });
      assertNoJsStack(r);
      assert.notEqual(r.status, 0, `a bad executable must not succeed:\n${show(r)}`);
      assert.equal(r.stdout, "", show(r));
      if (bad.message !== null) {
        assert.equal(r.status, 126, `ENOEXEC is reported as status 126:\n${show(r)}`);
        assert.match(r.stderr, bad.message, show(r));
      }
    });
  }

  test("a file without execute permission gives EACCES (status 126)", { skip }, async () => {
    const r = await runAramid("/not-executable", [], { rootfs: BAD_DIR, timeoutMs: 120_000 });
    assertNoJsStack(r);
    assert.equal(r.status, 126, show(r));
    assert.match(r.stderr, /permission denied/i, show(r));
  });
});

describe("aramid run: initial process state", () => {
  test("auxv checks pass under qemu (validates the program)", { skip: haveTool("qemu-riscv64") ? false : "no qemu-riscv64" }, async () => {
    const r = await runQemu(join(GUEST, "auxv"));
    assert.match(r.stdout, /^AUXV_OK$/m, show(r));
  });

  test("auxv: AT_PAGESZ, AT_CLKTCK, AT_RANDOM, AT_EXECFN, AT_HWCAP IMAFDC, AT_PHDR/ENTRY", { skip }, async () => {
    const r = await guest("/auxv");
    const failed = r.stdout.split("\n").filter((l) => l.endsWith(": no"));
    assert.deepEqual(failed, [], show(r));
    assert.match(r.stdout, /^AT_EXECFN=\/auxv$/m, show(r));
    assert.match(r.stdout, /^AUXV_OK$/m, show(r));
    assert.equal(r.status, 0, show(r));
  });

  test("argc and argv reach the program unchanged", { skip }, async () => {
    const r = await guest("/show_args", ["one", "two words", "", "-x"]);
    const expected = ["argc=5", "argv[0]=/show_args", "argv[1]=one", "argv[2]=two words", "argv[3]=", "argv[4]=-x", "argv[argc]=NULL"];
    assert.deepEqual(r.stdout.split("\n").slice(0, expected.length), expected, show(r));
    assert.equal(r.status, 0, show(r));
    assert.equal(r.stderr, "this line goes to stderr\n", `guest stderr goes to stderr:\n${show(r)}`);
  });

  test("--env K=V reaches the program's environment", { skip }, async () => {
    const r = await guest("/show_args", [], { guestEnv: ["ARAMID_TEST_A=1", "ARAMID_TEST_B=x=y z"] });
    assert.match(r.stdout, /^env ARAMID_TEST_A=1$/m, show(r));
    assert.match(r.stdout, /^env ARAMID_TEST_B=x=y z$/m, show(r));
    assert.equal(r.status, 0, show(r));
  });
});

describe("aramid run: --trace", () => {
  test("--trace prints syscall lines to stderr and leaves stdout alone", { skip }, async () => {
    const r = await guest("/hello", [], { trace: true });
    assert.equal(r.stdout, "hello, world\n", show(r));
    assert.equal(r.status, 0, show(r));
    assert.match(r.stderr, /\bwrite\b/, `no write line in the trace:\n${show(r)}`);
    assert.match(r.stderr, /\bexit_group\b/, `no exit_group line in the trace:\n${show(r)}`);
    assertNoJsStack(r);
  });

  test("without --trace nothing is printed to stderr", { skip }, async () => {
    const r = await guest("/hello");
    assert.equal(r.stderr, "", show(r));
  });
});
