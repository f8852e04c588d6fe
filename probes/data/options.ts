import { z } from "zod";
import { whereProblem } from "./where.js";

const table = z
  .strictObject({
    name: z.string().min(1).describe("Table name, optionally schema-qualified (public.transactions)"),
    columns: z.array(z.string().min(1)).min(1).optional().describe("Columns to profile (default: all)"),
    timestampColumn: z.string().min(1).optional().describe("Column whose newest value measures freshness"),
    expectedRatio: z
      .number()
      .positive()
      .optional()
      .describe("Staging rows ÷ production rows you expect (e.g. 0.02); the volume check is judged against it"),
    keyColumn: z
      .string()
      .min(1)
      .optional()
      .describe("Key that MySQL/MariaDB sampling hashes (default: the single-column primary key)"),
    where: z
      .string()
      .min(1)
      .max(2000, "a where is at most 2,000 characters")
      // Parsed, not pattern-matched: one boolean condition over the table's columns (where.ts).
      .superRefine((text, ctx) => {
        const problem = text.length <= 2000 ? whereProblem(text) : undefined;
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      })
      .optional()
      .describe("One boolean condition over the table's columns restricting the rows profiled (e.g. status = 'active'); no sub-queries, locking or INTO, only pure functions"),
  })
  .describe("A table to profile");

/** The data probe's options in the parity map. */
export const dataOptions = {
  tables: z.array(table).min(1).describe("Tables to profile on both sides"),
  sample: z
    .union([z.literal("auto"), z.literal("full"), z.number().gt(0).max(100)])
    .default("auto")
    .describe("auto: sample tables above ~200,000 rows; full: every row; a number: that percentage of rows"),
  maskValues: z
    .boolean()
    .default(true)
    .describe("Report text category values as counts and hashes, unless listed in showValues"),
  showValues: z
    .array(z.string().min(1))
    .default([])
    .describe("Columns (globs over table.column, e.g. public.transactions.type) whose category values may be shown"),
  topCategories: z
    .number()
    .int()
    .min(2)
    .max(10_000)
    .default(200)
    .describe("Most categories kept per text column (few-valued columns are counted in one joint GROUP BY, others in a bounded GROUP BY … LIMIT each)"),
  statementTimeoutMs: z
    .number()
    .int()
    .positive()
    .max(3_600_000, "a statement may run at most 3,600,000 ms (one hour) on a target")
    .optional()
    .describe("Timeout of each profiling statement (default: the probe's timeoutMs)"),
};
