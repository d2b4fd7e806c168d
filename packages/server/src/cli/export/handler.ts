import { createWriteStream, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { finished } from "node:stream/promises";
import { exportLog } from "../../export/export-log.js";
import { LOG_FILE } from "../../store/log-format.js";
import type { ExportOptions } from "./options.js";

export async function exportHandler(options: ExportOptions): Promise<void> {
  const path = join(options.data, LOG_FILE);
  const fail = (message: string, code: number) => {
    process.stderr.write(`pos-server export: ${message}\n`);
    process.exitCode = code;
  };
  if (!existsSync(path))
    return fail(
      `there is no chain log at ${path}: point --data at the directory the server used (its --data).`,
      2,
    );
  if (options.out !== undefined && resolve(options.out) === resolve(path))
    return fail(`--out ${options.out} is the chain log itself: write the export somewhere else.`, 2);
  const file = options.out === undefined ? null : createWriteStream(options.out);
  const out = file ?? process.stdout;
  let result: Awaited<ReturnType<typeof exportLog>>;
  try {
    result = await exportLog({ logPath: path, format: options.format, validators: options.validators, out });
  } catch (error) {
    file?.destroy();
    return fail(`could not read ${path}: ${(error as Error).message}`, 2);
  }
  if (file) {
    file.end();
    await finished(file);
  }
  const { scan, rows } = result;
  const what = options.validators ? "validator" : "block";
  if (file) process.stderr.write(`wrote ${rows} ${what} rows to ${options.out}\n`);
  if (scan.torn)
    process.stderr.write(
      `pos-server export: left out the last ${scan.torn.bytes} bytes: a record still being written or cut short (${scan.torn.reason})\n`,
    );
  if (scan.bad)
    fail(
      `block ${scan.bad.index} at byte offset ${scan.bad.offset} is bad: ${scan.bad.message} [${scan.bad.code}]; ` +
        `the rows are from blocks 0..${scan.bad.index - 1} only. \`pos-server verify --data ${options.data}\` tells more.`,
      1,
    );
}
