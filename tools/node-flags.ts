/**
 * V8 flags for the long-running processes (API, worker). Their working sets
 * are bounded by batch and page sizes (a rebuild's heap stays under 70 MB at
 * 1M events), but V8 sizes its heap limit from the machine's memory (about
 * 4 GB here) and, far from that limit, grows the old space long before it
 * collects: the same rebuild peaked near 300 MB of RSS uncapped and at 175 MB
 * capped. The Dockerfile and docker-compose.yml set the same value.
 */
export const HEAP_LIMIT_MB = 256;
export const SERVICE_NODE_FLAGS = [`--max-old-space-size=${HEAP_LIMIT_MB}`];
