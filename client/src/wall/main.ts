import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { setLang } from '../i18n';
import { applyTheme, darkTheme } from '../theme/theme';
import '../theme/base.css';
import WallApp from './WallApp.vue';
import { parseParams } from './params';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const params = parseParams(window.location.search, storage());
applyTheme(darkTheme);
setLang(params.lang);

const app = createApp(WallApp, { params });
app.use(createPinia());
app.mount('#app');

if (import.meta.hot) import.meta.hot.dispose(() => app.unmount());
