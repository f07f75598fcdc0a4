// The `aramid` command.
import { parseRunArgs, RUN_USAGE, runProgram } from "./run-command.js";

const USAGE = `usage:
  aramid                       boot the default Debian image into a shell
  ${RUN_USAGE.replace("usage: ", "")}
  aramid image build|list|rm   manage Debian root filesystem images`;

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === "run") {
    const opts = parseRunArgs(rest);
    if (typeof opts === "string") {
      process.stderr.write(`aramid run: ${opts}\n${RUN_USAGE}\n`);
      return 2;
    }
    if (opts.rootfs === "") opts.rootfs = await defaultRootfs();
    return runProgram(opts);
  }
  if (cmd === "image") {
    const { imageCommand } = await import("./image-command.js");
    return imageCommand(rest);
  }
  if (cmd === undefined) {
    const rootfs = await defaultRootfs();
    return runProgram({ rootfs, mem: 1024 ** 3, env: [`TERM=${process.env.TERM ?? "linux"}`], trace: false,
      stats: false, init: null, program: "/bin/sh", args: ["-l"] });
  }
  if (cmd === "--help" || cmd === "-h" || cmd === "help") {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  process.stderr.write(`aramid: unknown command ${cmd}\n${USAGE}\n`);
  return 2;
}

async function defaultRootfs(): Promise<string> {
  const { ensureDefaultImage } = await import("../image/default-image.js");
  return ensureDefaultImage();
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  async (e: unknown) => {
    // An image that cannot be built is the user's problem to fix, not a crash.
    const { describeImageError } = await import("../image/errors.js");
    const described = describeImageError(e);
    if (described !== undefined) {
      process.stderr.write(described + "\n");
      process.exit(1);
    }
    process.stderr.write(`aramid: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(70);
  },
);
