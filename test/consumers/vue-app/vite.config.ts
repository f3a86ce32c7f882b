// The README's Vue 3 recipe, verbatim: Vue's compiler leaves the cb-* tags to the browser.
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('cb-') } } }),
  ],
});
