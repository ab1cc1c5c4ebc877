// `npm run dev`: the Angular dev server hands /api (streams included) to the API that tools/dev/dev.mjs runs.
export default {
  '/api': { target: process.env.HERALD_API_URL ?? 'http://127.0.0.1:3000', changeOrigin: false },
};
