import { Command, CommanderError, Option } from "commander";
import { FAIL_ON_LEVELS } from "../types.js";
// Only light modules at the top: `parity --help` must not load zod schemas, probes or drivers.
import { UsageError } from "../errors.js";
import { commandFailed } from "./command-failed.js";
import { DEFAULT_MAP } from "./default-map.js";
import { parityVersion } from "./version.js";

const FORMATS = ["terminal", "markdown", "json", "junit", "html", "sarif", "pr-comment"] as const;
const collect = (value: string, previous: string[] = []) => [...previous, value];
const OUT_HELP = "write a report to FILE, its format from the extension (.json .md .html .xml .txt .sarif); repeat for several, all from one probe run";

/**
 * The command line. Command modules are imported lazily so `parity --help` does not load
 * drivers, zod schemas or reporters.
 */
export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command("parity")
    .description("Audit how closely staging matches production before a high-stakes release")
    .version(parityVersion(), "-V, --version")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();

  program
    .command("audit")
    .description("run the map's probes on each pair, classify every difference, rate each dimension and report")
    .option("-m, --map <file>", "the parity map", DEFAULT_MAP)
    .option("-p, --pair <name>", "audit only this pair")
    .option("--probe <id...>", "run only these probes")
    .addOption(new Option("-f, --format <format>", "report format on stdout (default terminal), or for an --out file without a known extension").choices(FORMATS))
    .option("-o, --out <file>", OUT_HELP, collect)
    .addOption(new Option("--fail-on <level>", "what trips the gate (exit 1)").choices(FAIL_ON_LEVELS).default("default"))
    .option("--concurrency <n>", "probes running at once", (v) => positiveInt(v, "--concurrency"), 4)
    .option("--allow-load <rate/concurrency>", "raise every environment's HTTP caps for this audit, e.g. 200/32 (no map can go past 50/s and 16 in flight; the report says so)", allowLoad)
    .option("--history <dir|url>", "where audits are kept: a folder, or postgres://… (default $PARITY_HISTORY, else .parity/history beside the map)")
    .option("--no-history", "do not read or save history for this audit")
    .action(async (options) => setExit(await (await import("./commands/audit.js")).auditCommand(options)));

  program
    .command("report")
    .argument("[topic]", "`schema` prints the JSON Schema of the JSON report")
    .description("render a saved JSON audit in any format, touching no target (exit code: the verdict's)")
    .option("--from <audit.json>", "the saved audit (written by `parity audit --out audit.json`)")
    .option("-p, --pair <name>", "only this pair")
    .addOption(new Option("-f, --format <format>", "report format on stdout (default terminal), or for an --out file without a known extension").choices(FORMATS))
    .option("-o, --out <file>", OUT_HELP, collect)
    .addOption(new Option("--fail-on <level>", "judge the saved audit again at this level").choices(FAIL_ON_LEVELS))
    .action(async (topic, options) => setExit(await (await import("./commands/report.js")).reportCommand(topic, options)));

  program
    .command("checklist")
    .description("print the markdown 'Environment parity' section for a release checklist")
    .option("-m, --map <file>", "the parity map", DEFAULT_MAP)
    .option("-p, --pair <name>", "only this pair")
    .option("--from <audit.json>", "use a saved JSON audit instead of running one (touches no target)")
    .option("-o, --out <file>", "write to a file instead of stdout")
    .addOption(new Option("--fail-on <level>", "the gate the checklist's verdict is judged at").choices(FAIL_ON_LEVELS))
    .action(async (options) => setExit(await (await import("./commands/checklist.js")).checklistCommand(options)));

  program
    .command("snapshot")
    .description("collect one environment's side of the probes into a file, for offline comparison")
    .requiredOption("-e, --env <name>", "the environment to collect")
    .option("-m, --map <file>", "the parity map", DEFAULT_MAP)
    .option("--probe <id...>", "only these probes (default: every probe that can snapshot)")
    .option("-o, --out <file>", "where to write the snapshot (default: stdout)")
    .action(async (options) => setExit(await (await import("./commands/snapshot.js")).snapshotCommand(options)));

  const map = program.command("map").description("work with the parity map");
  map
    .command("validate")
    .argument("[file]", "the parity map", DEFAULT_MAP)
    .description("check a map and print every problem as FILE:LINE:COL  key.path  message")
    .action(async (file) => setExit(await (await import("./commands/map-validate.js")).validateCommand(file)));
  map
    .command("schema")
    .description("print the map's JSON Schema (draft-07) for editors")
    .action(async () => setExit(await (await import("./commands/map-schema.js")).schemaCommand()));

  map
    .command("suggest")
    .description("a ready map entry for every undeclared difference of the last audit (--write adds them to the map)")
    .option("-m, --map <file>", "the parity map", DEFAULT_MAP)
    .option("--from <audit.json>", "use a saved JSON audit instead of the last one in .parity/history")
    .option("-w, --write", "add the entries to the map, keeping every comment and line as it was")
    .action(async (options) => setExit(await (await import("./commands/map-suggest.js")).suggestCommand(options)));
  map
    .command("baseline")
    .description("accept every current difference into the map (for a team adopting parity on an existing system)")
    .option("-m, --map <file>", "the parity map", DEFAULT_MAP)
    .option("--from <audit.json>", "use a saved JSON audit instead of running one")
    .option("-w, --write", "add the entries to the map, keeping every comment and line as it was")
    .action(async (options) => setExit(await (await import("./commands/map-suggest.js")).suggestCommand({ ...options, baseline: true })));

  program
    .command("init")
    .description("write a commented starter parity-map.yaml (never overwrites)")
    .option("-m, --map <file>", "where to write it", DEFAULT_MAP)
    .action(async (options) => setExit(await (await import("./commands/init.js")).initCommand(options)));

  program
    .command("history")
    .description("list saved audits across services and maps, with their gates and ratings")
    .option("-m, --map <file>", "the parity map (its .parity/history is the default store)", DEFAULT_MAP)
    .option("--history <dir|url>", "a history folder or postgres://… (default $PARITY_HISTORY, else .parity/history beside the map)")
    .option("--service <name>", "only this service")
    .option("--since <span|date>", "only audits since then: 90d, 12w, 3m, 1y or 2026-09-01")
    .addOption(new Option("-f, --format <format>", "output format").choices(["terminal", "json"]).default("terminal"))
    .action(async (options) => setExit(await (await import("./commands/history.js")).historyCommand(options)));

  program
    .command("fleet")
    .argument("[audits...]", "saved JSON audits, or folders of them (searched recursively)")
    .description("one report across services and regions: each service's gate and ratings, totals, and the undeclared differences many services share")
    .option("--history <dir|url>", "read the newest audit of each service and map from a history folder or postgres://…")
    .option("--since <span|date>", "only audits since then: 90d, 12w, 3m, 1y or 2026-09-01")
    .option("-f, --format <format>", "terminal, markdown, html or json (default: from --out's extension, else terminal)")
    .option("-o, --out <file>", "write to a file instead of stdout")
    .action(async (audits, options) => setExit(await (await import("./commands/fleet.js")).fleetCommand(audits, options)));

  program
    .command("review")
    .argument("[audits...]", "saved JSON audits or folders of them, instead of a history store")
    .description("the quarterly parity review: ratings over time, gaps opened and closed, entries, incidents and red tests by entry, where investment pays off")
    .option("--history <dir|url>", "the history folder or postgres://… (default $PARITY_HISTORY, else .parity/history here)")
    .option("--since <span|date>", "the window: 90d, 12w, 3m, 1y or 2026-09-01", "90d")
    .option("--service <name>", "only this service")
    .option("-f, --format <format>", "markdown, html or json (default: from --out's extension, else markdown)")
    .option("-o, --out <file>", "write to a file instead of stdout")
    .action(async (audits, options) => setExit(await (await import("./commands/review.js")).reviewCommand(audits, options)));

  program
    .command("demo")
    .description("start an embedded staging and production, audit them with the example map, print the report (and the checklist)")
    .addOption(new Option("-f, --format <format>", "one document of this format (terminal adds the checklist)").choices(FORMATS).default("terminal"))
    .action(async (options) => setExit(await (await import("./commands/demo.js")).demoCommand(options)));

  return program;
}

/** `--allow-load 200/32`: requests per second / requests in flight, each environment. */
function allowLoad(value: string): { ratePerSecond: number; concurrency: number } {
  const match = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+)\s*$/.exec(value);
  const ratePerSecond = Number(match?.[1]);
  const concurrency = Number(match?.[2]);
  // Generous ceilings, only to catch a typo (an extra zero) before it reaches production.
  if (!match || !(ratePerSecond > 0) || ratePerSecond > 10_000 || !(concurrency >= 1) || concurrency > 1_000) {
    throw new UsageError(`--allow-load takes RATE/CONCURRENCY, requests per second (at most 10000) and requests in flight (1 to 1000), e.g. 200/32; got "${value}"`);
  }
  return { ratePerSecond, concurrency };
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} takes a whole number ≥ 1, got "${value}"`);
  return n;
}

/** Runs the CLI and returns the exit code; user mistakes never print a stack trace. */
export async function run(argv: string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    return handleError(error);
  }
}

export function handleError(error: unknown): number {
  if (error instanceof CommanderError) {
    // help and version are not errors; everything else commander rejects is a usage error.
    return error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help" ? 0 : 2;
  }
  return commandFailed(error);
}
