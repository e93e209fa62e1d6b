import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { setReadAuthorization } from '../kit/context/read-auth';
import { setLang } from '../kit/i18n';
import { applyTheme, darkTheme } from '../kit/theme/theme';
import '../kit/theme/base.css';
import WallApp from './WallApp.vue';
import { applyIdentity, loadScreen } from './enroll/identity';
import type { Boot } from './enroll/useEnrollment';
import { parseParams, withoutEnroll } from './params';

const raw = parseParams(window.location.search);
// An enrollment token must not stay in the address bar, the history or a screenshot: out before anything else.
if (new URLSearchParams(window.location.search).has('enroll')) {
  window.history.replaceState(window.history.state, '', withoutEnroll(window.location.href));
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const store = storage();
// A page opened with an enrollment link enrolls afresh, whatever it held before; fixture mode is no screen.
const stored = raw.fixture || raw.enroll ? null : loadScreen(store);
const boot: Boot = {
  credential: stored?.credential ?? null,
  identity: stored?.identity ?? null,
  enrollToken: raw.fixture ? null : raw.enroll,
  fixture: raw.fixture !== null,
};
const params = applyIdentity(raw, boot.identity);
setReadAuthorization(boot.credential ? `Screen ${boot.credential}` : null);
applyTheme(darkTheme);
setLang(params.lang);

const app = createApp(WallApp, { params, boot, storage: store });
app.use(createPinia());
app.mount('#app');

if (import.meta.hot) import.meta.hot.dispose(() => app.unmount());
