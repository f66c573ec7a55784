// ESLint: typescript-eslint's recommended type-checked rules over the TypeScript sources and tests.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'out/',
      'node_modules/',
      '.cache/',
      'test-results/',
      'examples/',
      'docs/',
      '**/*.mjs',
      '**/*.cjs',
      '**/*.js',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // Tests read the CLI's JSON and SARIF output (JSON.parse gives `any`) and swap rule checks in and out.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // `(await conn.sendRequest(...)) as T` reads better in a test than a type argument on the call
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
);
