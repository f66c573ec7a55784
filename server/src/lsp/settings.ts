// Editor settings (`docker-security-lint.*`), asked of the client per resource and checked before use.
import type { Connection } from 'vscode-languageserver';
import { MAX_LIST_ITEMS, PROFILES, validFixValue, type Config, type Profile, type SeveritySetting } from '../engine';

export interface Settings {
  enable: boolean;
  scope: 'workspace' | 'openFiles';
  /** undefined: the config file's profile. */
  profile: Profile | undefined;
  rules: Record<string, SeveritySetting>;
  exclude: string[];
  fixes: Partial<Config['fixes']>;
  debounceMs: number;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  scope: 'workspace',
  profile: undefined,
  rules: {},
  exclude: [],
  fixes: {},
  debounceMs: 50,
};
const SETTING_SEVERITIES = new Set(['off', 'error', 'warning', 'info', 'hint']);

/**
 * Settings as the client sent them, checked: they come from the workspace's `.vscode/settings.json` too, which a
 * repository can commit (the extension declares them restricted, but other clients may not). Values of the wrong
 * type or out of range are dropped with a message; fix values must pass the config file's checks.
 */
export function checkSettings(raw: unknown, log: (m: string) => void): Settings {
  const s = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const out: Settings = { ...DEFAULT_SETTINGS, rules: {}, exclude: [], fixes: {} };
  if (typeof s.enable === 'boolean') out.enable = s.enable;
  if (s.scope === 'workspace' || s.scope === 'openFiles') out.scope = s.scope;
  if (typeof s.profile === 'string' && (PROFILES as readonly string[]).includes(s.profile))
    out.profile = s.profile as Profile;
  if (typeof s.debounceMs === 'number' && Number.isFinite(s.debounceMs))
    out.debounceMs = Math.min(Math.max(0, s.debounceMs), 10_000);
  if (s.rules && typeof s.rules === 'object') {
    for (const [id, sev] of Object.entries(s.rules as Record<string, unknown>).slice(0, MAX_LIST_ITEMS)) {
      if (typeof sev === 'string' && SETTING_SEVERITIES.has(sev)) out.rules[id] = sev as SeveritySetting;
    }
  }
  if (Array.isArray(s.exclude))
    out.exclude = s.exclude
      .filter((g): g is string => typeof g === 'string' && g.length <= 1000)
      .slice(0, MAX_LIST_ITEMS);
  if (s.fixes && typeof s.fixes === 'object') {
    const f = s.fixes as Record<string, unknown>;
    for (const key of ['memory', 'cpus', 'pids', 'user'] as const) {
      const v = f[key];
      if (v === undefined || v === null || v === '') continue;
      const ok = validFixValue(key, v);
      if (ok === undefined)
        log(`docker-security-lint: the setting fixes.${key} is not a valid value; the default is used`);
      else (out.fixes as Record<string, unknown>)[key] = ok;
    }
  }
  return out;
}

/** Settings per resource URI, asked once and cached until the client says they changed. */
export class SettingsStore {
  /** The client answers `workspace/configuration` (else the defaults are used). */
  supported = false;
  private readonly cache = new Map<string, Promise<Settings>>();
  constructor(
    private readonly connection: Connection,
    private readonly log: (m: string) => void,
  ) {}

  /**
   * For a client without `workspace/configuration`: the settings it gave in `initializationOptions` or pushed with
   * `workspace/didChangeConfiguration` (the object of our settings, or one that holds it under
   * `docker-security-lint`), checked like any others; the defaults when it gave none.
   */
  private given: Settings = DEFAULT_SETTINGS;

  /** Takes settings a client gives rather than answers for (see `given`); ignores what holds none of ours. */
  give(raw: unknown): void {
    const inner =
      raw && typeof raw === 'object' && 'docker-security-lint' in raw
        ? (raw as Record<string, unknown>)['docker-security-lint']
        : raw;
    if (inner && typeof inner === 'object') this.given = checkSettings(inner, this.log);
  }

  get(uri: string): Promise<Settings> {
    if (!this.supported) return Promise.resolve(this.given);
    let p = this.cache.get(uri);
    if (!p) {
      p = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'docker-security-lint' })
        .then((s: unknown) => checkSettings(s, this.log))
        .catch(() => DEFAULT_SETTINGS);
      this.cache.set(uri, p);
    }
    return p;
  }

  clear(): void {
    this.cache.clear();
  }
}
