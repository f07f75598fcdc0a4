// `aramid image build|list|rm`: the command-line face of src/image/.
import { parseArgs } from "node:util";
import { buildImage } from "../image/build.js";
import { DEFAULT_IMAGE_NAME, DEFAULT_PACKAGES, DEFAULT_SUITE, MIRROR_ENV } from "../image/defaults.js";
import { describeImageError, ImageError } from "../image/errors.js";
import { listImages, removeImage } from "../image/images.js";
import { formatBytes, stderrProgress } from "../image/progress.js";

const USAGE = `usage:
  aramid image build [--suite ${DEFAULT_SUITE}] [--packages a,b,c] [--name NAME] [--mirror URL]
  aramid image list
  aramid image rm NAME

The mirror defaults to $${MIRROR_ENV}, then Debian's public archive.
Default packages: ${DEFAULT_PACKAGES.join(",")}
`;

export async function imageCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  try {
    switch (sub) {
      case "build":
        return await build(rest);
      case "list":
      case "ls":
        return list();
      case "rm":
      case "remove":
        return remove(rest);
      case "help":
      case "--help":
      case "-h":
        process.stdout.write(USAGE);
        return 0;
      default:
        process.stderr.write(sub === undefined ? USAGE : `aramid image: unknown command "${sub}"\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    return report(e);
  }
}

async function build(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      suite: { type: "string" },
      packages: { type: "string" },
      name: { type: "string" },
      mirror: { type: "string" },
    },
    strict: true,
  });
  const packages = values.packages?.split(",").map((p) => p.trim()).filter((p) => p !== "");
  const started = Date.now();
  const result = await buildImage({
    suite: values.suite,
    packages: packages !== undefined && packages.length > 0 ? packages : undefined,
    name: values.name ?? DEFAULT_IMAGE_NAME,
    mirror: values.mirror,
    progress: stderrProgress(),
  });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  process.stderr.write(
    `aramid image: built ${result.manifest.packages.length} packages in ${secs}s ` +
      `(downloaded ${formatBytes(result.downloadedBytes)})\n`,
  );
  process.stdout.write(`${result.dir}\n`);
  return 0;
}

function list(): number {
  for (const img of listImages()) {
    const m = img.manifest;
    const desc = m === undefined ? "(incomplete: no manifest)" : `${m.suite} ${m.architecture}, ${m.packages.length} packages, ${m.created}`;
    process.stdout.write(`${img.name}\t${desc}\t${img.dir}\n`);
  }
  return 0;
}

function remove(args: string[]): number {
  if (args.length === 0) {
    process.stderr.write("aramid image rm: name an image (see `aramid image list`)\n");
    return 2;
  }
  for (const name of args) removeImage(name);
  return 0;
}

function report(e: unknown): number {
  const described = describeImageError(e);
  if (described !== undefined) {
    process.stderr.write(described);
    return e instanceof ImageError && e.kind === "usage" ? 2 : 1;
  }
  if (e instanceof TypeError && (e as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS")) {
    process.stderr.write(`aramid image: ${e.message}\n${USAGE}`);
    return 2;
  }
  process.stderr.write(`aramid image: error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return 1;
}
