import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { OPARL_SCHEMAS, type OparlSchemaName } from '../oparl/schemas.ts';

// ajv-formats is CommonJS with a default export; under NodeNext the callable sits on `.default`.
const addFormats = addFormatsModule.default;

/** Validates a value against a named schema; returns the problems, empty when valid. */
export type OparlValidate = (name: OparlSchemaName, value: unknown) => string[];

/** Ajv with the formats OParl uses; `url` is not a standard format, so it is an absolute http(s) URL here. */
function ajvForOparl(options: { strict: boolean; unicodeRegExp: boolean }): Ajv {
  const ajv = new Ajv({ allErrors: true, ...options });
  addFormats(ajv);
  ajv.addFormat(
    'url',
    (value: string) => /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(value) && URL.canParse(value),
  );
  return ajv;
}

function validating(ajv: Ajv): OparlValidate {
  return (name, value) => {
    const valid = ajv.validate(name, value);
    return valid ? [] : (ajv.errors ?? []).map((e) => `${name}${e.instancePath} ${e.message ?? ''}`);
  };
}

/** A validator of OParl objects and list pages against our OParl 1.1 conformance schemas (`oparl/schemas.ts`). */
export function oparlValidator(): OparlValidate {
  const ajv = ajvForOparl({ strict: true, unicodeRegExp: true });
  for (const schema of OPARL_SCHEMAS) ajv.addSchema(schema);
  return validating(ajv);
}

/**
 * A validator against the OParl project's own schema files (`<Type>.json`) in `dir`, a second opinion CI can
 * give when it has them. They declare no `$schema` and use keywords draft-07 (Ajv's default) reads the same;
 * their own keywords (references, backreference, cardinality, schema) need strict mode off, and their patterns
 * escape `:` and `/`, which the `u` flag Ajv adds by default rejects. They know no list pages.
 */
export function oparlReferenceValidator(dir: string): OparlValidate {
  const ajv = ajvForOparl({ strict: false, unicodeRegExp: false });
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    ajv.addSchema(JSON.parse(readFileSync(join(dir, file), 'utf8')) as object, file.replace('.json', ''));
  }
  return validating(ajv);
}
