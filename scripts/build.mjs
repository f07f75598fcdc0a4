// Builds Aramid: the wasm CPU (AssemblyScript) into dist/cpu.wasm, then the
// TypeScript kernel into dist/. Run by `npm run build`, `npm test` and on install.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => join(root, "node_modules", ".bin", name);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: "inherit" });

mkdirSync(join(root, "dist"), { recursive: true });
run(bin("asc"), [
  "src/cpu/as/index.ts",
  "--importMemory",
  "--memoryBase", String(0x1000),
  "--runtime", "stub",
  "--noAssert",
  "-O3",
  "--outFile", "dist/cpu.wasm",
]);
run(bin("tsc"), ["-p", "tsconfig.json"]);
