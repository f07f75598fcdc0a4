// Loads the compiled wasm CPU in Node. Compiled to dist/src/host/, the
// module sits at dist/cpu.wasm (scripts/build.mjs).
import { readFileSync } from "node:fs";

let cached: WebAssembly.Module | undefined;

/** The CPU module, compiled once per process and shared by every Cpu. */
export function loadCpuModule(): WebAssembly.Module {
  cached ??= new WebAssembly.Module(readFileSync(new URL("../../cpu.wasm", import.meta.url)));
  return cached;
}
