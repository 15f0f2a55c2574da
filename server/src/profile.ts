/**
 * The municipality profile the server runs with (packages/model/src/profile.ts): read from a
 * JSON file and validated at start, so a bad profile stops the server with the file and the
 * field named instead of surfacing later in a case.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_PROFILE, parseProfile, type MunicipalityProfile } from '@samrad/model';

/** Reads and validates a profile file; throws an Error naming the file and every bad field. */
export function loadProfileFile(file: string): MunicipalityProfile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`profile ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`profile ${file}: not JSON (${(error as Error).message})`, { cause: error });
  }
  return parseProfile(json, `profile ${file}`);
}

/** The profile a server option names: a file to read, a profile object to validate, or the default. */
export function resolveProfile(option: string | MunicipalityProfile | undefined): MunicipalityProfile {
  if (option === undefined) return DEFAULT_PROFILE;
  return typeof option === 'string' ? loadProfileFile(option) : parseProfile(option, 'profile option');
}
