import nx from '@nx/eslint-plugin';

/**
 * Architecture as lint rules. Two tag dimensions (see each project.json):
 * - type: app | e2e | data-access | contracts | testing — what a project may build on;
 * - scope: api | web | shared — which side of the wire it lives on.
 * Plus banned packages per side: contracts stay framework-free, the API never pulls in Angular, the web
 * side never pulls in NestJS or the server's validation libraries.
 */
/** One `no-restricted-imports` rule per room of apps/api/src: the rooms and packages it may not import. */
function apiRooms(forbidden) {
  return Object.entries(forbidden).map(([room, { rooms, packages = [] }]) => ({
    files: [`apps/api/src/${room}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: packages.map((name) => ({ name, message: `${room}/ must not depend on ${name}: see docs/ARCHITECTURE.md.` })),
          patterns: rooms.map((other) => ({
            group: [`**/${other}/*`, `**/${other}`],
            message: `${room}/ must not import from ${other}/: see docs/ARCHITECTURE.md.`,
          })),
        },
      ],
    },
  }));
}

export default [
  { ignores: ['**/dist', '**/node_modules', '**/.angular', '**/.nx', 'tmp', 'coverage'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:data-access', 'type:contracts'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contracts', 'type:testing'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:contracts'] },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: [],
              bannedExternalImports: ['@nestjs/*', '@angular/*', 'rxjs', 'express', 'node:*'],
            },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            {
              sourceTag: 'scope:api',
              onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'],
              bannedExternalImports: ['@angular/*'],
            },
            {
              sourceTag: 'scope:web',
              onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'],
              bannedExternalImports: ['@nestjs/*', 'express', 'class-validator', 'class-transformer'],
            },
          ],
        },
      ],
    },
  },
  // The rooms of apps/api and the arrows between them (docs/ARCHITECTURE.md): the engine knows no HTTP,
  // operations read counters through interfaces, errors and configuration depend on no other room.
  ...apiRooms({
    hub: { rooms: ['chat', 'sse', 'ops', 'access', 'app'], packages: ['node:http', 'node:net', 'express', '@nestjs/platform-express'] },
    sse: { rooms: ['chat', 'ops', 'app'] },
    chat: { rooms: ['ops', 'app'] },
    moderation: { rooms: ['chat', 'sse', 'ops', 'app'] },
    access: { rooms: ['chat', 'sse', 'ops', 'app'] },
    ops: { rooms: ['chat', 'sse', 'access', 'app'] },
    errors: { rooms: ['chat', 'sse', 'ops', 'access', 'app', 'hub', 'config'] },
    config: { rooms: ['chat', 'sse', 'ops', 'access', 'app', 'hub', 'errors'] },
  }),
  // Angular code: the framework's own rules, and accessibility checks on every template.
  ...nx.configs['flat/angular'].map((config) => ({ ...config, files: ['apps/web/**/*.ts', 'libs/chat-client/**/*.ts'] })),
  ...nx.configs['flat/angular-template'].map((config) => ({ ...config, files: ['apps/web/**/*.html'] })),
  {
    files: ['apps/web/**/*.ts', 'libs/chat-client/**/*.ts'],
    rules: {
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'herald', style: 'kebab-case' }],
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'herald', style: 'camelCase' }],
    },
  },
  {
    files: ['apps/web/**/*.html'],
    rules: {
      '@angular-eslint/template/label-has-associated-control': 'error',
      '@angular-eslint/template/alt-text': 'error',
      '@angular-eslint/template/elements-content': 'error',
      '@angular-eslint/template/interactive-supports-focus': 'error',
      '@angular-eslint/template/click-events-have-key-events': 'error',
      '@angular-eslint/template/valid-aria': 'error',
      '@angular-eslint/template/role-has-required-aria': 'error',
      '@angular-eslint/template/no-positive-tabindex': 'error',
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests read JSON answers of many shapes and use do-nothing test doubles.
    files: ['apps/*-e2e/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-empty-function': 'off',
    },
  },
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
