import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BadRequestException, type PipeTransform } from '@nestjs/common';
import { PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { CreateMessageDto } from '@herald/contracts/dto';
import { DTO_VALIDATION } from './dto-validation';

type Controller = abstract new (...args: never[]) => unknown;
interface RouteArg {
  index: number;
  data?: unknown;
  pipes?: PipeTransform[];
}
interface Param {
  route: string;
  type: number;
  data: unknown;
  metatype: unknown;
  validated: boolean;
}

const SRC = join(__dirname, '..');
const NOT_A_DTO = new Set<unknown>([String, Number, Boolean, Object, Array, Promise, undefined]);

/** Every controller of the API, found by its file's name: a new one is checked without being listed here. */
function controllers(): Controller[] {
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.controller.ts'));
  return files.flatMap((file) =>
    Object.values(require(join(SRC, file)) as Record<string, unknown>).filter(
      (value): value is Controller => typeof value === 'function' && Reflect.hasMetadata(PATH_METADATA, value),
    ),
  );
}

/** Every parameter of every route handler, with the pipes Nest will run on it. */
function params(): Param[] {
  return controllers().flatMap((controller) =>
    Object.getOwnPropertyNames(controller.prototype).flatMap((method) => {
      const args: Record<string, RouteArg> = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {};
      const types: unknown[] = Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? [];
      return Object.entries(args).map(([key, arg]) => ({
        route: `${controller.name}.${method}`,
        type: Number(key.split(':')[0]),
        data: arg.data,
        metatype: types[arg.index],
        validated: (arg.pipes ?? []).includes(DTO_VALIDATION),
      }));
    }),
  );
}

describe('the validation of request DTOs', () => {
  const all = params();
  const isWhole = (p: Param, type: RouteParamtypes) => p.type === type && p.data === undefined;

  it('is bound to every whole body and query of every route, and to every parameter typed with a class', () => {
    const dtoParams = all.filter(
      (p) => isWhole(p, RouteParamtypes.BODY) || isWhole(p, RouteParamtypes.QUERY) || !NOT_A_DTO.has(p.metatype),
    );
    // The scan sees the routes it must: a scan that found nothing would pass for nothing.
    expect(dtoParams.map((p) => p.route)).toEqual(
      expect.arrayContaining(['ChatController.post', 'ChatController.history', 'SessionController.create', 'ModerationController.kick']),
    );
    expect(dtoParams.filter((p) => !p.validated).map((p) => p.route)).toEqual([]);
  });

  it('is bound to nothing else: a room, a name or an id is checked by its own decorator and pays for no pipe', () => {
    const others = all.filter((p) => p.validated && NOT_A_DTO.has(p.metatype));
    expect(others.map((p) => p.route)).toEqual([]);
  });

  it('refuses an unknown field, with a 400 that names it', async () => {
    const attempt = DTO_VALIDATION.transform({ text: 'hi', admin: true }, { type: 'body', metatype: CreateMessageDto });
    await expect(attempt).rejects.toBeInstanceOf(BadRequestException);
    await expect(attempt).rejects.toMatchObject({ response: { message: ['property admin should not exist'] } });
  });

  it("hands the route an instance of its DTO, as the DTO's own transforms leave it", async () => {
    const body = await DTO_VALIDATION.transform({ text: '  hi  ' }, { type: 'body', metatype: CreateMessageDto });
    expect(body).toBeInstanceOf(CreateMessageDto);
    expect(body).toEqual({ text: 'hi' });
  });
});
