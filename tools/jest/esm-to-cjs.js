// Jest transformer: turns the ES modules of packages that ship only ESM (NestJS 12) into CommonJS,
// which Jest on Node 20 can load. `import.meta.url` becomes the file's URL first, as CommonJS has none.
const ts = require('typescript');
const crypto = require('node:crypto');

module.exports = {
  process(source, filename) {
    const withoutImportMeta = source.replace(/\bimport\.meta\.url\b/g, "require('node:url').pathToFileURL(__filename).href");
    const { outputText } = ts.transpileModule(withoutImportMeta, {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, allowJs: true, esModuleInterop: true },
    });
    return { code: outputText };
  },
  getCacheKey(source, filename) {
    return crypto.createHash('sha1').update('esm-to-cjs-1').update(filename).update(source).digest('hex');
  },
};
