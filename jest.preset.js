// Shared Jest settings: every project resolves the workspace's path aliases the way tsc does.
const path = require('node:path');

module.exports = {
  testMatch: ['**/?(*.)+(spec|test).ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: {
    '^@herald/contracts$': path.join(__dirname, 'libs/contracts/src/index.ts'),
    '^@herald/contracts/dto$': path.join(__dirname, 'libs/contracts/src/dto.ts'),
    '^@herald/chat-client$': path.join(__dirname, 'libs/chat-client/src/index.ts'),
    '^@herald/chat-client/testing$': path.join(__dirname, 'libs/chat-client/src/testing/index.ts'),
    '^@herald/testing$': path.join(__dirname, 'libs/testing/src/index.ts'),
  },
  clearMocks: true,
};
