// The README's Svelte 5 recipe: the Svelte plugin, nothing for the cb-* elements.
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte()],
});
