import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ProbeError } from "../../src/errors.js";
import { redactCommand } from "../../probes/config/source-command.js";
import { collect, plain } from "./helpers.js";

describe("config command sources (real commands through the shell)", () => {
  it("reads JSON on stdout, flattened", async () => {
    const snap = await collect({ command: `printf '%s' '{"data":{"RETRY_LIMIT":"3","hosts":["a","b"]},"ok":true}'` });
    expect(plain(snap)).toEqual({ "data.RETRY_LIMIT": "3", "data.hosts": '["a","b"]', ok: "true" });
  });

  it("reads dotenv lines on stdout when it is not JSON", async () => {
    const snap = await collect({ command: "echo PAYMENT_TIMEOUT_MS=1500; echo 'FRAUD_CHECK_MODE=strict # from the shell'" });
    expect(plain(snap)).toEqual({ FRAUD_CHECK_MODE: "strict", PAYMENT_TIMEOUT_MS: "1500" });
  });

  it("runs in the map's folder, through pipes", async () => {
    const snap = await collect({ command: "cat staging.env | grep RETRY" });
    expect(plain(snap)).toEqual({ RETRY_LIMIT: "5" });
  });

  it("a failing command is a ProbeError with its exit code and last stderr line", async () => {
    const error = (await collect({ command: "echo 'first line' >&2; echo 'error: context \"prod\" not found' >&2; exit 3" }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(ProbeError);
    expect(error.message).toMatch(/^config command ".*" exited with code 3: error: context "prod" not found$/);
  });

  it("a command that is not found says so", async () => {
    await expect(collect({ command: "parity-no-such-command-xyz" })).rejects.toThrow(/exited with code 127: .*not found/);
  });

  it("output that is neither JSON nor dotenv, broken JSON and silence are ProbeErrors", async () => {
    await expect(collect({ command: "echo 'Welcome to the ops box'" })).rejects.toThrow(/is neither JSON nor KEY=value lines$/);
    await expect(collect({ command: `echo '{"A": canary-cmd-s3cr3t'` })).rejects.toThrow(/^config command .* is not valid JSON$/);
    await expect(collect({ command: "true" })).rejects.toThrow(/printed nothing on stdout$/);
  });

  it("a command printing more than 10 MiB is stopped", async () => {
    await expect(collect({ command: "yes A=1 | head -c 11000000" })).rejects.toThrow(/printed more than 10 MiB$/);
  });

  it("a map folder that no longer exists is a clear error", async () => {
    await expect(collect({ command: "echo A=1" }, { mapDir: "/nonexistent/parity-map-dir" })).rejects.toThrow(
      /could not be started in \/nonexistent\/parity-map-dir \(ENOENT\)$/,
    );
  });

  it("a hanging command is killed at the timeout, children included", async () => {
    const started = Date.now();
    // The subshell keeps stdout open from a grandchild; killing only the shell would hang here.
    const error = (await collect({ command: "echo A=1; (sleep 30; echo B=2); echo C=3", timeoutMs: 400 }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(ProbeError);
    expect(error.message).toMatch(/^config command ".*" timed out after 400 ms$/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("leaves no process of a timed-out pipeline behind", async () => {
    const dir = await mkdtemp(join(tmpdir(), "parity-config-cmd-"));
    try {
      const pidFile = join(dir, "grandchild.pid");
      await expect(collect({ command: `sh -c 'echo $$ > ${pidFile}; exec sleep 30' | cat`, timeoutMs: 400 })).rejects.toThrow(/timed out after 400 ms$/);
      const pid = Number((await readFile(pidFile, "utf8")).trim());
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(isRunning(pid)).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  describe("children that leave the process group (nohup, setsid) do not outlive the probe", () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), "parity-config-cmd-"));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });
    /** Starts a detached child that records its pid, and waits until it has. */
    const detached = (how: string, pidFile: string, after: string) =>
      `${how} sh -c 'echo $$ > ${pidFile}; exec sleep 30' ${how === "nohup" ? ">/dev/null 2>&1" : ""} & while [ ! -s ${pidFile} ]; do sleep 0.02; done; ${after}`;
    const pidIn = async (file: string) => Number((await readFile(file, "utf8")).trim());

    it("a nohup child of a command that succeeded is killed when its output is read", async () => {
      const pidFile = join(dir, "nohup.pid");
      const snap = await collect({ command: detached("nohup", pidFile, "echo A=1") });
      expect(plain(snap)).toEqual({ A: "1" });
      expect(isRunning(await pidIn(pidFile))).toBe(false);
    });

    it("a setsid child holding stdout open is killed at the timeout", async () => {
      const pidFile = join(dir, "setsid.pid");
      await expect(collect({ command: detached("setsid", pidFile, "echo A=1"), timeoutMs: 600 })).rejects.toThrow(/timed out after 600 ms$/);
      expect(isRunning(await pidIn(pidFile))).toBe(false);
    });

    it("a detached child is killed when the probe is cancelled", async () => {
      const pidFile = join(dir, "cancel.pid");
      const controller = new AbortController();
      const run = collect({ command: detached("setsid", pidFile, "sleep 30"), timeoutMs: 10_000 }, { signal: controller.signal });
      while (!(await readFile(pidFile, "utf8").catch(() => ""))) await new Promise((r) => setTimeout(r, 20));
      controller.abort();
      await expect(run).rejects.toThrow(/was stopped: the probe was cancelled$/);
      expect(isRunning(await pidIn(pidFile))).toBe(false);
    });
  });

  it("stops when the probe's signal is aborted", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    await expect(collect({ command: "sleep 30", timeoutMs: 10_000 }, { signal: controller.signal })).rejects.toThrow(/was stopped: the probe was cancelled$/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it.each([
    ["vault kv get -format=json -address=https://vault:8200 -token=canary-1 secret/app", "-token=«redacted»"],
    ["curl -H 'Authorization: Bearer canary-2' https://cfg.internal/app", "Authorization: Bearer «redacted»"],
    ["psql postgres://app:canary-3@db/x -c 'select 1'", "postgres://app:«redacted»@db/x"],
    ["deploy-tool --password canary-4 show", "--password «redacted»"],
    ["env API_KEY=canary-5 ./print-config", "API_KEY=«redacted»"],
  ])("the command is shown with its secrets hidden: %s", (command, shown) => {
    const redacted = redactCommand(command);
    expect(redacted).toContain(shown);
    expect(redacted).not.toMatch(/canary/);
  });

  it("a failing command's message hides the secrets in its command line and stderr", async () => {
    const command = "echo 'auth failed for https://ops:canary-cmd-pw@cfg.internal' >&2; exit 1 # --token canary-cmd-token";
    const error = (await collect({ command }).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain("exited with code 1: auth failed for https://ops:«redacted»@cfg.internal");
    expect(error.message).not.toContain("canary");
  });
});

/** Whether a process still runs; a zombie does not (PID 1 in some containers never reaps them). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}
