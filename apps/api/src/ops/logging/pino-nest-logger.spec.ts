import { ConsoleLogger, Logger } from '@nestjs/common';
import { pino } from 'pino';
import { PinoNestLogger } from './pino-nest-logger';

describe('PinoNestLogger', () => {
  let lines: Array<Record<string, unknown>>;

  /** Nest's Logger writes through a PinoNestLogger over a pino logger at `level`, into `lines`. */
  function install(level = 'info'): void {
    lines = [];
    const destination = { write: (line: string) => void lines.push(JSON.parse(line)) };
    Logger.overrideLogger(new PinoNestLogger(pino({ level }, destination)));
  }
  afterEach(() => Logger.overrideLogger(new ConsoleLogger()));

  it("writes one line per call with the Logger's context and Nest's level as pino's", () => {
    install('trace');
    const logger = new Logger('Shutdown');
    logger.verbose('v');
    logger.debug('d');
    logger.log('SIGTERM received');
    logger.warn('w');
    logger.error('e');
    logger.fatal('f');
    expect(lines.map((l) => [l['level'], l['context'], l['msg']])).toEqual([
      [10, 'Shutdown', 'v'],
      [20, 'Shutdown', 'd'],
      [30, 'Shutdown', 'SIGTERM received'],
      [40, 'Shutdown', 'w'],
      [50, 'Shutdown', 'e'],
      [60, 'Shutdown', 'f'],
    ]);
    expect(lines[2]).not.toHaveProperty('requestId');
  });

  it("leaves out what is below pino's level", () => {
    install('warn');
    const logger = new Logger('Quiet');
    logger.log('not written');
    logger.debug('nor this');
    logger.warn('written');
    expect(lines.map((l) => l['msg'])).toEqual(['written']);
  });

  it("joins an object's fields to the line, with the message after it", () => {
    install();
    new Logger('Moderation').log({ moderation: { action: 'kick', room: 'lobby' } }, 'Grace (u-1) kick: everyone');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      context: 'Moderation',
      moderation: { action: 'kick', room: 'lobby' },
      msg: 'Grace (u-1) kick: everyone',
    });
  });

  it('logs an Error as err, with its message, type and stack', () => {
    install();
    new Logger('ApiExceptionFilter').error(new TypeError('boom'));
    expect(lines[0]).toMatchObject({ level: 50, context: 'ApiExceptionFilter', msg: 'boom', err: { type: 'TypeError', message: 'boom' } });
    expect((lines[0]['err'] as { stack: string }).stack).toContain('pino-nest-logger.spec');
  });

  it("takes Nest's error(message, stack) as an error with that stack, with a context or without one", () => {
    install();
    const failure = new Error('database gone');
    new Logger('ExceptionsHandler').error('database gone', failure.stack);
    Logger.error('no context', failure.stack);
    expect(lines.map((l) => [l['context'], l['msg']])).toEqual([
      ['ExceptionsHandler', 'database gone'],
      [undefined, 'no context'],
    ]);
    for (const line of lines) expect((line['err'] as { stack: string }).stack).toBe(failure.stack);
  });

  it('formats further parameters into the message, as pino does', () => {
    install();
    new Logger('Rooms').warn('%d rooms could not be read', 3);
    expect(lines[0]).toMatchObject({ context: 'Rooms', msg: '3 rooms could not be read' });
  });
});
