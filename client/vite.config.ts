import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';

const BACKEND = process.env.WALL_BACKEND ?? 'http://localhost:8080';

/**
 * The server answers `/wall` with dist/wall.html; dev and preview do the same so
 * URLs (and the browser tests that use them) are identical everywhere. A later
 * `/console` entry slots into PAGES.
 */
const PAGES: Record<string, string> = { '/': '/wall.html', '/wall': '/wall.html', '/wall/': '/wall.html' };

function pageRoutes(): Plugin {
  const rewrite = (url: string | undefined): string | undefined => {
    if (!url) return url;
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const page = PAGES[path];
    return page ? page + (q < 0 ? '' : url.slice(q)) : url;
  };
  return {
    name: 'futian-page-routes',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        req.url = rewrite(req.url);
        next();
      });
    },
    configurePreviewServer(server) {
      server.middlewares.use((req, _res, next) => {
        req.url = rewrite(req.url);
        next();
      });
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [vue(), pageRoutes()],
  server: {
    proxy: {
      '/socket.io': { target: BACKEND, ws: true, changeOrigin: true },
      '/api': { target: BACKEND, changeOrigin: true },
    },
  },
  preview: {
    proxy: {
      '/socket.io': { target: BACKEND, ws: true, changeOrigin: true },
      '/api': { target: BACKEND, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // Walls run on whatever Chromium the control centre ships; ES2020 covers
    // every version the big-screen PCs are likely to carry.
    target: 'es2020',
    // Tree-shaken ECharts alone is ~510 kB raw (~170 kB gzip) and cannot shrink
    // further; the budget that matters is initial JS gzip (≤ 300 KB), which the
    // build output and the bench report.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      input: {
        wall: fileURLToPath(new URL('./wall.html', import.meta.url)),
        console: fileURLToPath(new URL('./console.html', import.meta.url)),
      },
      // No manual chunk groups: the bundler keeps code that only lazy modules use
      // (geo, treemap, sunburst) in lazy chunks. A single hand-made ECharts chunk
      // pulled those parts into the initial download.
    },
  },
});
