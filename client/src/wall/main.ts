import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { setLang } from '../kit/i18n';
import { applyTheme, darkTheme } from '../kit/theme/theme';
import '../kit/theme/base.css';
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
