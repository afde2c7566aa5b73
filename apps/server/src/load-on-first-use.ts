/**
 * A loader for a module the server needs only now and then (export libraries, the web pages, single
 * sign-on, Redis): the first call imports it, later calls get the same module. What a server at rest
 * never uses then costs it no memory; the first request that needs it waits for the import once.
 * A failed import (files replaced during an update) is tried again by the next call.
 */
export function loadOnFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () =>
    (loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    }));
}
