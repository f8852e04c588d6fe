import { z } from "zod";
import { OBJECT_KINDS } from "./types.js";

const ignoreRule = z
  .strictObject({
    kind: z
      .enum([...OBJECT_KINDS, "setting", "*"])
      .default("*")
      .describe("Object kind the rule applies to (table, column, index, constraint, setting …, or * for any)"),
    name: z
      .string()
      .min(1)
      .describe("Glob over the object's name, qualified (`public.tmp_*`) or bare (`tmp_*`); `*` crosses dots"),
  })
  .describe("Objects to leave out of the comparison");

/** The schema probe's options: a zod raw shape merged into the map's probe entry. */
export const schemaOptions = {
  schemas: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe("PostgreSQL schemas (MySQL: databases) to compare; default all non-system schemas (MySQL: the URL's database)"),
  ignore: z.array(ignoreRule).default([]).describe("Objects to leave out, by kind and name glob"),
  owners: z.boolean().default(false).describe("Compare object owners (roles often differ by environment)"),
  grants: z.boolean().default(false).describe("Compare privileges granted on tables, views, sequences and functions"),
  comments: z.boolean().default(false).describe("Compare comments on objects (reported as low severity)"),
  columnOrder: z.boolean().default(false).describe("Compare column positions within tables (reported as low severity)"),
  extensionVersions: z.boolean().default(true).describe("Compare installed extension versions (PostgreSQL)"),
};
