export interface BoardItem {
  key: string;
  title: string;
  text: string;
  /** Small label beside the title, e.g. 原文点名. */
  tag?: string;
}
