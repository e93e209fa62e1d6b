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
// Fixture mode is no screen. A page opened with an enrollment link enrolls afresh (anonymously); if the link
// fails and the PC already holds a credential (a kiosk that autostarts the used link), it goes back to that.
const stored = raw.fixture ? null : loadScreen(store);
const enrolling = raw.fixture ? null : raw.enroll;
const boot: Boot = {
  credential: enrolling ? null : (stored?.credential ?? null),
  identity: enrolling ? null : (stored?.identity ?? null),
  enrollToken: enrolling,
  fixture: raw.fixture !== null,
  holdsCredential: stored !== null,
};
const params = applyIdentity(raw, boot.identity);
setReadAuthorization(boot.credential ? `Screen ${boot.credential}` : null);
applyTheme(darkTheme);
setLang(params.lang);

const app = createApp(WallApp, { params, boot, storage: store });
app.use(createPinia());
app.mount('#app');

if (import.meta.hot) import.meta.hot.dispose(() => app.unmount());
