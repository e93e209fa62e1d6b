import { describe, expect, it } from 'vitest';
import { fill } from './fill';

describe('fill', () => {
  it('replaces known placeholders, keeps unknown ones visible, and passes a template without params through', () => {
    expect(fill('场景 {i}/{n}', { i: 2, n: 7 })).toBe('场景 2/7');
    expect(fill('{by} 接管 {x}', { by: 'admin' })).toBe('admin 接管 {x}');
    expect(fill('无参数 {i}')).toBe('无参数 {i}');
  });
});
