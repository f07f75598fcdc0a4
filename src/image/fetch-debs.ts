// Downloads the chosen .deb files into the hash-addressed cache, each checked
// against the SHA256 and size in the signed Packages index.
import { fetchVerified } from "./download-cache.js";
import type { PackageRecord } from "./packages-index.js";
import { runPool } from "./pool.js";
import type { Progress } from "./progress.js";

const PARALLEL = 4;

export async function fetchDebs(
  mirror: string,
  records: readonly PackageRecord[],
  store: string,
  progress: Progress,
): Promise<number> {
  const total = records.reduce((n, r) => n + r.size, 0);
  progress.begin("download", total, records.length);
  const inFlight = new Map<string, number>();
  let finished = 0;
  let downloaded = 0;
  const report = (): void => progress.bytes(finished + [...inFlight.values()].reduce((a, b) => a + b, 0));
  await runPool(records, PARALLEL, async (r) => {
    const url = `${mirror}/${r.filename}`;
    const got = await fetchVerified(store, [url], r, url, (n) => {
      inFlight.set(r.name, n);
      report();
    });
    inFlight.delete(r.name);
    finished += r.size;
    downloaded += got.downloaded;
    report();
    progress.packageDone(`${r.name} ${r.version}${got.downloaded === 0 ? " (cached)" : ""}`, r.size);
  });
  progress.end();
  return downloaded;
}
