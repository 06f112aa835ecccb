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
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 5173,
    proxy: { '/api': `http://localhost:${process.env.PORT ?? 3000}` },
  },
});
