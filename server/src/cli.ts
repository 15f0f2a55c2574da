/**
 * samrad-server CLI.
 *   samrad-server [--port 1234] [--host 127.0.0.1] [--db sqlite:./data/samrad.db | postgres://…]
 *                 [--db-schema public] [--redis redis://…] [--static DIR] [--log-level info]
 *                 [--profile FILE]  (a municipality profile, e.g. packages/model/profiles/sel.json)
 *                 [--notify-url URL --notify-secret S] [--notify-link-base URL] [--notice-lead-days 3]
 *   samrad-server token --case ID --role ROLE --name NAME [--sub ID] [--service S] [--ttl SECONDS]
 *   samrad-server report --from YYYY-MM-DD --to YYYY-MM-DD [--db …] [--db-schema public]
 *   samrad-server verify [--db …] [--db-schema public]
 * Keys come from the environment: SAMRAD_SECRET (HS256), SAMRAD_PUBLIC_KEY (PEM, with
 * SAMRAD_PUBLIC_KEY_ALG RS256|ES256) or SAMRAD_JWKS_URL; SAMRAD_ISSUER / SAMRAD_AUDIENCE optional.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { MunicipalityProfile } from '@samrad/model';
import { ROLES, signToken, type AuthOptions } from './auth.js';
import { loadProfileFile } from './profile.js';
import { reportFromStore } from './report.js';
import { startServer } from './server.js';
import { verifyStore } from './verify.js';
import { openStore } from './store/index.js';

function authFromEnv(): AuthOptions {
  const env = process.env;
  const publicKey = env.SAMRAD_PUBLIC_KEY?.includes('-----BEGIN') ? env.SAMRAD_PUBLIC_KEY : env.SAMRAD_PUBLIC_KEY ? readFileSync(env.SAMRAD_PUBLIC_KEY, 'utf8') : undefined;
  return {
    ...(env.SAMRAD_SECRET ? { secret: env.SAMRAD_SECRET } : {}),
    ...(publicKey ? { publicKey, publicKeyAlg: env.SAMRAD_PUBLIC_KEY_ALG === 'ES256' ? 'ES256' : 'RS256' } : {}),
    ...(env.SAMRAD_JWKS_URL ? { jwksUrl: env.SAMRAD_JWKS_URL } : {}),
    ...(env.SAMRAD_ISSUER ? { issuer: env.SAMRAD_ISSUER } : {}),
    ...(env.SAMRAD_AUDIENCE ? { audience: env.SAMRAD_AUDIENCE } : {}),
    ...(env.SAMRAD_MAX_TOKEN_LIFETIME ? { maxTokenLifetimeSeconds: Number(env.SAMRAD_MAX_TOKEN_LIFETIME) } : {}),
  };
}

function fail(message: string): never {
  process.stderr.write(`samrad-server: ${message}\n`);
  process.exit(2);
}

async function tokenCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: {
    case: { type: 'string', multiple: true }, role: { type: 'string' }, name: { type: 'string' },
    sub: { type: 'string' }, service: { type: 'string' }, ttl: { type: 'string' },
  } });
  const secret = process.env.SAMRAD_SECRET;
  if (!secret) fail('token: set SAMRAD_SECRET (the HS256 secret the server verifies with)');
  if (!values.case?.length || !values.role || !values.name) fail('token: --case ID --role ROLE --name NAME are required');
  const role = values.role as (typeof ROLES)[number];
  if (!ROLES.includes(role)) fail(`token: --role must be one of ${ROLES.join(', ')}`);
  const ttl = values.ttl ? Number(values.ttl) : 3600;
  if (!Number.isFinite(ttl)) fail('token: --ttl is a number of seconds');
  const sub = values.sub ?? values.name.toLowerCase().replace(/[^a-z0-9]+/g, '.');
  const token = await signToken(secret, {
    sub, name: values.name, role, case: values.case.length === 1 ? values.case[0]! : values.case, ttl,
    ...(values.service ? { service: values.service } : {}),
  });
  process.stdout.write(token + '\n');
}

/** Prints the state report for a period over every case in the store, as JSON. Needs no keys: it reads the store directly. */
async function reportCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: {
    from: { type: 'string' }, to: { type: 'string' }, db: { type: 'string' }, 'db-schema': { type: 'string' },
  } });
  const date = /^\d{4}-\d{2}-\d{2}$/;
  if (!values.from || !values.to || !date.test(values.from) || !date.test(values.to)) fail('report: --from YYYY-MM-DD --to YYYY-MM-DD are required');
  const store = await openStore({ db: values.db ?? 'sqlite:./data/samrad.db', ...(values['db-schema'] ? { dbSchema: values['db-schema'] } : {}) }, 'report');
  try {
    const { report, casesRead } = await reportFromStore(store, { from: values.from, to: values.to });
    process.stderr.write(`samrad-server: report over ${casesRead} cases\n`);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await store.close();
  }
}

/** Checks every locked minutes chain in the store; exits 1 when a link is broken. */
async function verifyCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { db: { type: 'string' }, 'db-schema': { type: 'string' } } });
  const store = await openStore({ db: values.db ?? 'sqlite:./data/samrad.db', ...(values['db-schema'] ? { dbSchema: values['db-schema'] } : {}) }, 'verify');
  try {
    const result = await verifyStore(store);
    for (const problem of result.problems) process.stdout.write(`BROKEN ${problem}\n`);
    process.stdout.write(`checked ${result.versions} minutes versions of ${result.meetings} meetings in ${result.cases} cases: ${
      result.problems.length === 0 ? 'every chain holds' : `${result.problems.length} broken`}\n`);
    process.exitCode = result.problems.length === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}

async function serveCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: {
    port: { type: 'string' }, host: { type: 'string' }, db: { type: 'string' }, 'db-schema': { type: 'string' },
    redis: { type: 'string' }, 'redis-prefix': { type: 'string' }, static: { type: 'string' },
    'log-level': { type: 'string' }, profile: { type: 'string' },
    'notify-url': { type: 'string' }, 'notify-secret': { type: 'string' }, 'notify-link-base': { type: 'string' }, 'notice-lead-days': { type: 'string' },
  } });
  // Validated before anything else starts: a bad profile exits with the file and field named.
  let profile: MunicipalityProfile | undefined;
  try {
    profile = values.profile ? loadProfileFile(values.profile) : undefined;
  } catch (error) {
    fail((error as Error).message);
  }
  const auth = authFromEnv();
  if (!auth.secret && !auth.publicKey && !auth.jwksUrl) fail('set SAMRAD_SECRET, SAMRAD_PUBLIC_KEY or SAMRAD_JWKS_URL so tokens can be verified');
  const server = await startServer({
    port: values.port ? Number(values.port) : 1234,
    ...(values.host ? { host: values.host } : {}),
    db: values.db ?? 'sqlite:./data/samrad.db',
    ...(values['db-schema'] ? { dbSchema: values['db-schema'] } : {}),
    ...(values.redis ? { redis: values.redis } : {}),
    ...(values['redis-prefix'] ? { redisPrefix: values['redis-prefix'] } : {}),
    ...(values.static ? { staticDir: values.static } : {}),
    logger: values['log-level'] ?? 'info',
    auth,
    ...(profile ? { profile } : {}),
    ...(values['notify-url'] ? { notifyUrl: values['notify-url'] } : {}),
    ...(values['notify-secret'] ? { notifySecret: values['notify-secret'] } : {}),
    ...(values['notify-link-base'] ? { notifyLinkBase: values['notify-link-base'] } : {}),
    ...(values['notice-lead-days'] ? { noticeLeadDays: Number(values['notice-lead-days']) } : {}),
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`samrad-server: ${signal}, closing connections and flushing storage\n`);
    server.close().then(() => process.exit(0), (error: Error) => { process.stderr.write(`${error.message}\n`); process.exit(1); });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

const USAGE = `Usage:
  samrad-server [serve] [--port 1234] [--host 127.0.0.1] [--db sqlite:./data/samrad.db | sqlite::memory: | postgres://…]
                [--db-schema public] [--redis redis://…] [--redis-prefix samrad:] [--static DIR] [--log-level info]
  samrad-server token --case ID --role ROLE --name NAME [--sub ID] [--service S] [--ttl SECONDS]
  samrad-server report --from YYYY-MM-DD --to YYYY-MM-DD [--db …] [--db-schema public]
  samrad-server verify [--db …] [--db-schema public]

Keys come from the environment: SAMRAD_SECRET (HS256), SAMRAD_PUBLIC_KEY (PEM or a path,
with SAMRAD_PUBLIC_KEY_ALG RS256|ES256) or SAMRAD_JWKS_URL; SAMRAD_ISSUER and SAMRAD_AUDIENCE are optional.
PostgreSQL needs the pg package and --redis the ioredis package (npm install pg ioredis).
`;

// `pnpm start -- --port 1234` may pass the `--` through.
const argv = process.argv.slice(2).filter((a, i) => !(i === 0 && a === '--'));
const [first, ...rest] = argv;
const run = first === '--help' || first === '-h' || first === 'help' ? Promise.resolve(void process.stdout.write(USAGE))
  : first === 'token' ? tokenCommand(rest)
  : first === 'report' ? reportCommand(rest)
  : first === 'verify' ? verifyCommand(rest)
  : serveCommand(first === 'serve' || first === undefined ? rest : [first, ...rest]);
run.catch((error: Error) => fail(error.message));
