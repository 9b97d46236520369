// Stylesheets imported for their side effect (bundled by Vite into the page's CSS).
declare module '*.css';
// The first screen's part of antd's stylesheet, made at build time (renderer/build/first-screen-css.ts).
declare module 'virtual:antd-first-screen.css';
