import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canaryDb, type CanaryDb } from "./servers.js";
import { COSTLY_WHERE, eventually, isRunning, startCli } from "./cli-child.js";

/**
 * Ctrl-C (SIGINT) or SIGTERM mid-profile on a real server: parity's statements are cancelled on
 * the server, the config command and its detached child are killed, the report of what finished
 * is printed, and the exit code says which signal it was. Asserted by the server's own session
 * list and the process table.
 */
describe.each([
  ["postgres", "SIGINT", 130],
  ["mariadb", "SIGTERM", 143],
] as const)("%s: %s mid-profile cancels cleanly", (engine, signal, exitCode) => {
  let db: CanaryDb;
  let dir: string;

  /** Sessions parity holds on the database, by the server's own list. */
  const paritySessions = async (): Promise<number> =>
    Number(
      await db.value(
        engine === "postgres"
          ? `SELECT count(*) FROM pg_stat_activity WHERE datname = '${db.name}' AND application_name = 'parity'`
          : `SELECT count(*) FROM information_schema.PROCESSLIST WHERE DB = '${db.name}' AND ID <> CONNECTION_ID()`,
      ),
    );
  const profiling = async (): Promise<boolean> =>
    Number(
      await db.value(
        engine === "postgres"
          ? `SELECT count(*) FROM pg_stat_activity WHERE datname = '${db.name}' AND state = 'active' AND query LIKE '%md5(%'`
          : `SELECT count(*) FROM information_schema.PROCESSLIST WHERE DB = '${db.name}' AND INFO LIKE '%md5(%' AND ID <> CONNECTION_ID()`,
      ),
    ) >= 2;

  beforeAll(async () => {
    db = await canaryDb(engine, "parity_cancel");
    await db.exec(
      engine === "postgres"
        ? "CREATE TABLE slow (id int PRIMARY KEY, note text); INSERT INTO slow SELECT g, 'n' || (g % 97) FROM generate_series(1, 100000) g; ANALYZE slow;"
        : "CREATE TABLE slow (id int PRIMARY KEY, note varchar(20)); INSERT INTO slow SELECT seq, CONCAT('n', seq % 97) FROM seq_1_to_100000;",
    );
    dir = await mkdtemp(path.join(os.tmpdir(), "parity-cancel-"));
    const pidFile = path.join(dir, "detached.pid");
    await writeFile(
      path.join(dir, "parity-map.yaml"),
      `version: 1
service: cancel
environments:
  staging:
    database: { url: "${db.url()}" }
    config: { command: "setsid sh -c 'echo $$ > ${pidFile}; exec sleep 120' & sleep 120", timeoutMs: 60000 }
  production:
    database: { url: "${db.url()}" }
    config: { command: "echo A=1" }
pairs:
  - { staging: staging, production: production }
probes:
  - { id: canary, kind: data, tables: [{ name: canary }] }
  - id: slow
    kind: data
    timeoutMs: 60000
    tables: [{ name: slow, where: "${COSTLY_WHERE}" }]
  - { id: app-config, kind: config }
`,
    );
  }, 60_000);
  afterAll(async () => {
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it(`stops the statements within 2 s, kills the command's detached child, reports what finished, exits ${exitCode}`, async () => {
    const { child, done } = startCli(["audit", "--no-history", "--format", "json"], dir);
    // Both sides' profile statements running on the server, the canary probe finished (its two
    // sessions gone: only the profiling ones are left) and the command's child started.
    expect(await eventually(async () => (await profiling()) && (await paritySessions()) === 2, 30_000)).toBe(true);
    expect(await eventually(async () => (await readFile(path.join(dir, "detached.pid"), "utf8").catch(() => "")).trim() !== "", 10_000)).toBe(true);
    const detachedPid = Number((await readFile(path.join(dir, "detached.pid"), "utf8")).trim());
    const sentAt = performance.now();
    child.kill(signal);
    expect(await eventually(async () => (await paritySessions()) === 0, 2_000)).toBe(true);
    const gone = performance.now() - sentAt;
    const result = await done;
    expect(result.code).toBe(exitCode);
    expect(gone).toBeLessThan(2_000);
    expect(isRunning(detachedPid)).toBe(false);
    expect(result.stderr).toContain(`parity: ${signal} received, cancelling`);
    // The report: the finished probe's result, the cancelled ones named as such.
    const audit = JSON.parse(result.stdout) as { pairs: Array<{ probes: Array<{ id: string; status: string; error?: string }> }> };
    const probes = Object.fromEntries(audit.pairs[0]!.probes.map((p) => [p.id, p]));
    expect(probes.canary!.status).toBe("ok");
    expect(probes.slow).toMatchObject({ status: "error", error: expect.stringContaining(`cancelled (${signal})`) });
    expect(probes["app-config"]).toMatchObject({ status: "error", error: `staging: cancelled (${signal})` });
    expect(result.exitedAt - sentAt).toBeLessThan(5_000);
  }, 60_000);

  const completeJson = (text: string): boolean => {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  };
  const killLeftovers = async (): Promise<void> => {
    const ids = await db.value(`SELECT GROUP_CONCAT(ID) FROM information_schema.PROCESSLIST WHERE DB = '${db.name}' AND ID <> CONNECTION_ID()`);
    for (const id of String(ids ?? "").split(",").filter(Boolean)) await db.exec(`KILL ${Number(id)}`).catch(() => undefined);
  };

  it("a second signal exits at once", async () => {
    // The second signal must land while the first cancel is still running. On a quick server the
    // first cancel can finish, and the whole report be written, before it is handled: then the run
    // says nothing about the second signal, and the test tries again, at most three times (a
    // second signal that were ignored would lose every time, and fail the test).
    let attempt: { result: Awaited<ReturnType<typeof startCli>["done"]>; sentAt: number } | undefined;
    for (let tries = 0; tries < 3 && !attempt; tries++) {
      const { child, done, stderr } = startCli(["audit", "--no-history", "--format", "json"], dir);
      expect(await eventually(profiling, 30_000)).toBe(true);
      child.kill(signal);
      // The second one once the first is being handled (two signals sent at once may arrive as
      // one): at the very chunk of stderr that says so, not at the next poll.
      const handled = stderr().includes("received, cancelling") || (await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 2_000);
        child.stderr!.on("data", () => {
          if (stderr().includes("received, cancelling")) {
            clearTimeout(timer);
            resolve(true);
          }
        });
      }));
      expect(handled).toBe(true);
      const sentAt = performance.now();
      child.kill(signal);
      const result = await done;
      const firstCancelFinished = !result.stderr.includes("again, exiting now") && completeJson(result.stdout);
      if (!firstCancelFinished) attempt = { result, sentAt };
      else if (engine === "mariadb") await killLeftovers();
    }
    expect(attempt, "the first cancel finished before a second signal could land, three times").toBeDefined();
    const { result, sentAt } = attempt!;
    expect(result.code).toBe(exitCode);
    expect(result.stderr).toContain(`parity: ${signal} again, exiting now`);
    expect(result.exitedAt - sentAt).toBeLessThan(1_000);
    if (engine === "postgres") {
      // The process is gone before its cancel landed; PostgreSQL notices the vanished client
      // (client_connection_check_interval) and ends the statement within about a second.
      expect(await eventually(async () => (await paritySessions()) === 0, 3_000)).toBe(true);
    } else {
      // MariaDB has no such check: the statement runs to its max_statement_time. Clean up.
      await killLeftovers();
    }
  }, 60_000);
});
