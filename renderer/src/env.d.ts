// Stylesheets imported for their side effect (bundled by Vite into the page's CSS).
declare module '*.css';
