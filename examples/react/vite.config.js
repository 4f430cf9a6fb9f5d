// Vite builds the example as it is; JSX with React's automatic runtime (no plugin needed).
import { defineConfig } from 'vite';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
});
