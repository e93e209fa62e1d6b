import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { applyTheme, darkTheme } from '../kit/theme/theme';
import ConsoleApp from './ConsoleApp.vue';
import { parseLang, setLang } from '../kit/i18n';
import './console.css';

// The wall's colours, so the console reads as part of the same system; its own
// CSS because the wall's base.css is a fixed, non-scrolling design canvas.
applyTheme(darkTheme);
setLang(parseLang(new URLSearchParams(window.location.search).get('lang')));

const app = createApp(ConsoleApp);
app.use(createPinia());
app.mount('#app');

if (import.meta.hot) import.meta.hot.dispose(() => app.unmount());
