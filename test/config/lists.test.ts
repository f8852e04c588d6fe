import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalText } from "../../probes/documents/canonical.js";
import { DEFAULT_LIST_RULES } from "../../probes/documents/lists.js";
import { collect, compare, plain } from "./helpers.js";

// Lists in structured config sources compare by identity, not position (issue 14): the same
// container `env` list in another order gave 4 false findings when lists were flattened by index.
describe("config probe: lists by identity", () => {
  it("the same document with every list reordered gives no finding, from a file and from a command", async () => {
    const staging = await collect({ file: "lists/staging.json" });
    const reorderedFile = await collect({ file: "lists/staging-reordered.json" });
    const reorderedCommand = await collect({ command: "cat lists/staging-reordered.json" });
    expect(compare(staging, reorderedFile)).toEqual([]);
    expect(compare(staging, reorderedCommand)).toEqual([]);
  });

  it("keys list items by name (or the first unique identity field) and names them in the key", async () => {
    const snap = await collect({ file: "lists/staging.json" });
    const values = plain(snap);
    expect(values["containers[api].env[RETRY_LIMIT].value"]).toBe("3");
    expect(values["containers[proxy].image"]).toBe("envoyproxy/envoy:v1.31.0");
    // Ports carry none of name, address, id or key: keyed by their content, each field its own key.
    const ports = Object.keys(values).filter((k) => k.startsWith("containers[api].ports"));
    expect(ports).toHaveLength(4);
    for (const key of ports) expect(key).toMatch(/^containers\[api\]\.ports\[#[0-9a-f]{8}\]\.(containerPort|protocol)$/);
    expect(values["tolerations[dedicated].operator"]).toBe("Equal");
    expect(values.hosts).toBe('["db-1.internal","db-2.internal"]');
  });

  it("a secret inside list items without an identity is still a secret", async () => {
    const snap = await collect({ command: `echo '{"users":[{"user":"ops","password":"canary-list-pw-1"},{"user":"ci","password":"canary-list-pw-2"}]}'` });
    const secrets = Object.entries(snap.values).filter(([k]) => k.endsWith(".password"));
    expect(secrets).toHaveLength(2);
    for (const [, v] of secrets) expect(v).toMatchObject({ value: null, secret: true });
    expect(JSON.stringify(snap)).not.toContain("canary-list-pw");
    // The items' keys are made from their content, password included, and printed in every
    // output: never a plain SHA-256 prefix that a 4-digit guess at the password would reproduce.
    const plainDigest = (text: string) => createHash("sha256").update(text, "utf8").digest("hex").slice(0, 8);
    const keys = secrets.map(([k]) => /\[#([0-9a-f]{8})\]/.exec(k)?.[1]);
    expect(keys).not.toContain(plainDigest(canonicalText({ user: "ops", password: "canary-list-pw-1" }, "users", DEFAULT_LIST_RULES)));
    expect(keys).not.toContain(plainDigest(canonicalText({ user: "ci", password: "canary-list-pw-2" }, "users", DEFAULT_LIST_RULES)));
  });

  it("items keyed by their content under another hash key (a snapshot taken elsewhere) are one inconclusive note, not missing settings", async () => {
    const staging = await collect({ file: "lists/staging.json" });
    const elsewhere = await collect({ file: "lists/staging-reordered.json" });
    // The same document hashed under another key: every content-keyed segment has another name.
    elsewhere.hashKey = "random:0123456789ab";
    elsewhere.values = Object.fromEntries(Object.entries(elsewhere.values).map(([k, v]) => [k.replace(/\[#([0-9a-f]{8})\]/g, (_m, h: string) => `[#${[...h].reverse().join("")}]`), v]));
    const observations = compare(staging, elsewhere);
    expect(observations.filter((o) => /missing/.test(o.aspect))).toEqual([]);
    expect(observations.filter((o) => o.subject === "list items without an identity")).toEqual([
      expect.objectContaining({ subject: "list items without an identity", aspect: "hash-key", kind: "inconclusive", message: expect.stringMatching(/^8 settings inside list items keyed by their content could not be matched between the sides \(containers\[api\]\.ports\[#/) }),
    ]);
  });

  it("a changed env value is one finding naming the container and the variable", async () => {
    const staging = await collect({ file: "lists/staging.json" });
    const production = await collect({
      command: `sed 's/"value": "3"/"value": "5"/' lists/staging-reordered.json`,
    });
    expect(compare(staging, production).map((o) => [o.subject, o.message])).toEqual([
      ["containers[api].env[RETRY_LIMIT].value", "containers[api].env[RETRY_LIMIT].value is 3 in staging and 5 in production"],
    ]);
  });

  it("keys: names the identity field for a path; sequences: keeps order where it matters", async () => {
    const keyed = await collect({ file: "lists/staging.json" }, { options: { ignore: [], secrets: [], keys: { "containers.ports": "containerPort" }, sequences: [] } });
    expect(plain(keyed)["containers[api].ports[9090].protocol"]).toBe("TCP");
    const rules = { ignore: [], secrets: [], keys: {}, sequences: ["**.args", "hosts"] };
    const a = await collect({ file: "lists/staging.json" }, { options: rules });
    const b = await collect({ file: "lists/staging-reordered.json" }, { options: rules });
    // hosts is now a sequence, and the reordered file lists it the other way round.
    expect(compare(a, b).map((o) => o.subject)).toEqual(["hosts.0", "hosts.1"]);
    expect(plain(a)["containers[api].args.0"]).toBe("--port");
  });

  it("accepts a top-level list (helm list -o json), keyed by name", async () => {
    const snap = await collect({ command: "cat lists/helm-list.json" });
    expect(plain(snap)["[payments].chart"]).toBe("payments-3.4.1");
    expect(plain(snap)["[redis].app_version"]).toBe("7.2.5");
  });
});

describe("config probe: sources for documents", () => {
  it("files: (a folder of manifests) is for kind: infra, and says so", async () => {
    await expect(collect({ files: "lists" })).rejects.toThrow(
      "environment staging: config.files (a folder of manifests) is read by kind: infra; the config probe reads one document (file, url or command)",
    );
  });

  it("a YAML file of several documents is a list of them, keyed by name", async () => {
    const snap = await collect({ file: "lists/multi.yaml" });
    expect(plain(snap)).toEqual({ "[api].image": "ghcr.io/acme/api:1.42.0", "[api].name": "api", "[worker].image": "ghcr.io/acme/worker:1.42.0", "[worker].name": "worker" });
  });
});
