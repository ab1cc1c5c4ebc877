import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { WORKSPACE } from '@herald/testing';

/** One instruction of a Dockerfile: `RUN npm ci` is { keyword: 'RUN', args: 'npm ci' }. */
export interface Instruction {
  keyword: string;
  args: string;
}

/** A build stage: its FROM line and the instructions after it. */
export interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

/** The repository's Dockerfile: its global ARG defaults and its stages, line continuations joined, comments dropped. */
export function readDockerfile(path = resolve(WORKSPACE, 'Dockerfile')): { args: Record<string, string>; stages: Stage[] } {
  const lines = readFileSync(path, 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword, rest] = /^\s*(\S+)\s*(.*)$/.exec(line)!;
    const instruction = { keyword: keyword.toUpperCase(), args: rest.trim() };
    if (instruction.keyword === 'FROM') {
      const [from, , name] = instruction.args.split(/\s+/);
      stages.push({ from, name, instructions: [] });
    } else if (stages.length === 0 && instruction.keyword === 'ARG') {
      const [key, value = ''] = instruction.args.split('=');
      args[key] = value;
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return { args, stages };
}

/** The arguments of a stage's instructions with that keyword, in order. */
export function argsOf(stage: Stage, keyword: string): string[] {
  return stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
}

/** The exec-form command (a JSON array) at the end of a CMD or HEALTHCHECK instruction. */
export function execForm(args: string): string[] {
  const json = /(\[.*\])\s*$/.exec(args)?.[1];
  if (!json) throw new Error(`not an exec-form command: ${args}`);
  return JSON.parse(json) as string[];
}
