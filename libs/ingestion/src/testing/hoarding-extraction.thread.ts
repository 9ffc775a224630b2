// A test stand-in for the extraction thread (ExtractionPool's `thread`): real
// extraction of the submitted article, keeping every pass's result, so its heap
// grows until the thread's resource limit stops it.
import { candidatesOf } from '../domain/candidates';
import type { ExtractionTask } from '../extraction/extract-article.thread';

export default function hoardingExtraction(task: ExtractionTask): never {
  const kept: unknown[] = [];
  for (;;)
    kept.push(
      candidatesOf(task.payload, task.options),
      Array.from({ length: 100_000 }, (_, i) => ({ i })),
    );
}
