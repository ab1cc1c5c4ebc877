import { METRICS_AUTHORIZATION } from '@herald/testing';

/** Reads `GET /metrics` (as the scraper of a server the tests started) and returns one sample, or undefined when it is not exposed. */
export async function metricValue(baseUrl: string, name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  return sampleOf(await scrape(baseUrl), name, labels);
}

/** The text of `GET /metrics` of a server the tests started. */
export async function scrape(baseUrl: string): Promise<string> {
  return (await fetch(`${baseUrl}/metrics`, { headers: METRICS_AUTHORIZATION })).text();
}

/** The value of the sample `name{labels}` in a Prometheus text exposition. */
export function sampleOf(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = match[2] ? match[2].split(',') : [];
    if (wanted.length === present.length && wanted.every((pair) => present.includes(pair))) return Number(match[3]);
  }
  return undefined;
}
