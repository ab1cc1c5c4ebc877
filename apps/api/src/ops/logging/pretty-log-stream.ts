import type { DestinationStream } from 'pino';

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const LEVEL_COLOURS: Record<number, string> = { 10: '90', 20: '36', 30: '32', 40: '33', 50: '31', 60: '35' };
/** Fields every line has or that the line's head already shows. */
const SHOWN = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'context', 'req', 'res', 'durationMs', 'err']);

/**
 * LOG_FORMAT=pretty: the same log records as the JSON lines, as one short line each for a person at a
 * terminal: `20:01:52.720 INFO  [RoutesResolver] message  POST /api/messages 202 3ms  requestId=…`.
 */
export function prettyLogStream(write: (text: string) => void, colour: boolean): DestinationStream {
  const paint = (code: string, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  return {
    write(line: string) {
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line);
      } catch {
        write(line);
        return;
      }
      write(`${formatRecord(record, paint)}\n`);
    },
  };
}

function formatRecord(record: Record<string, unknown>, paint: (code: string, text: string) => string): string {
  const level = Number(record['level']);
  const time = typeof record['time'] === 'string' ? record['time'].slice(11, 23) : new Date().toISOString().slice(11, 23);
  const parts = [paint('90', time), paint(LEVEL_COLOURS[level] ?? '0', (LEVEL_NAMES[level] ?? String(level)).padEnd(5))];
  if (record['context']) parts.push(paint('90', `[${String(record['context'])}]`));
  parts.push(String(record['msg'] ?? ''));
  const req = record['req'] as { method?: string; path?: string } | undefined;
  const res = record['res'] as { statusCode?: number } | undefined;
  if (req) parts.push(` ${req.method} ${req.path}${res ? ` ${res.statusCode}` : ''}`);
  if (typeof record['durationMs'] === 'number') parts.push(`${record['durationMs']}ms`);
  const rest = Object.entries(record).filter(([key]) => !SHOWN.has(key));
  if (rest.length > 0)
    parts.push(
      paint('90', ` ${rest.map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`).join(' ')}`),
    );
  const err = record['err'] as { stack?: string; message?: string } | undefined;
  const line = parts.join(' ');
  return err ? `${line}\n${err.stack ?? err.message}` : line;
}
