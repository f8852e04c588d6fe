import { access, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "../../errors.js";
import { packageRoot } from "../version.js";

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** The service's name: package.json's, else the folder's. */
async function inferService(dir: string): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")) as { name?: string };
    if (pkg.name) return pkg.name.replace(/^@[^/]+\//, "");
  } catch {
    // no package.json: fall back to the folder name
  }
  return path.basename(dir);
}

/** Config files teams commonly keep per environment, relative to the map. */
async function inferConfig(dir: string, env: string): Promise<string | undefined> {
  for (const candidate of [`.env.${env}`, `config/${env}.env`, `config/${env}.json`, `config/${env}.yaml`, `${env}.env`]) {
    if (await exists(path.join(dir, candidate))) return `./${candidate}`;
  }
  return undefined;
}

export function starterMap(service: string, schemaRef: string, staging?: string, production?: string): string {
  return `# yaml-language-server: $schema=${schemaRef}
# parity map for ${service}: which environments to compare, what to probe, and the known
# differences between them. Edit by hand, review like code; \`parity map validate\` checks it.
version: 1
service: ${service}

environments:
  staging:
    # Targets come from variables so secrets stay out of the file: \${VAR} or \${VAR:-default}.
    config: { file: "\${STAGING_CONFIG:-${staging ?? "./config/staging.env"}}" }
    # database: { url: "\${STAGING_DB_URL}" }            # postgres:// or mysql://
    # http: { baseUrl: "\${STAGING_BASE_URL}" }
  production:
    config: { file: "\${PRODUCTION_CONFIG:-${production ?? "./config/production.env"}}" }
    # database: { url: "\${PROD_DB_URL}" }               # a read-only user is enough
    # http: { baseUrl: "\${PROD_BASE_URL}", headers: { Authorization: "Bearer \${PROD_TOKEN}" } }

pairs:
  - { staging: staging, production: production }

probes:
  - { id: app-config, kind: config, ignore: [BUILD_*] }
  # - { id: db-schema, kind: schema }
  # - { id: api-latency, kind: latency, request: { path: /health } }

# The known gaps: run \`parity audit\`, then \`parity map suggest --write\` to add entries for
# what it found, and give each an owner, an impact and a review date.
differences: []
`;
}

export async function initCommand(options: { map: string }): Promise<number> {
  const file = path.resolve(options.map);
  if (await exists(file)) throw new UsageError(`${options.map} already exists; parity init never overwrites a map (edit it, or pass --map NEW_FILE)`);
  const dir = path.dirname(file);
  const schema = path.join(packageRoot(), "schema", "parity-map.schema.json");
  const schemaRef = path.relative(dir, schema).split(path.sep).join("/");
  const text = starterMap(await inferService(dir), schemaRef.startsWith(".") ? schemaRef : `./${schemaRef}`, await inferConfig(dir, "staging"), await inferConfig(dir, "production"));
  try {
    await writeFile(file, text, { flag: "wx" });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UsageError(`cannot write ${options.map}: its folder does not exist`);
    if (code === "EEXIST") throw new UsageError(`${options.map} already exists; parity init never overwrites a map`);
    throw new UsageError(`cannot write ${options.map}: ${code === "EACCES" || code === "EPERM" ? "permission denied" : (error as Error).message}`);
  }
  process.stdout.write(`wrote ${path.relative(process.cwd(), file) || file}; next: point the environments at real targets, then \`parity audit\`.\n`);
  return 0;
}
