import { describe, expect, it } from 'vitest';
import { loadOnFirstUse } from './load-on-first-use.ts';

describe('loadOnFirstUse', () => {
  it('imports on the first call only and hands every caller the same module', async () => {
    let imports = 0;
    const load = loadOnFirstUse(async () => ({ module: ++imports }));
    expect(imports).toBe(0);
    const [first, second] = await Promise.all([load(), load()]);
    expect(await load()).toBe(first);
    expect(second).toBe(first);
    expect(imports).toBe(1);
  });

  it('tries a failed import again on the next call', async () => {
    let attempts = 0;
    const load = loadOnFirstUse(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('files replaced during an update');
      return 'module';
    });
    await expect(load()).rejects.toThrow('files replaced');
    expect(await load()).toBe('module');
    expect(attempts).toBe(2);
  });
});
