import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { crc32 } from "node:zlib";
import { ProbeError } from "../../src/errors.js";
import type { FolderMigration, MigrationTool } from "./types.js";

/** A repository's migrations folder holds hundreds of files, not this many. */
const MAX_FILES = 20_000;

/**
 * Lists a repository's migrations folder the way the tool names its files, with the key the
 * history table records for each (and, for Flyway and Prisma, the checksum it would record).
 */
export async function readFolder(folder: string, mapDir: string, tool: MigrationTool, signal: AbortSignal): Promise<{ path: string; migrations: FolderMigration[] }> {
  const root = isAbsolute(folder) ? folder : resolve(mapDir, folder);
  const what = `migrations folder ${folder}${root === folder ? "" : ` (${root})`}`;
  if (tool === "liquibase") {
    throw new ProbeError(`${what}: comparing against a folder is not available for Liquibase, whose changesets live inside changelog files (leave folder: out)`);
  }
  const info = await stat(root).catch(() => undefined);
  if (!info) throw new ProbeError(`${what} does not exist`);
  if (!info.isDirectory()) throw new ProbeError(`${what} is not a folder`);
  signal.throwIfAborted();
  const files = (await readdir(root, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join("/"))
    .sort();
  if (files.length > MAX_FILES) throw new ProbeError(`${what} holds more than ${MAX_FILES} files; point folder: at the migrations themselves`);
  const migrations = await READERS[tool](files, root);
  migrations.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { path: folder, migrations };
}

type Reader = (files: string[], root: string) => Promise<FolderMigration[]>;

const base = (file: string) => file.slice(file.lastIndexOf("/") + 1);

/** Files whose base name matches `pattern`, keyed by what `key` makes of the match. */
function byName(pattern: RegExp, key: (m: RegExpExecArray) => string): Reader {
  return async (files) =>
    files.flatMap((file) => {
      const m = pattern.exec(base(file));
      return m ? [{ key: key(m), file }] : [];
    });
}

/** Numeric versions as the tools store them (goose and golang-migrate keep them as integers). */
const integer = (digits: string) => BigInt(digits).toString();

/**
 * Flyway's checksum: CRC-32 over the file's lines without their line breaks (a BOM dropped),
 * as a signed 32-bit integer: java.util.zip.CRC32 fed line by line from BufferedReader.
 */
export function flywayChecksum(text: string): string {
  const lines = text.replace(/^\uFEFF/, "").replace(/\r\n|\r|\n/g, "");
  return String(crc32(Buffer.from(lines, "utf8")) | 0);
}

const flyway: Reader = async (files, root) => {
  const out: FolderMigration[] = [];
  for (const file of files) {
    const name = base(file);
    // V1_2__add_index.sql → version 1.2; R__views.sql → repeatable "views" (Flyway's description: _ as spaces).
    const versioned = /^V([0-9][0-9._]*)__(.+)\.sql$/i.exec(name);
    const repeatable = /^R__(.+)\.sql$/i.exec(name);
    if (!versioned && !repeatable) continue;
    const key = versioned ? versioned[1]!.replace(/_/g, ".") : `R:${repeatable![1]!.replace(/_/g, " ")}`;
    out.push({ key, file, checksums: [flywayChecksum(await readFile(join(root, file), "utf8"))] });
  }
  return out;
};

const prisma: Reader = async (files, root) => {
  const out: FolderMigration[] = [];
  for (const file of files) {
    const m = /^([^/]+)\/migration\.sql$/.exec(file);
    if (!m) continue;
    const text = await readFile(join(root, file), "utf8");
    // Prisma accepts the checksum of the file with either line endings (git may have changed them).
    const variants = [text, text.replace(/\r\n/g, "\n"), text.replace(/\r?\n/g, "\r\n")];
    out.push({ key: m[1]!, file, checksums: [...new Set(variants.map((v) => createHash("sha256").update(v, "utf8").digest("hex")))] });
  }
  return out;
};

/** `app/migrations/0002_x.py`: a folder of one app's migrations, or a project holding several. */
const django: Reader = async (files, root) =>
  files.flatMap((file) => {
    const parts = file.split("/");
    const m = /^(\d{4}_\w+)\.py$/.exec(parts[parts.length - 1]!);
    if (!m) return [];
    const app = parts.length >= 3 && parts[parts.length - 2] === "migrations" ? parts[parts.length - 3]! : parts.length === 1 ? base(root.split(sep).slice(-2, -1)[0] ?? "") : undefined;
    return app ? [{ key: `${app}.${m[1]}`, file }] : [];
  });

/** Alembic revisions: `revision = "…"` and `down_revision = "…" | ("…", "…") | None` inside each file. */
const alembic: Reader = async (files, root) => {
  const out: FolderMigration[] = [];
  for (const file of files.filter((f) => f.endsWith(".py"))) {
    const text = await readFile(join(root, file), "utf8");
    const revision = /^revision(?:\s*:\s*[\w\[\], ]+)?\s*=\s*["']([^"']+)["']/m.exec(text)?.[1];
    if (!revision) continue;
    const down = /^down_revision(?:\s*:\s*[^=]+)?\s*=\s*(.+)$/m.exec(text)?.[1] ?? "None";
    const parents = [...down.matchAll(/["']([^"']+)["']/g)].map((m) => m[1]!);
    out.push({ key: revision, file, parents });
  }
  return out;
};

const READERS: Record<Exclude<MigrationTool, "liquibase">, Reader> & Record<"liquibase", Reader> = {
  flyway,
  liquibase: async () => [],
  rails: byName(/^(\d+)_\w+\.rb$/, (m) => m[1]!),
  prisma,
  django,
  alembic,
  goose: byName(/^(\d+)_[^.]+\.(?:sql|go)$/, (m) => integer(m[1]!)),
  "golang-migrate": byName(/^(\d+)_.+\.up\.[a-z]+$/i, (m) => integer(m[1]!)),
  atlas: byName(/^(\d[^_]*)(?:_.+)?\.sql$/, (m) => m[1]!),
  knex: byName(/^(.+\.(?:js|ts|mjs|cjs))$/, (m) => m[1]!),
};
