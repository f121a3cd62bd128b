/**
 * Runs `task` now and then every `intervalMs`, never two at once (a slow run makes the next
 * tick wait, it does not pile up); failures go to `onError` and the next tick tries again.
 * The timer does not keep the process alive. Returns the function that stops it.
 */
export function repeatEvery(
  intervalMs: number,
  task: () => Promise<void>,
  onError: (error: unknown) => void,
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await task();
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
