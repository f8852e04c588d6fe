import { createReadStream } from "node:fs";
import { TextDecoder } from "node:util";
import { SaxesParser } from "saxes";
import type { SaxesTagPlain } from "saxes";
import type { TestCaseResult } from "./types.js";

/** A results file that is not well-formed JUnit XML; `line` (and `column`) is where the parser noticed. */
export class JUnitSyntaxError extends Error {
  constructor(
    readonly line: number | null,
    readonly problem: string,
    readonly column: number | null = null,
  ) {
    super(line ? `line ${line}${column ? `, column ${column}` : ""}: ${problem}` : problem);
    this.name = "JUnitSyntaxError";
  }
}

// Elements that mark a test case's outcome. Surefire writes flakyFailure/flakyError when a rerun
// passed and rerunFailure/rerunError (next to failure/error) when every rerun failed.
const FAILED = new Set(["failure", "error"]);
const FLAKY = new Set(["flakyFailure", "flakyError"]);
// TST, Allure and googletest mark tests that never ran on the <testcase> itself, with no <skipped/>.
const NOT_RUN = new Set(["disabled", "notrun", "skipped", "ignored", "suppressed"]);
const MESSAGE_TEXT_LIMIT = 400;

interface OpenCase {
  id: string;
  failed: boolean;
  skipped: boolean;
  flaky: boolean;
  message?: string;
  line: number;
  /** Collecting the text of a failure without a message attribute. */
  collecting: boolean;
  text: string;
}

/**
 * A streaming JUnit reader. saxes rather than a tree parser: it is strict about well-formedness
 * (a truncated file from a crashed CI job is an error with a line, not a silently shorter
 * result), streams with constant memory, and reads 50 MB in under a second where validating
 * and then tree-parsing with fast-xml-parser takes about five (bench/junit.mjs).
 */
export class JUnitReader {
  readonly cases: TestCaseResult[] = [];
  private readonly parser = new SaxesParser({ position: true });
  private readonly suites: string[] = [];
  private current: OpenCase | null = null;
  private sawRoot = false;
  private sawContent = false;
  private failure: JUnitSyntaxError | null = null;
  /** Unnamed test cases seen per class, so each gets its own synthesised name. */
  private readonly unnamed = new Map<string, number>();
  /** The chunk being written and the text position it starts at, to quote the offending text. */
  private chunk = "";
  private chunkStart = 0;
  private closing = false;

  constructor() {
    this.parser.on("error", (error) => {
      // saxes keeps going after an error; the first one is the one worth reporting.
      // At the end of the file (a truncated file's "unclosed tag") there is no text to quote.
      const message = stripPosition(error.message);
      if (!this.failure) {
        const [problem, back] = this.closing ? [message, 0] : this.explain(message);
        this.failure = new JUnitSyntaxError(this.parser.line, problem, this.closing ? null : this.parser.column - back || null);
      }
      throw this.failure;
    });
    this.parser.on("opentag", (tag) => this.open(tag as SaxesTagPlain));
    this.parser.on("closetag", (tag) => this.close(tag.name));
  }

  // Text handlers are attached only while a failure without a message attribute is open:
  // without one, saxes skips building text strings, which is most of a large file.
  private listen(on: boolean): void {
    if (on) {
      this.parser.on("text", (text) => this.text(text));
      this.parser.on("cdata", (text) => this.text(text));
    } else {
      this.parser.off("text");
      this.parser.off("cdata");
    }
  }

  write(chunk: string): void {
    if (!this.sawContent && chunk.trim()) this.sawContent = true;
    this.chunkStart = this.parser.position;
    this.chunk = chunk;
    this.guard(() => this.parser.write(chunk));
  }

  /**
   * saxes says "undefined entity."; a person needs which entity, and where in the text. Returns
   * the message and how many columns before the parser's position the offending text starts.
   */
  private explain(message: string): [string, number] {
    const what = message.replace(/\.$/, "");
    const at = this.parser.position - this.chunkStart;
    if (at < 0 || at > this.chunk.length || !this.chunk) return [what, 0];
    const before = this.chunk.slice(0, at);
    const lineStart = before.lastIndexOf("\n") + 1;
    const lineEnd = this.chunk.indexOf("\n", at);
    const line = this.chunk.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
    const col = at - lineStart;
    const excerpt = `${col > 40 ? "…" : ""}${line.slice(Math.max(0, col - 40), col + 20).trim()}${line.length > col + 20 ? "…" : ""}`;
    let detail = "";
    if (/undefined entity/.test(what)) detail = / (&[\w.:-]*;?)$/.exec(` ${before.slice(-40)}`)?.[1] ?? /&[\w.:-]*;?[^&]*$/.exec(before)?.[0].slice(0, 20) ?? "";
    else if (/disallowed character/.test(what) && at > 0) detail = `U+${before.codePointAt(before.length - 1)!.toString(16).toUpperCase().padStart(4, "0")}`;
    // saxes points at an entity's ";": the entity starts at its "&".
    const back = detail.startsWith("&") && before.endsWith(detail) ? detail.length - 1 : 0;
    return [`${what}${detail ? ` ${detail}` : ""} in ${JSON.stringify(excerpt)}`, back];
  }

  end(): TestCaseResult[] {
    if (!this.sawContent) throw new JUnitSyntaxError(null, "the file is empty");
    this.closing = true;
    this.guard(() => this.parser.close());
    return this.cases;
  }

  private guard(run: () => void): void {
    if (this.failure) throw this.failure;
    try {
      run();
    } catch (error) {
      if (error instanceof JUnitSyntaxError) throw error;
      throw new JUnitSyntaxError(this.parser.line, (error as Error).message);
    }
  }

  private fail(problem: string): never {
    this.failure = new JUnitSyntaxError(this.parser.line, problem);
    throw this.failure;
  }

  private open(tag: SaxesTagPlain): void {
    const attrs = tag.attributes;
    if (!this.sawRoot) {
      this.sawRoot = true;
      if (tag.name !== "testsuites" && tag.name !== "testsuite") this.fail(`the root element is <${tag.name}>, expected <testsuites> or <testsuite>`);
    }
    if (tag.name === "testsuite") this.suites.push(attrs.name ?? "");
    else if (tag.name === "testcase") this.current = this.startCase(attrs);
    else if (this.current) this.mark(tag.name, attrs);
  }

  private startCase(attrs: Record<string, string>): OpenCase {
    // PHPUnit writes `class`; everyone else `classname`. Where both are missing the innermost
    // named suite stands in, as the issue asks.
    const classname = (attrs.classname ?? attrs.class ?? "").trim() || [...this.suites].reverse().find((s) => s.trim()) || "";
    const name = attrs.name?.trim() || this.unnamedName(classname);
    const status = (attrs.status ?? attrs.result ?? "").trim().toLowerCase();
    return { id: ownCopy(testId(classname, name)), failed: false, skipped: NOT_RUN.has(status), flaky: false, collecting: false, text: "", line: this.parser.line };
  }

  /**
   * jest writes name="" for an empty title, and Surefire puts a JUnit 5 @BeforeAll failure on a
   * test case named "": such a case is kept (its failure is a real result) under a name of its own.
   */
  private unnamedName(classname: string): string {
    const n = (this.unnamed.get(classname) ?? 0) + 1;
    this.unnamed.set(classname, n);
    return n === 1 ? "(unnamed test case)" : `(unnamed test case ${n})`;
  }

  private mark(name: string, attrs: Record<string, string>): void {
    const current = this.current!;
    if (FAILED.has(name)) current.failed = true;
    else if (FLAKY.has(name)) current.flaky = true;
    else if (name === "skipped") current.skipped = true;
    else return;
    if (current.message === undefined && name !== "skipped") {
      const message = attrs.message?.trim();
      if (message) current.message = message;
      else {
        current.collecting = true;
        this.listen(true);
      }
    }
  }

  private text(text: string): void {
    const current = this.current;
    if (current?.collecting && current.text.length < MESSAGE_TEXT_LIMIT) current.text += text.slice(0, MESSAGE_TEXT_LIMIT);
  }

  private close(name: string): void {
    if (name === "testsuite") this.suites.pop();
    else if (name === "testcase" && this.current) this.finishCase(this.current);
    else if (this.current?.collecting && (FAILED.has(name) || FLAKY.has(name))) {
      this.current.collecting = false;
      this.listen(false);
      const text = this.current.text.trim();
      if (text) this.current.message = text;
    }
  }

  private finishCase(c: OpenCase): void {
    // A test that failed at first but passed on a rerun is flaky, not failed.
    const outcome = c.failed ? "failed" : c.flaky ? "flaky" : c.skipped ? "skipped" : "passed";
    // Only a failure's line is worth keeping: it is what a reader (or a SARIF viewer) jumps to.
    const failing = outcome === "failed" || outcome === "flaky";
    this.cases.push({ id: c.id, outcome, ...(failing && c.message ? { message: ownCopy(c.message) } : {}), ...(failing ? { line: c.line } : {}) });
    this.current = null;
  }
}

/**
 * The parser's strings are slices of the text chunk they were read from, and a slice keeps its
 * whole chunk alive: the ids and the few failure messages of a 50 MB file held on to every
 * chunk of it while it was being read (84 MB after parsing, 237 MB peak). A copy holds only itself.
 */
function ownCopy(text: string): string {
  // Concatenating and slicing makes V8 flatten the text into a string of its own.
  return (" " + text).slice(1);
}

/** A test's identity: classname + name, without repeating a classname the name already carries (jest-junit). */
export function testId(classname: string, name: string): string {
  if (!classname || name === classname || name.startsWith(`${classname} `)) return name;
  return `${classname}::${name}`;
}

function stripPosition(message: string): string {
  // saxes prefixes "line:column: "; the line is reported separately.
  return message.replace(/^(?:[^:\n]*:)?\d+:\d+: /, "");
}

/** Parses JUnit XML held in memory (fixtures, small files). */
export function parseJUnit(xml: string): TestCaseResult[] {
  const reader = new JUnitReader();
  reader.write(xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml);
  return reader.end();
}

/**
 * Streams a JUnit file from disk in the encoding it is written in; honours `signal` between
 * chunks. A BOM says UTF-8 or UTF-16; without one, UTF-16 shows as NUL bytes around `<`, and
 * otherwise the XML declaration's encoding (ISO-8859-1, windows-1252 …) decides, UTF-8 by default.
 */
export async function readJUnitFile(path: string, signal: AbortSignal): Promise<TestCaseResult[]> {
  const reader = new JUnitReader();
  // 64 KiB chunks, Node's default for files: with 1 MiB ones each decoded chunk is a large
  // object V8 frees only on a full collection, and a 50 MB file peaked at 234 MB instead of 109.
  const stream = createReadStream(path, { highWaterMark: 1 << 16, signal });
  let decoder: TextDecoder | undefined;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    decoder ??= decoderFor(chunk);
    reader.write(decoder.decode(chunk, { stream: true }));
  }
  if (decoder) reader.write(decoder.decode());
  return reader.end();
}

/** The decoder for a file whose first bytes are `head`. */
export function decoderFor(head: Buffer): TextDecoder {
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder("utf-16le");
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder("utf-16be");
  if (head[0] === 0x3c && head[1] === 0x00) return new TextDecoder("utf-16le");
  if (head[0] === 0x00 && head[1] === 0x3c) return new TextDecoder("utf-16be");
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return new TextDecoder("utf-8");
  const declared = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head.subarray(0, 200).toString("latin1"))?.[1];
  if (!declared || /^utf-?8$/i.test(declared)) return new TextDecoder("utf-8");
  try {
    // The WHATWG names: ISO-8859-1 and latin1 decode as windows-1252, which is what Windows tools write.
    return new TextDecoder(declared);
  } catch {
    throw new JUnitSyntaxError(1, `the XML declaration names encoding "${declared}", which parity cannot decode (write the file as UTF-8)`);
  }
}
