import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Files run in parallel workers; each test starts its own server on port 0.
    pool: 'forks',
    reporters: ['default'],
  },
});
