import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// TypeScript inside .svelte files is handled by Vite's own transform.
export default {
  preprocess: vitePreprocess(),
};
