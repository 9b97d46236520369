// Lint rules, including the layer rules of ARCHITECTURE.md as import restrictions (the tsconfig projects check the
// same boundaries through types; this gives a clear message naming the rule).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const runtimeSpecific = (layer) => [
  { group: ['node:*'], message: `${layer} is runtime-neutral: no Node built-ins.` },
  { group: ['electron', 'electron/*'], message: `${layer} must not import electron.` },
];

export default tseslint.config(
  { ignores: ['node_modules/', '.cache/', 'dist/', 'renderer/dist/', 'out/', 'test/vectors/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // Rule 1: shared/ imports nothing runtime-specific and nothing from main/ or renderer/.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'shared/ is runtime-neutral: no Node built-ins.' })),
          patterns: [
            ...runtimeSpecific('shared/'),
            { group: ['**/main/**', '**/renderer/**'], message: 'shared/ must not import main/ or renderer/.' },
            { group: ['react', 'react-dom', 'react/*'], message: 'shared/ must not import UI libraries.' },
          ],
        },
      ],
    },
  },
  {
    // Rule 2: renderer/ never imports electron, Node built-ins or main/. (renderer/build/ is build tooling run by
    // Vite in Node — precompression, preload hints, the first screen's CSS — and never reaches the page.)
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/build/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'renderer/ runs in the page: no Node built-ins.' })),
          patterns: [
            ...runtimeSpecific('renderer/'),
            { group: ['**/main/**'], message: 'renderer/ reaches the node only through the typed API client.' },
          ],
        },
      ],
    },
  },
  {
    // Rule 3: the headless node never imports electron or the renderer.
    files: ['main/node/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'main/node/ runs in plain Node too: no electron.' },
            { group: ['**/renderer/**', '**/main/electron/**'], message: 'main/node/ must not import the app shell.' },
          ],
        },
      ],
    },
  },
  {
    // Rule 4: the deterministic core imports only shared/ and its own interfaces: no I/O, clock or randomness source.
    files: [
      'main/node/ledger/**/*.ts',
      'main/node/settlement/**/*.ts',
      'main/node/contracts/**/*.ts',
      'main/node/consensus/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'The state machine is pure: no Node built-ins.' })),
          patterns: [
            { group: ['electron', 'electron/*'], message: 'The state machine is pure: no electron.' },
            {
              group: ['better-sqlite3', 'libp2p', '@libp2p/*', '@chainsafe/*', 'pkcs11js'],
              message: 'The state machine is pure: storage, network and signers are ports it owns, not imports.',
            },
            {
              group: ['**/storage/**', '**/p2p/**', '**/signer/**', '**/api/**', '**/cli/**', '**/execution/**'],
              message: 'The state machine must not reach into adapters; define a port (interface) instead.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'Use block time, passed in, not the wall clock.' },
        { name: 'setTimeout', message: 'Timeouts are effects returned to the runner.' },
        { name: 'setInterval', message: 'Timeouts are effects returned to the runner.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use seeded randomness passed in.' },
        { object: 'performance', property: 'now', message: 'Use block time, passed in.' },
      ],
    },
  },
  {
    // Rule 5: main/electron is the app shell; the node reaches it only through its public facade.
    files: ['main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/renderer/**'], message: 'The main process does not import renderer code.' }] },
      ],
    },
  },
  {
    // Rule 5b: the app shell's logic (security policies, IPC validation, timers, protocol) imports nothing from
    // electron at run time, so plain Node tests exercise it; Electron calls live in main.ts, hardening.ts,
    // presence.ts, node-host-process.ts and preload.ts (docs/desktop.md).
    files: [
      'main/electron/{app-origin,app-protocol,bridge-factory,channels,desktop-config,host-client,host-protocol}.ts',
      'main/electron/{idle-lock,inbox-watch,ipc-api,navigation-policy,node-host,node-host-entry}.ts',
      'main/electron/{sender-check,signing-session,subscription-registry,tray-icon,window-options}.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/renderer/**'], message: 'The main process does not import renderer code.' },
            {
              group: ['electron', 'electron/*'],
              allowTypeImports: true,
              message:
                'Keep Electron calls in the glue files (main.ts, hardening.ts, ...); this logic is tested in Node.',
            },
          ],
        },
      ],
    },
  },
);
