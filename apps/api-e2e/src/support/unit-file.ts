import { readFileSync } from 'node:fs';

/** A systemd unit file's settings: section → key → every value given (a key may repeat). */
export type UnitFile = Record<string, Record<string, string[]>>;

/** Reads a unit file, or an environment file (its lines land in the section ''). */
export function readUnitFile(path: string): UnitFile {
  const unit: UnitFile = { '': {} };
  let section = '';
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const text = line.trim();
    if (text === '' || text.startsWith('#') || text.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(text);
    if (header) {
      section = header[1];
      unit[section] ??= {};
      continue;
    }
    const at = text.indexOf('=');
    const key = text.slice(0, at).trim();
    (unit[section][key] ??= []).push(text.slice(at + 1).trim());
  }
  return unit;
}

/** Seconds in a systemd time span such as `20s`, `1min 30s` or `90`. */
export function seconds(span: string): number {
  const units: Record<string, number> = { '': 1, s: 1, sec: 1, m: 60, min: 60, h: 3600, ms: 0.001 };
  let total = 0;
  for (const [, value, unit] of span.matchAll(/(\d+(?:\.\d+)?)\s*([a-z]*)/g)) total += Number(value) * units[unit];
  return total;
}
