// Jest transformer: turns the ES modules of packages that ship only ESM (NestJS 12) into CommonJS,
// which Jest's module system can load. `import.meta` becomes what CommonJS has in its place (the file's URL, its
// folder, require.resolve), and a module's own `require` made by createRequire goes: CommonJS has one already.
const ts = require('typescript');
const crypto = require('node:crypto');

module.exports = {
  process(source, filename) {
    const commonJs = source
      .replace(/\bconst require = createRequire\(import\.meta\.url\);/g, '')
      .replace(/\bimport\.meta\.url\b/g, "require('node:url').pathToFileURL(__filename).href")
      .replace(/\bimport\.meta\.dirname\b/g, '__dirname')
      .replace(/\bimport\.meta\.filename\b/g, '__filename')
      .replace(/\bimport\.meta\.resolve\(/g, 'require.resolve(');
    const { outputText } = ts.transpileModule(commonJs, {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, allowJs: true, esModuleInterop: true },
    });
    return { code: outputText };
  },
  getCacheKey(source, filename) {
    return crypto.createHash('sha1').update('esm-to-cjs-3').update(filename).update(source).digest('hex');
  },
};
