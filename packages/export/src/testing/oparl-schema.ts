import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

const SCHEMA_DIR = fileURLToPath(new URL('../../../../../shared/oparl-1.1-schema/', import.meta.url));

// ajv-formats is CommonJS with a default export; under NodeNext the callable sits on `.default`.
const addFormats = addFormatsModule.default;

/** Names of the OParl 1.1 object schemas (file names without `.json`). */
export type OparlSchemaName =
  | 'System'
  | 'Body'
  | 'Organization'
  | 'Meeting'
  | 'Paper'
  | 'Consultation'
  | 'Person'
  | 'AgendaItem'
  | 'File'
  | 'LegislativeTerm'
  | 'Location'
  | 'Membership';

/**
 * A validator of OParl objects against `../shared/oparl-1.1-schema`; returns the problems, empty when valid.
 * The schemas declare no `$schema` and use JSON-Schema keywords that draft-07 (Ajv's default) reads the same;
 * their own keywords (references, backreference, cardinality, schema) need strict mode off, and their `url`
 * format is not a standard one, so it is registered as an absolute http(s) URL. Their patterns escape `:` and
 * `/`, which the `u` flag Ajv adds by default rejects, hence `unicodeRegExp: false`.
 */
export function oparlValidator(): (name: OparlSchemaName, value: unknown) => string[] {
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  ajv.addFormat(
    'url',
    (value: string) => /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(value) && URL.canParse(value),
  );
  for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json'))) {
    ajv.addSchema(
      JSON.parse(readFileSync(`${SCHEMA_DIR}${file}`, 'utf8')) as object,
      file.replace('.json', ''),
    );
  }
  return (name, value) => {
    const valid = ajv.validate(name, value);
    return valid ? [] : (ajv.errors ?? []).map((e) => `${name}${e.instancePath} ${e.message ?? ''}`);
  };
}
