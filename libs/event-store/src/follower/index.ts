export * from './leased-session';
export * from './log-follower';
export * from './read-batch';
