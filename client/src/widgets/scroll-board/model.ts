/**
 * The scrolling board moves one copy of its list upward forever: the track holds
 * the list twice and a linear CSS animation translates it by exactly one copy, so
 * the loop has no seam. The animation runs on the compositor, so main-thread work
 * (a burst of deltas, a chart rebuild) cannot make it stutter or change speed.
 */
export interface ScrollPlan {
  /** False when the list fits: it then stands still and is shown once. */
  scroll: boolean;
  /** Seconds for one copy to pass, so the speed is the same for any list length. */
  durationS: number;
}

/** Heights in design px (CSS px ÷ u), so the speed is the same on a 1080p and a 4K wall. */
export function scrollPlan(copyHeight: number, viewportHeight: number, speed: number): ScrollPlan {
  if (!(copyHeight > 0) || !(viewportHeight > 0) || !(speed > 0) || copyHeight <= viewportHeight) {
    return { scroll: false, durationS: 0 };
  }
  // Rounded to 0.1 s: re-measuring the same list must not restart the animation.
  return { scroll: true, durationS: Math.round((copyHeight / speed) * 10) / 10 };
}

/** True when a new plan differs enough to be worth restarting the animation for. */
export function planChanged(prev: ScrollPlan, next: ScrollPlan): boolean {
  if (prev.scroll !== next.scroll) return true;
  if (!next.scroll) return false;
  return Math.abs(prev.durationS - next.durationS) > Math.max(0.2, prev.durationS * 0.02);
}
