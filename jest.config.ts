// `npx jest` at the top runs every project's suite; `npm test` runs the same projects through Nx.
export default {
  projects: [
    '<rootDir>/libs/contracts',
    '<rootDir>/libs/chat-client',
    '<rootDir>/apps/api',
    '<rootDir>/apps/api-e2e',
    '<rootDir>/apps/web',
    '<rootDir>/apps/web-e2e',
  ],
};
