/**
 * Writes packages/model/schema/*.schema.json from the zod schemas (published with the
 * package), and profiles/default.json from the neutral profile the model uses by default.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonSchemas } from '../src/json-schema.js';
import { DEFAULT_PROFILE } from '../src/profile.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'schema');
mkdirSync(outDir, { recursive: true });
for (const [name, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(join(outDir, `${name}.schema.json`), `${JSON.stringify(schema, null, 2)}\n`);
}
console.log(`wrote ${Object.keys(jsonSchemas()).length} schemas to ${outDir}`);
mkdirSync(join(root, 'profiles'), { recursive: true });
writeFileSync(join(root, 'profiles', 'default.json'), `${JSON.stringify(DEFAULT_PROFILE, null, 2)}\n`);
console.log('wrote profiles/default.json');
