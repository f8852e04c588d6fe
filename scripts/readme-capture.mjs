// Refreshes the README's demo capture (between <!-- demo-capture:start --> and :end -->) from a
// real run of the built CLI's demo: the terminal report's opening (the gate, the pairs ×
// dimensions matrix, the first pair's ratings and its first narrative) and the checklist
// section's opening and upkeep. The README shows what the demo prints today, never a hand edit.
//
//   npm run build && node scripts/readme-capture.mjs
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const readmeFile = join(root, "README.md");
// The demo exits 0 (its failing gate is the point of it); any other exit is an error here, not a capture.
const out = execFileSync(process.execPath, [join(root, "dist/bundle/parity.js"), "demo"], { cwd: root, env: { ...process.env, NO_COLOR: "1" }, encoding: "utf8", maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "inherit"] });
const lines = out.split("\n");
const checklistAt = lines.findIndex((l) => l.startsWith("## Environment parity"));
if (checklistAt < 0) throw new Error("the demo printed no checklist section");
const report = lines.slice(0, checklistAt);
const checklist = lines.slice(checklistAt);

// The report up to the end of the first pair's first narrative paragraph.
const firstNarrative = report.findIndex((l, i) => i > 0 && /^Test reliability — /.test(l));
const narrativeEnd = report.findIndex((l, i) => i > firstNarrative && l.trim() === "");
// The checklist up to its first five items, then its upkeep.
const before = checklist.findIndex((l) => l === "### Before release");
const upkeep = checklist.findIndex((l) => l === "### Map upkeep");
const upkeepEnd = checklist.findIndex((l, i) => i > upkeep && l.startsWith("### "));
const items = checklist.slice(before, before + 7);
const total = checklist.slice(before).filter((l) => l.startsWith("- [ ]")).length;

const date = new Date().toISOString().slice(0, 10);
const capture = [
  "<!-- demo-capture:start -->",
  `\`npm run demo\` on this machine (captured ${date} by \`node scripts/readme-capture.mjs\`, colour off; the`,
  "full report goes on with each pair's other dimensions and every undeclared, declared, manual and",
  "stale finding and the measurements):",
  "",
  "```text",
  ...report.slice(0, narrativeEnd),
  "…",
  "",
  ...checklist.slice(0, before),
  ...items,
  `… (${total} boxes in all)`,
  "",
  ...checklist.slice(upkeep, upkeepEnd < 0 ? undefined : upkeepEnd).filter((l, i, all) => !(i === all.length - 1 && l === "")),
  "```",
  "<!-- demo-capture:end -->",
].join("\n");

const readme = readFileSync(readmeFile, "utf8");
const next = readme.replace(/<!-- demo-capture:start -->[\s\S]*?<!-- demo-capture:end -->/, capture);
if (next === readme && !readme.includes("<!-- demo-capture:start -->")) throw new Error("README.md has no demo-capture markers");
writeFileSync(readmeFile, next);
console.log(`README.md: demo capture refreshed (${report.length} report lines, ${total} checklist boxes)`);
