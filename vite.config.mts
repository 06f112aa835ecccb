import react from '@vitejs/plugin-react-swc';
import { defineConfig } from 'vite';

// The web interface: built into dist/ui, which `npm start` serves beside /api.
// `npm run dev` serves it with hot reload and forwards /api to a server started with `npm start`.
export default defineConfig({
  root: 'ui',
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: '../dist/ui',
    emptyOutDir: true,
    sourcemap: true,
    // bench/bundle.bench.ts reads it to weigh what each page loads.
    manifest: true,
    // The DSFR's icon stylesheets name hundreds of SVG files: inlined, they would make the CSS weigh
    // megabytes; as files, the browser fetches only the icons a page shows.
    assetsInlineLimit: (file) => (file.endsWith('.svg') ? false : undefined),
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 5173,
    proxy: { '/api': `http://localhost:${process.env.PORT ?? 3000}` },
  },
});
