import { computed, onScopeDispose, ref, shallowRef, watch, type ComputedRef, type Ref, type ShallowRef } from 'vue';
import type { PairingOffer, ScreenIdentity } from '@futian/shared';
import type { ScreenEvent } from '../stores/link';
import { useWallStore } from '../stores/wall';
import { clearScreen, needsReload, renewDelayMs, saveScreen, type KeyValueStore } from './identity';

/** How the page started, decided by main.ts before anything renders. */
export interface Boot {
  /** This PC's stored credential, or null on an unenrolled PC. */
  credential: string | null;
  /** Its stored identity (null if unreadable: the hello ack brings it). */
  identity: ScreenIdentity | null;
  /** A `?enroll=` token to redeem, already taken out of the address bar. */
  enrollToken: string | null;
  /** Fixture mode: no server, so no screen either. */
  fixture: boolean;
  /** With an enrollment token: whether the PC already holds a credential, to go back to if the link fails. */
  holdsCredential?: boolean;
}

export type PairingState = 'connecting' | 'enrolling' | 'requesting' | 'ready';
export interface Problem {
  kind: 'enroll' | 'pair' | 'storage';
  detail: string;
}

export interface Enrollment {
  /** The wall (enrolled, fixture, or an anonymous page where open view is on); otherwise the pairing screen. */
  showWall: ComputedRef<boolean>;
  /**
   * An anonymous page that does not know yet whether open view is on (no snapshot,
   * no offer): the shell shows nothing for a moment rather than flash the pairing
   * screen (and fetch its chunk) on a page that is about to show the wall.
   */
  undecided: ComputedRef<boolean>;
  /** Anonymous page: no credential (it pairs). */
  anonymous: boolean;
  /** The enrolled screen's identity (null while anonymous, or until the hello ack when storage lost it). */
  identity: Readonly<ShallowRef<ScreenIdentity | null>>;
  offer: Readonly<ShallowRef<PairingOffer | null>>;
  state: ComputedRef<PairingState>;
  problems: ComputedRef<Problem[]>;
  /** The wall store's screen events go here (ConnectOptions.onScreen). */
  onScreen(e: ScreenEvent): void;
}

/** A refused code request (limits, a restarting server) is asked again this much later. */
const PAIR_RETRY_MS = 15_000;

/**
 * The page's life as a screen. Enrolled: it follows its configuration (a new
 * layout, module or mode reloads the page into it; a new name does not) and,
 * revoked, forgets its credential and reloads into pairing. Anonymous: it
 * redeems a `?enroll=` token, or shows a pairing code, renewed before it expires
 * and after every reconnect (the server drops a code with its socket), until an
 * operator approves it; then it stores the credential and reloads as the screen.
 * Whether an anonymous page shows the wall meanwhile is the server's open view:
 * a snapshot, or the code's offer, says so.
 */
export function useEnrollment(boot: Boot, deps: { storage: KeyValueStore | null; reload: () => void; layout: () => string }): Enrollment {
  const wall = useWallStore();
  const anonymous = !boot.fixture && !boot.credential;
  const identity = shallowRef<ScreenIdentity | null>(anonymous ? null : boot.identity);
  const offer = shallowRef<PairingOffer | null>(null);
  const openView = ref<boolean | null>(null);
  const enrolling = ref(anonymous && boot.enrollToken !== null);
  const enrollProblem = ref<Problem | null>(null);
  const pairProblem = ref<Problem | null>(null);
  const storageProblem = ref<Problem | null>(null);
  let token = anonymous ? boot.enrollToken : null;
  let renewTimer: ReturnType<typeof setTimeout> | undefined;
  let pairSeq = 0;
  let reloading = false;

  function reload(): void {
    if (reloading) return;
    reloading = true;
    clearTimeout(renewTimer);
    deps.reload();
  }

  function storageRefused(): void {
    storageProblem.value = { kind: 'storage', detail: '' };
  }

  async function requestCode(): Promise<void> {
    clearTimeout(renewTimer);
    if (!anonymous || enrolling.value || reloading || wall.connection !== 'connected') return;
    const mine = ++pairSeq;
    const res = await wall.pair(deps.layout());
    // A newer request, or a reconnect (which asks again), makes this answer moot.
    if (mine !== pairSeq || reloading || wall.connection !== 'connected') return;
    if (res.ok) {
      offer.value = res.data;
      openView.value = res.data.openView;
      pairProblem.value = null;
      renewTimer = setTimeout(() => void requestCode(), renewDelayMs(res.data, wall.serverNow()));
    } else {
      offer.value = null;
      pairProblem.value = { kind: 'pair', detail: res.error };
      renewTimer = setTimeout(() => void requestCode(), PAIR_RETRY_MS);
    }
  }

  async function redeem(): Promise<void> {
    const t = token;
    if (!t || reloading) return;
    const res = await wall.enroll(t);
    if (res.ok) {
      token = null;
      if (saveScreen(deps.storage, res.data.credential, res.data.screen)) return reload();
      storageRefused();
    } else if (wall.connection !== 'connected') {
      // Lost on the way: the next connection tries again (a used token then says so).
      return;
    } else if (boot.holdsCredential) {
      // The link is used or expired, but this PC is a screen already (say, a kiosk that autostarts the link): stay it.
      return reload();
    } else {
      token = null;
      enrollProblem.value = { kind: 'enroll', detail: res.error };
    }
    enrolling.value = false;
    void requestCode();
  }

  function onScreen(e: ScreenEvent): void {
    if (reloading) return;
    switch (e.type) {
      case 'enrolled':
        // An operator approved this page's code.
        if (!anonymous) return;
        if (saveScreen(deps.storage, e.enrolled.credential, e.enrolled.screen)) reload();
        else storageRefused();
        return;
      case 'config': {
        if (anonymous || !boot.credential) return;
        const again = needsReload(boot.identity, e.screen);
        identity.value = e.screen;
        // Reload only into what was kept: a reload that lost it would come back as before, and reload again.
        if (saveScreen(deps.storage, boot.credential, e.screen) && again) reload();
        return;
      }
      case 'revoked':
        if (anonymous) return;
        if (clearScreen(deps.storage)) reload();
        else storageRefused();
        return;
    }
  }

  // With open view on, the server joins an anonymous page to the live room: data is the answer.
  watch(
    () => wall.snapshot,
    (s) => {
      if (s && anonymous) openView.value = true;
    },
  );
  watch(
    () => wall.connection,
    (c) => {
      if (!anonymous) return;
      if (c !== 'connected') {
        // The server dropped the code with the socket; a dead code must not stay on the screen.
        offer.value = null;
        clearTimeout(renewTimer);
        pairSeq++;
        return;
      }
      if (enrolling.value) void redeem();
      else void requestCode();
    },
  );
  onScopeDispose(() => clearTimeout(renewTimer));

  const showWall = computed(() => {
    if (storageProblem.value && !boot.fixture) return false;
    if (!anonymous) return true;
    return !enrolling.value && !enrollProblem.value && openView.value === true;
  });
  const undecided = computed(
    () => anonymous && !enrolling.value && openView.value === null && !enrollProblem.value && !storageProblem.value,
  );
  const state = computed<PairingState>(() => {
    if (enrolling.value) return 'enrolling';
    if (wall.connection !== 'connected') return 'connecting';
    return offer.value ? 'ready' : 'requesting';
  });
  const problems = computed(() => [storageProblem.value, enrollProblem.value, pairProblem.value].filter((p): p is Problem => p !== null));

  return { showWall, undecided, anonymous, identity, offer, state, problems, onScreen };
}
