import { execFile, execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * A PostgreSQL server of our own on a private port, with password (SCRAM) authentication. The
 * shared server on 5432 trusts every local connection, so a wrong password cannot fail there;
 * this one refuses it exactly as a team's real history database would.
 */
export interface PrivatePostgres {
  port: number;
  password: string;
  url(password?: string, database?: string): string;
  stop(): Promise<void>;
}

function binDir(): string {
  return execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim();
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  const dir = mkdtempSync(path.join(os.tmpdir(), "parity-pg-"));
  const password = `pw-${Math.random().toString(36).slice(2, 12)}`;
  writeFileSync(path.join(dir, "pw"), `${password}\n`);
  // PostgreSQL refuses to run as root: as root, run it as the postgres system user.
  const asRoot = process.getuid?.() === 0;
  const prefix = asRoot ? ["runuser", "-u", "postgres", "--"] : [];
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }));
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }));
    chownSync(dir, uid, gid);
    chownSync(path.join(dir, "pw"), uid, gid);
  }
  const exec = (cmd: string, args: string[]) => run(prefix[0] ?? cmd, prefix.length ? [...prefix.slice(1), cmd, ...args] : args, { timeout: 60_000 });
  await exec(path.join(bin, "initdb"), ["-D", path.join(dir, "data"), "--auth=scram-sha-256", `--pwfile=${path.join(dir, "pw")}`, "-U", "postgres", "--no-sync"]);
  const port = await freePort();
  await exec(path.join(bin, "pg_ctl"), ["-D", path.join(dir, "data"), "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, "-l", path.join(dir, "log"), "-w", "start"]);
  return {
    port,
    password,
    url: (pw = password, database = "postgres") => `postgres://postgres:${encodeURIComponent(pw)}@127.0.0.1:${port}/${database}`,
    async stop() {
      await exec(path.join(bin, "pg_ctl"), ["-D", path.join(dir, "data"), "-m", "immediate", "stop"]).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
