'use strict';
/**
 * An ajv-cli 5 plugin (`-c tools/bench/configureAjvCli.js`) that lets ajv-cli
 * validate reflib entries the way reflib reads them, so that the benchmark
 * compares like with like:
 *
 * - registers `x-links-to` as an annotation keyword, as scripts/core/loadSchemas.ts
 *   does, so ajv's strict mode can stay on;
 * - makes ajv-cli read YAML with js-yaml's core schema. ajv-cli 5 parses
 *   `.yaml` data files with js-yaml 3's default schema, which turns an
 *   unquoted date (`updated: 2026-11-23`) into a Date object; the schemas
 *   want a string, so without this every real entry would be invalid. reflib
 *   reads YAML 1.2, where a date is a string.
 *
 * Plain CommonJS, so ajv-cli can require it without ts-node.
 */
const path = require('node:path');

/** The kinds `x-links-to` may name: the same meta-schema reflib uses. */
const KINDS = ['topic', 'form-comparison', 'interaction', 'population-caution', 'misconception'];

/** Called by ajv-cli with its ajv instance, before any data file is read. */
module.exports = function configureAjvCli(ajv) {
  ajv.addKeyword({ keyword: 'x-links-to', schemaType: 'array', metaSchema: { type: 'array', items: { enum: KINDS }, minItems: 1 } });
  const ajvCliDir = path.dirname(require.resolve('ajv-cli/package.json'));
  const yaml = require(require.resolve('js-yaml', { paths: [ajvCliDir] }));
  const safeLoad = yaml.safeLoad;
  yaml.safeLoad = (text, options) => safeLoad(text, { schema: yaml.CORE_SCHEMA, ...options });
};
