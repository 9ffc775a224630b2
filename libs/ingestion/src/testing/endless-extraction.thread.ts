// A test stand-in for the extraction thread (ExtractionPool's `thread`): real
// extraction of the submitted article, again and again, never answering. A
// real pathological article's cost depends on the machine; this one's does not.
import { candidatesOf } from '../domain/candidates';
import type { ExtractionTask } from '../extraction/extract-article.thread';

export default function endlessExtraction(task: ExtractionTask): never {
  for (;;) candidatesOf(task.payload, task.options);
}
