import type { InjectionKey, Ref } from 'vue';

/**
 * The metric whose tiles are lit up where this is provided, or null for none.
 * The app decides (the wall: a console or tour scene's KPI highlight, in the slot
 * showing the scene's module); a Tile only compares it with its own figure.
 */
export const SPOTLIGHT_KEY: InjectionKey<Readonly<Ref<string | null>>> = Symbol('tile-spotlight');
