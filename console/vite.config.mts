import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The console's build: a single-page app whose screens are split per route (React.lazy), built to
 * dist/console/app, which the backend-for-frontend (console/bff) serves. No dev server is used by the
 * hub: `npm start` serves the built files behind the BFF's session, CSRF and CSP.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/console/app', import.meta.url)),
    emptyOutDir: true,
    // No inline script or style may be needed: the CSP forbids them (console/bff/security.ts).
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: true,
    rolldownOptions: {
      // React libraries mark modules "use client" for server components: meaningless in a SPA.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      checks: { pluginTimings: false },
    },
  },
});
