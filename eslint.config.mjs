// ESLint with type information (typescript-eslint), for rules that catch bugs rather than taste: promises left
// floating or passed where nothing awaits them, `any` leaking into typed sources, objects stringified by accident,
// methods passed without their `this`, duplicate imports, declarations inside a `case`. Layout is Prettier's job
// (`npm run lint` runs `prettier --check` after ESLint).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/', '**/dist/', 'packages/proto/src/generated/', 'coverage/', 'test-artifacts/', 'data/'] },
  js.configs.recommended,
  {
    rules: {
      'no-duplicate-imports': 'error',
      // One kind of private member: TypeScript's `private`. `#private` stays only where hiding matters at run time:
      // the bot DSL, whose objects bot authors' code holds, and the API keys' digests, kept out of logged objects.
      'no-restricted-syntax': [
        'error',
        { selector: 'PrivateIdentifier', message: 'Use the `private` modifier (see eslint.config.mjs for where #private stays).' },
      ],
    },
  },
  { files: ['packages/bot/src/**', 'packages/domain/src/api-keys.ts'], rules: { 'no-restricted-syntax': 'off' } },
  {
    files: ['**/*.ts', '**/*.mts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { project: ['./tsconfig.test.json'], tsconfigRootDir: import.meta.dirname } },
    rules: {
      // An async function without await is how an interface's promise-returning member is written: taste, not a bug.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests reach into JSON answers and mocks' internals on purpose; `any` there fails the test, not a user.
    files: ['**/*.test.ts', '**/*.contract.ts', 'testkit/**', 'test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // `response.json() as Shape` reads as well as `response.json<Shape>()`.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    // Bot bodies (tests and the example bots) print session variables, JSON values, in replies on purpose.
    files: ['**/*.test.ts', 'testkit/**', 'test/**', 'examples/src/**'],
    rules: { '@typescript-eslint/no-base-to-string': 'off' },
  },
  { files: ['**/*.mjs', '**/*.cjs', '**/*.js'], languageOptions: { globals: globals.node } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  { files: ['services/dialogue/public/**'], languageOptions: { globals: globals.browser } },
  { files: ['**/*.ts'], rules: { 'no-undef': 'off' } },
);
