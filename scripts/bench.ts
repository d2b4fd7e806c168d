import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Bench, BenchRow } from "./bench-kit.js";

// Runs every `*.bench.ts` of every package, one after another (so they do not disturb each other's
// timings), and ends with one table: name, median, target, met or not.
const root = fileURLToPath(new URL("..", import.meta.url));

function findBenches(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === "node_modules" || entry === "dist") continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...findBenches(path));
    else if (entry.endsWith(".bench.ts")) found.push(path);
  }
  return found;
}

const only = process.argv[2];
const files = findBenches(join(root, "packages"))
  .filter((file) => only === undefined || file.includes(only))
  .sort();
const rows: BenchRow[] = [];
let failed = false;
for (const file of files) {
  const bench = (await import(pathToFileURL(file).href)).default as Bench;
  console.log(`\n## ${bench.title} (${relative(root, file)})`);
  try {
    rows.push(...(await bench.run()));
  } catch (error) {
    failed = true;
    console.error(`benchmark failed: ${error instanceof Error ? error.stack : String(error)}`);
    rows.push({ name: bench.title, median: "error", target: "-", met: false });
  }
}

const header = ["name", "median", "target", "met"];
const table = rows.map((r) => [r.name, r.median, r.target, r.met ? "yes" : "NO"]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ");
console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("-|-")}`);
for (const row of table) console.log(line(row));
process.exitCode = failed ? 1 : 0;
