import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

/** Folders made for the importing test file (vitest loads this module once per file). */
const made: string[] = [];
afterAll(() => Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true }))));

/**
 * A fresh folder in the temp folder (`prefix` + random), removed once the test file's tests are
 * done — whether a test, a beforeAll or a helper made it — so `npm test` leaves nothing behind.
 */
export async function tempFolder(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}
