// README „Vite“: only the dev server's pre-bundling must leave the package alone.
export default {
  optimizeDeps: { exclude: ['digicheck'] },
  build: { outDir: 'dist-vite', rollupOptions: { input: 'vite.html' } },
};
